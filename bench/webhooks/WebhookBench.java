import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 14's webhook benchmark (run by bench/webhooks/run.sh): N events written to export-service's outbox, delivered
 * by its dispatcher to a receiver on loopback; deliveries/s and the lag from each event's commit to its first
 * arrival (p50, p99, max). Baseline in the same run: the same receiver hit directly by a client with the
 * dispatcher's concurrency and the same body size, which is the ceiling the receiver and the machine allow.
 *
 * This program starts the parts itself: an embedded PostgreSQL (zonky, as the tests use) and export-service's built
 * jar with production JVM flags (plain {@code java -Xmx512m -jar}: C2 on), its dispatcher timer on, loopback targets
 * admitted (as in the local stack). The endpoint row is inserted directly (the API's registration is tested
 * elsewhere and a registration is not what is measured), so no OIDC issuer is involved.
 *
 * Usage: java -cp <export-service test classpath> WebhookBench.java JAR WORKDIR EVENTS CONCURRENCY PACED_RATE
 */
public class WebhookBench {

    static final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
    static final AtomicLong requests = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        java.nio.file.Path work = java.nio.file.Path.of(args[1]);
        int events = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        int pacedRate = Integer.parseInt(args[4]);

        io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true).start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE exports LOGIN PASSWORD 'exports'");
            s.execute("CREATE DATABASE exports OWNER exports");
        }
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/exports";
        int httpPort = freePort();
        ProcessBuilder pb = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dquarkus.analytics.disabled=true", "-jar", jar)
                .redirectErrorStream(true).redirectOutput(work.resolve("export-service.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("ZMX_EXPORT_DB_URL", jdbc);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("ZMX_MANAGEMENT_PORT", Integer.toString(freePort()));
        env.put("ZMX_OIDC_ISSUER", "http://127.0.0.1:" + freePort() + "/realms/none");
        env.put("ZMX_JSON_LOGS", "false");
        env.put("ZMX_SCREENER_ENABLED", "false");
        env.put("ZMX_EXPORT_DEREGISTRATION_CHECK_ENABLED", "false");
        env.put("ZMX_WEBHOOKS_ALLOW_LOOPBACK", "true");
        env.put("ZMX_WEBHOOKS_CONCURRENCY", Integer.toString(concurrency));
        env.put("ZMX_WEBHOOKS_PER_ENDPOINT", Integer.toString(concurrency));
        Process service = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.destroy();
            try {
                service.waitFor();
                pg.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }));

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            requests.incrementAndGet();
            String id = ex.getRequestHeaders().getFirst("webhook-id");
            if (id != null) arrivedAt.putIfAbsent(id, System.currentTimeMillis());
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        byte[] body = ("{\"type\":\"filing.cleared\",\"timestamp\":\"2026-11-29T12:00:00Z\",\"data\":"
                + payload(0) + "}").getBytes(StandardCharsets.UTF_8);

        // --- baseline: the same receiver hit directly, same concurrency, same body size ---
        baseline(url, body, 2000, concurrency); // warm-up
        double[] base = baseline(url, body, events, concurrency);
        System.out.printf("baseline (direct): %d requests, %.0f req/s, p50 %.1f ms, p99 %.1f ms%n", events, base[0], base[1], base[2]);

        try (Connection c = waitForSchema(jdbc)) {
            c.setAutoCommit(true);
            UUID endpoint = UUID.randomUUID();
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO webhook_endpoint (id, owner_kind, owner, url, event_types, secret, after_seq, created_by)
                    VALUES (?, 'country', 'KZ', ?, '{filing.cleared}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
                            (SELECT coalesce(max(seq), 0) FROM event), 'bench')""")) {
                p.setObject(1, endpoint);
                p.setString(2, url);
                p.executeUpdate();
            }
            // warm-up: 2,000 events through the dispatcher (JIT), not measured
            run(c, 2000, 0, "warm-up");
            arrivedAt.clear();
            requests.set(0);
            run(c, events, 0, "burst");
            arrivedAt.clear();
            requests.set(0);
            if (pacedRate > 0) run(c, Math.min(events, pacedRate * 20), pacedRate, "paced " + pacedRate + "/s");
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT status, count(*), max(attempts) FROM webhook_delivery GROUP BY status")) {
                while (r.next()) System.out.printf("deliveries %s: %d (max attempts %d)%n", r.getString(1), r.getLong(2), r.getInt(3));
            }
        }
        server.stop(0);
        System.exit(0);
    }

    /** Writes n events (100 per transaction; paced at rate/s when rate > 0) and waits until each has arrived. */
    static void run(Connection c, int n, int rate, String label) throws Exception {
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        long start = System.currentTimeMillis();
        int perTx = rate > 0 ? Math.max(1, rate / 50) : 100; // paced: a commit every 20 ms
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO event (id, type, filing_id, vin, exporter_credit_code, countries, payload)
                VALUES (?, 'filing.cleared', ?, 'LGXCE4CB0R0000001', '91350100M000100Y43', '{KZ}', ?::jsonb)""")) {
            int written = 0;
            while (written < n) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < perTx && written < n; i++, written++) {
                    UUID id = UUID.randomUUID();
                    ids.add(id.toString());
                    p.setObject(1, id);
                    p.setObject(2, UUID.randomUUID());
                    p.setString(3, payload(written));
                    p.addBatch();
                }
                p.executeBatch();
                c.commit();
                long now = System.currentTimeMillis();
                for (String id : ids) committedAt.put(id, now);
                if (rate > 0) {
                    long due = start + (long) written * 1000 / rate;
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) Thread.sleep(wait);
                }
            }
        } finally {
            c.setAutoCommit(true);
        }
        long lastCommit = System.currentTimeMillis();
        long deadline = lastCommit + 600_000;
        while (!arrivedAt.keySet().containsAll(committedAt.keySet())) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException(label + ": not all delivered in 10 min");
            Thread.sleep(5);
        }
        long end = committedAt.keySet().stream().mapToLong(arrivedAt::get).max().orElse(start);
        long[] lags = committedAt.entrySet().stream().mapToLong(e -> arrivedAt.get(e.getKey()) - e.getValue()).sorted().toArray();
        System.out.printf("%s: %d events, written in %.2f s, all delivered %.2f s after the first write: %.0f deliveries/s; "
                        + "lag commit->delivery p50 %d ms, p99 %d ms, max %d ms; %d requests (%d duplicates)%n",
                label, n, (lastCommit - start) / 1000.0, (end - start) / 1000.0, n * 1000.0 / (end - start),
                pct(lags, 0.50), pct(lags, 0.99), lags[lags.length - 1], requests.get(), requests.get() - committedAt.size());
    }

    static double[] baseline(String url, byte[] body, int n, int concurrency) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
        Semaphore slots = new Semaphore(concurrency);
        long[] latencies = new long[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            int k = i;
            long t0 = System.nanoTime();
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                    .header("webhook-id", "baseline-" + i).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                latencies[k] = System.nanoTime() - t0;
                slots.release();
            });
        }
        slots.acquire(concurrency);
        double secs = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        arrivedAt.clear();
        requests.set(0);
        return new double[] {n / secs, latencies[n / 2] / 1e6, latencies[(int) (n * 0.99)] / 1e6};
    }

    static long pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
    }

    static String payload(int n) {
        return "{\"filingId\":\"" + new UUID(0, n) + "\",\"vin\":\"LGXCE4CB0R0000001\",\"status\":\"CLEARED\",\"lane\":\"GREEN\","
                + "\"destination\":\"KZ\",\"exporterCreditCode\":\"91350100M000100Y43\"}";
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Connection waitForSchema(String jdbc) throws Exception {
        for (int i = 0; i < 600; i++) {
            try {
                Connection c = DriverManager.getConnection(jdbc, "exports", "exports");
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1 FROM webhook_fanout").close();
                    return c;
                } catch (Exception e) {
                    c.close();
                }
            } catch (Exception e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("export-service's schema did not appear");
    }
}
