package io.zmx.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real Keycloak (keycloak-quarkus-dist, unpacked into target/ by the build) with the committed realm
 * k8s/base/keycloak/zmx-realm.json, on a free loopback port, run by a JDK 21+ of its own. Client secrets
 * are generated per run and handed to Keycloak through the realm file's environment placeholders.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    /** Client ids of the realm and the placeholder naming each one's secret. */
    public static final Map<String, String> CLIENTS = Map.ofEntries(
            Map.entry("zmx-admin", "ZMX_KC_SECRET_ADMIN"),
            Map.entry("agency-kz", "ZMX_KC_SECRET_AGENCY_KZ"),
            Map.entry("agency-uz", "ZMX_KC_SECRET_AGENCY_UZ"),
            Map.entry("agency-ru", "ZMX_KC_SECRET_AGENCY_RU"),
            Map.entry("agency-kg", "ZMX_KC_SECRET_AGENCY_KG"),
            Map.entry("exporter-chengdu", "ZMX_KC_SECRET_EXPORTER_CHENGDU"),
            Map.entry("exporter-shenzhen", "ZMX_KC_SECRET_EXPORTER_SHENZHEN"),
            Map.entry("customs-cn", "ZMX_KC_SECRET_CUSTOMS_CN"),
            Map.entry("analyst", "ZMX_KC_SECRET_ANALYST"),
            Map.entry("manufacturer-byd", "ZMX_KC_SECRET_MANUFACTURER_BYD"),
            Map.entry("registrar-cn-sc", "ZMX_KC_SECRET_REGISTRAR_CN_SC"),
            Map.entry("rule-author", "ZMX_KC_SECRET_RULE_AUTHOR"),
            Map.entry("export-service", "ZMX_KC_SECRET_EXPORT_SERVICE"));

    static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    static String issuer;
    private static Process keycloak;

    /** A JDK 21 or newer for Keycloak: ZMX_KEYCLOAK_JAVA_HOME, the Temurin 25 beside the default Java, or this one. */
    public static Optional<Path> javaHome() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("ZMX_KEYCLOAK_JAVA_HOME")).ifPresent(candidates::add);
        candidates.add("/usr/lib/jvm/temurin-25-jdk-amd64");
        candidates.add("/usr/lib/jvm/temurin-21-jdk-amd64");
        candidates.add("/usr/lib/jvm/java-21-openjdk-amd64");
        if (Runtime.version().feature() >= 21) {
            candidates.add(System.getProperty("java.home"));
        }
        for (String candidate : candidates) {
            Path home = Path.of(candidate);
            if (Files.isExecutable(home.resolve("bin/java")) && feature(home) >= 21) {
                return Optional.of(home);
            }
        }
        return Optional.empty();
    }

    /** For JUnit's {@code @EnabledIf}: Keycloak 26 needs JDK 21+. */
    public static boolean jdkAvailable() {
        return javaHome().isPresent();
    }

    private static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public synchronized Map<String, String> start() {
        Path home = Path.of(System.getProperty("zmx.keycloak.home", "target/keycloak/keycloak"));
        Path realm = Path.of(System.getProperty("zmx.realm.file", "../k8s/base/keycloak/zmx-realm.json"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak distribution not unpacked at " + home.toAbsolutePath()
                    + " (the build unpacks org.keycloak:keycloak-quarkus-dist before integration tests)");
        }
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realm, imports.resolve("zmx-realm.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(home.resolve("data/h2/keycloakdb.mv.db")); // fresh import each run
            int port = freePort();
            int management = freePort();
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + management,
                    "--cache=local", "--import-realm", "--hostname-strict=false")
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target/keycloak.log").toFile());
            pb.environment().put("JAVA_HOME", javaHome().orElseThrow().toString());
            pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            for (Map.Entry<String, String> client : CLIENTS.entrySet()) {
                String secret = UUID.randomUUID().toString();
                SECRETS.put(client.getKey(), secret);
                pb.environment().put(client.getValue(), secret);
            }
            keycloak = pb.start();
            issuer = "http://127.0.0.1:" + port + "/realms/zmx";
            awaitReady(issuer + "/.well-known/openid-configuration", Duration.ofMinutes(4));
            return Map.of("quarkus.oidc.auth-server-url", issuer,
                    "quarkus.oidc.token.issuer", issuer,
                    "zmx.gateway.rate-limit.burst", "1000");
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitReady(String url, Duration patience) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + keycloak.exitValue() + "; see target/keycloak.log");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Keycloak not ready within " + patience + "; see target/keycloak.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public synchronized void stop() {
        if (keycloak != null) {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            try {
                if (!keycloak.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    keycloak.descendants().forEach(ProcessHandle::destroyForcibly);
                    keycloak.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            keycloak = null;
        }
    }
}
