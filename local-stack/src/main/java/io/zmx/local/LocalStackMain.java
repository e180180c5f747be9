package io.zmx.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./zmx-local}: starts the suite with demo data, prints where to go, and stops everything
 * (PostgreSQL included) on Ctrl-C.
 */
public final class LocalStackMain {

    private LocalStackMain() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("zmx.root", ".")).toAbsolutePath().normalize();
        boolean demo = !Boolean.getBoolean("zmx.no-demo");
        LocalStack stack = new LocalStack(root, LocalStack.Ports.defaults(), root.resolve(".zmx-local"));
        try {
            stack.start();
            if (demo) {
                DemoData.Summary summary = new DemoData(stack).load();
                LocalStack.log("demo data: " + summary);
            }
        } catch (RuntimeException e) {
            System.err.println("[zmx-local] failed: " + e.getMessage());
            stack.close();
            System.exit(1);
        }
        printWelcome(stack);
        new CountDownLatch(1).await(); // until Ctrl-C; the shutdown hook stops everything
    }

    static void printWelcome(LocalStack stack) {
        String gw = stack.gatewayUrl();
        StringBuilder sb = new StringBuilder();
        sb.append("\n  zmx is running (Ctrl-C stops everything, PostgreSQL included)\n\n");
        sb.append(String.format("  %-35s", "Web console (people, in a browser)")).append(gw).append("/console/\n");
        sb.append("  Gateway (partners, web frontends)  ").append(gw).append("/api/v1\n");
        sb.append("  Swagger UI (merged contract)       ").append(gw).append("/q/swagger-ui\n");
        for (ServiceProcess s : stack.services()) {
            sb.append(String.format("  %-34s %s/q/swagger-ui   log: %s%n", s.name(), s.url(), s.log()));
        }
        sb.append("  PostgreSQL                         127.0.0.1:").append(stack.ports().postgres())
                .append(" (databases registry, compliance, exports; user = password = database name)\n");
        sb.append("  OIDC issuer                        ").append(stack.issuer().issuerUrl()).append("\n\n");
        sb.append("  Get a token for a role (client credentials; any secret works locally):\n");
        for (Clients.Client c : Clients.ALL) {
            sb.append(String.format("    %-20s %s%n", c.id(), c.purpose()));
        }
        sb.append("\n  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=agency-kz -d client_secret=local \\\n")
                .append("      ").append(stack.issuer().tokenUrl()).append(" | tr -d ' \\n' | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')\n");
        sb.append("  curl -H \"Authorization: Bearer $TOKEN\" ").append(gw).append("/api/v1/filings\n");
        System.out.println(sb);
    }
}
