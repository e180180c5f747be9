package io.zmx.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite on one machine: PostgreSQL, the OIDC issuer and the four services, started in
 * dependency order and stopped in reverse. Used by {@code ./zmx-local} and by the end-to-end tests.
 */
public final class LocalStack implements AutoCloseable {

    public record Ports(int postgres, int issuer, int gateway, int registry, int compliance, int export) {
        public static Ports defaults() {
            return new Ports(15432, 8180, 8080, 8081, 8082, 8083);
        }

        /** Free loopback ports, so tests never collide with a developer's running stack. */
        public static Ports free() {
            return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        }

        private static int freePort() {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                return s.getLocalPort();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("no free port", e);
            }
        }
    }

    private final Path root;
    private final Ports ports;
    private final Path workDir;
    private Database database;
    private Issuer issuer;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<String, String> extraEnv;

    public LocalStack(Path root, Ports ports, Path workDir) {
        this(root, ports, workDir, Map.of());
    }

    /** {@code extraEnv} overrides service configuration, e.g. rate limits for a test run. */
    public LocalStack(Path root, Ports ports, Path workDir, Map<String, String> extraEnv) {
        this.root = root;
        this.ports = ports;
        this.workDir = workDir;
        this.extraEnv = Map.copyOf(extraEnv);
    }

    public LocalStack start() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "zmx-local-stop"));
        log("starting PostgreSQL on 127.0.0.1:" + ports.postgres());
        database = Database.start(ports.postgres(), workDir.resolve("postgres"));
        log("starting the OIDC issuer on 127.0.0.1:" + ports.issuer());
        issuer = new Issuer(ports.issuer()).start();

        // registry and compliance first: export-service and the gateway call them
        ServiceProcess registry = launch("registry-service", ports.registry(), Map.of(
                "ZMX_REGISTRY_DB_URL", database.jdbcUrl("registry")), "384m");
        // each service's reactive client uses its JDBC URL without "jdbc:" (edge's ReactiveUrlFromJdbc)
        ServiceProcess compliance = launch("compliance-service", ports.compliance(), Map.of(
                "ZMX_COMPLIANCE_DB_URL", database.jdbcUrl("compliance")), "384m");
        registry.awaitReady(Duration.ofMinutes(3));
        compliance.awaitReady(Duration.ofMinutes(3));
        ServiceProcess export = launch("export-service", ports.export(), Map.of(
                "ZMX_EXPORT_DB_URL", database.jdbcUrl("exports")), "384m");
        ServiceProcess gateway = launch("gateway", ports.gateway(), Map.of(), "256m");
        export.awaitReady(Duration.ofMinutes(3));
        gateway.awaitReady(Duration.ofMinutes(3));
        return this;
    }

    private ServiceProcess launch(String module, int port, Map<String, String> own, String heap) {
        Map<String, String> env = new LinkedHashMap<>(commonEnv());
        env.putAll(own);
        log("starting " + module + " on 127.0.0.1:" + port);
        ServiceProcess p = ServiceProcess.start(module, root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"),
                port, env, workDir.resolve("logs"), heap);
        services.add(p);
        return p;
    }

    /** Every service gets the same map of where things are; each reads the keys it needs. */
    private Map<String, String> commonEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZMX_OIDC_ISSUER", issuer.issuerUrl());
        env.put("ZMX_EXPORT_OIDC_CLIENT_SECRET", "local");
        env.put("ZMX_EXPORT_OIDC_CLIENT_SECRET_METHOD", "post");
        env.put("ZMX_JSON_LOGS", "false");
        env.put("ZMX_REGISTRY_URL", "http://127.0.0.1:" + ports.registry());
        env.put("ZMX_COMPLIANCE_URL", "http://127.0.0.1:" + ports.compliance());
        env.put("ZMX_EXPORT_URL", "http://127.0.0.1:" + ports.export());
        env.put("ZMX_CORS_ORIGINS", "http://localhost:3000,http://127.0.0.1:3000");
        // one developer loading demo data is not abuse; production keeps the stricter defaults
        env.put("ZMX_RATE_LIMIT_RPS", "200");
        env.put("ZMX_RATE_LIMIT_BURST", "400");
        // webhooks to receivers on this machine (http://127.0.0.1:...): loopback only, private ranges stay refused
        env.put("ZMX_WEBHOOKS_ALLOW_LOOPBACK", "true");
        env.putAll(extraEnv);
        return env;
    }

    public Issuer issuer() {
        return issuer;
    }

    public Ports ports() {
        return ports;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.gateway();
    }

    /** One running service by module name ({@code registry-service}, ..., {@code gateway}). */
    public ServiceProcess service(String module) {
        return services.stream().filter(s -> s.name().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module));
    }

    /** The PostgreSQL server, for fault tests that stop and restart it. */
    public Database database() {
        return database;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    @Override
    public synchronized void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
        if (issuer != null) {
            issuer.close();
            issuer = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }

    static void log(String message) {
        System.out.println("[zmx-local] " + message);
    }
}
