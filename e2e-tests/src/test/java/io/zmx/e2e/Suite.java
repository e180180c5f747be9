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
    private static FaultProxy registryProxy;

    private Suite() {}

    static synchronized LocalStack stack() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("zmx.root", "..")).toAbsolutePath().normalize();
            LocalStack.Ports ports = LocalStack.Ports.free();
            // export-service and the gateway reach registry-service through a proxy the fault tests can slow down
            registryProxy = FaultProxy.start(ports.registry());
            stack = new LocalStack(root, ports, root.resolve("e2e-tests/target/suite"), Map.of(
                    // the authorization matrix and the fuzz suite send hundreds of calls per client in seconds
                    "ZMX_RATE_LIMIT_RPS", "2000", "ZMX_RATE_LIMIT_BURST", "4000",
                    "ZMX_SCREENER_EVERY", "1s",
                    // random inspection off: verdicts asserted here are the rules' own (export-service's tests
                    // cover the deterministic 2% draw)
                    "ZMX_EXPORT_RANDOM_INSPECTION_SHARE", "0",
                    "ZMX_REGISTRY_URL", registryProxy.url(),
                    // fault tests kill export-service mid-screening and cut dependencies for seconds, not hours:
                    // a claim of a killed instance expires after 15 s, backoff stays under 8 s
                    "ZMX_SCREENER_LEASE", "PT15S", "ZMX_SCREENER_BACKOFF_BASE", "PT1S",
                    "ZMX_SCREENER_BACKOFF_MAX", "PT8S"));
            try {
                stack.start();
            } catch (RuntimeException e) {
                stack.close();
                stack = null;
                throw e;
            }
            Path contractRoot = Path.of(System.getProperty("zmx.root", "..")).toAbsolutePath().normalize();
            // every answer a test gets is checked against the partner contract (issue 11)
            api = new Api(stack.gatewayUrl(), stack.issuer()).observedBy(new ContractCheck(Contract.load(contractRoot)));
        }
        return stack;
    }

    /** The proxy between registry-service and its callers (export-service, the gateway). */
    static FaultProxy registryProxy() {
        stack();
        return registryProxy;
    }

    /** Partner calls through the gateway; every answer is checked against the partner contract ({@link ContractCheck}). */
    static Api gateway() {
        stack();
        return api;
    }

    /** Partner calls through the gateway whose answers are not checked: for suites that collect findings themselves. */
    static Api gatewayUnchecked() {
        stack();
        return new Api(stack.gatewayUrl(), stack.issuer());
    }
}
