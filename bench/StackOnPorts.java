import io.zmx.local.DemoData;
import io.zmx.local.LocalStack;
import io.zmx.local.ServiceProcess;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack (local-stack's LocalStack, the same launcher ./zmx-local uses) on ports of its own, so a benchmark
 * can run while someone else's stack holds the default ones (8080-8083, 8180, 15432) on this shared machine:
 * gateway BASE+80, registry BASE+81, compliance BASE+82, export BASE+83, issuer BASE+180, PostgreSQL BASE+432,
 * management interfaces at port+1000 when free; working directory ROOT/.zmx-local/ports-BASE (logs in its logs/).
 * Run by bench/submit-lib.sh's start_stack when PORT_BASE is set to anything but 8000:
 * <pre>
 *   java [-Dzmx.no-demo=true] [-Dzmx.production-jvm=true] -Dzmx.root=ROOT -cp local-stack.jar:lib/* bench/StackOnPorts.java BASE
 * </pre>
 * Prints each service's URLs and then "zmx is running", as LocalStackMain does; stops everything on SIGTERM.
 */
public class StackOnPorts {

    public static void main(String[] args) throws Exception {
        int base = Integer.parseInt(args[0]);
        Path root = Path.of(System.getProperty("zmx.root", ".")).toAbsolutePath().normalize();
        LocalStack.Ports ports = new LocalStack.Ports(base + 432, base + 180, base + 80, base + 81, base + 82, base + 83);
        LocalStack stack = new LocalStack(root, ports, root.resolve(".zmx-local").resolve("ports-" + base));
        try {
            stack.start();
            if (!Boolean.getBoolean("zmx.no-demo")) {
                System.out.println("[zmx-local] demo data: " + new DemoData(stack).load());
            }
        } catch (RuntimeException e) {
            System.err.println("[zmx-local] failed: " + e.getMessage());
            stack.close();
            System.exit(1);
        }
        for (ServiceProcess s : stack.services()) {
            System.out.println("  service " + s.name() + " " + s.url() + " management " + s.managementUrl() + " log " + s.log());
        }
        System.out.println("  issuer " + stack.issuer().issuerUrl() + " token " + stack.issuer().tokenUrl());
        System.out.println("\n  zmx is running");
        new CountDownLatch(1).await();
    }
}
