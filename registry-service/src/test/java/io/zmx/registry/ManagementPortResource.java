package io.zmx.registry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * For {@code *IT}s, which run the packaged application as a process of its own: a free port for its management
 * interface (health and metrics), so the test knows where to ask and never meets a local stack's 9081.
 */
public class ManagementPortResource implements QuarkusTestResourceLifecycleManager {

    static volatile int port;

    @Override
    public Map<String, String> start() {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.management.port", String.valueOf(port));
    }

    @Override
    public void stop() {
    }
}
