package io.zmx.e2e;

import io.zmx.local.Api;
import io.zmx.local.LocalStack;
import java.nio.file.Path;
import java.util.Map;

/**
 * The suite under test: the four built service jars, one real PostgreSQL and a real OIDC issuer on free
 * loopback ports, started once for every end-to-end test class in this JVM and stopped when it exits.
 */
final class Suite {

    private static LocalStack stack;
    private static Api api;

    private Suite() {}

    static synchronized LocalStack stack() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("zmx.root", "..")).toAbsolutePath().normalize();
            stack = new LocalStack(root, LocalStack.Ports.free(), root.resolve("e2e-tests/target/suite"),
                    // the authorization matrix sends hundreds of calls per client in seconds
                    // random inspection off: verdicts asserted here are the rules' own (export-service's tests
                    // cover the deterministic 2% draw)
                    Map.of("ZMX_RATE_LIMIT_RPS", "2000", "ZMX_RATE_LIMIT_BURST", "4000",
                            "ZMX_SCREENER_EVERY", "1s", "ZMX_EXPORT_RANDOM_INSPECTION_SHARE", "0"));
            try {
                stack.start();
            } catch (RuntimeException e) {
                stack.close();
                stack = null;
                throw e;
            }
            api = new Api(stack.gatewayUrl(), stack.issuer());
        }
        return stack;
    }

    /** Partner calls through the gateway. */
    static Api gateway() {
        stack();
        return api;
    }
}
