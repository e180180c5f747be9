import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A burst of exactly N accepted submits on export-service, then the wait until the screener has screened them all.
 * JDK only (java.net.http), run as a single-file program by bench/export/burst.sh and bench/export/lists.sh:
 * <pre>
 *   java bench/export/Burst.java EXPORT_URL MGMT_URL EXPORTER_TOKEN ADMIN_TOKEN BODY_FILE N CONCURRENCY KEY_PREFIX DRAIN_MAX_S
 * </pre>
 * Every filing is {@code POST EXPORT_URL/api/v1/filings?submit=true} with BODY_FILE and its own Idempotency-Key
 * (KEY_PREFIX-i), at most CONCURRENCY in flight, as fast as the service answers. An answer other than 201 (or an I/O
 * error) is counted by status and the same request is sent again with the same key after a short pause (the key
 * makes a retry safe: a filing that was created but whose answer got lost is replayed, not created twice), so the run
 * ends with exactly N accepted filings or says why not (a key that failed 50 times). A 429 or 503 with Retry-After
 * (export-service's admission control: the screening backlog is full) is waited out as it says, and not counted as a
 * failed attempt: the burst then measures how fast the suite takes and screens N filings when it paces its callers.
 * <p>
 * Meanwhile a sampler asks {@code GET /api/v1/filings?status=SUBMITTED&size=1} (as the admin) every second; the
 * backlog is empty at the first sample that counts 0 after the last submit was accepted. Before and after, it counts
 * the filings by status (every FilingStatus of export-service's contract) and reads the screener's counters
 * ({@code zmx_screening_screened_total}, {@code zmx_screening_failures_total}) from MGMT_URL/q/metrics, so the
 * report can show that each of the N got a verdict and how many screening attempts failed on the way.
 * Output: a markdown fragment on stdout (the script adds date, commit, load and command); exit 1 when fewer than N
 * were accepted or the backlog was not gone after DRAIN_MAX_S seconds.
 */
public class Burst {

    static final List<String> STATUSES = List.of("DRAFT", "SUBMITTED", "SCREENED", "CLEARED", "HELD", "REJECTED",
            "SHIPPED", "ARRIVED", "ACCEPTED", "REFUSED", "WITHDRAWN");
    static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        if (args.length != 9) {
            System.err.println("usage: java Burst.java EXPORT_URL MGMT_URL EXPORTER_TOKEN ADMIN_TOKEN BODY_FILE N CONCURRENCY KEY_PREFIX DRAIN_MAX_S");
            System.exit(2);
        }
        String export = args[0], mgmt = args[1], token = args[2], admin = args[3];
        String body = Files.readString(Path.of(args[4]));
        int n = Integer.parseInt(args[5]), concurrency = Integer.parseInt(args[6]);
        String prefix = args[7];
        int drainMax = Integer.parseInt(args[8]);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(2)).build();
        Map<String, Long> before = byStatus(http, export, admin);
        Map<String, Double> metricsBefore = metrics(http, mgmt);

        // ---- the sampler: SUBMITTED every second, from the first submit until the backlog is gone --------------
        long t0 = System.nanoTime();
        AtomicLong lastAccepted = new AtomicLong(-1);
        AtomicLong emptyAt = new AtomicLong(-1);
        AtomicLong allAccepted = new AtomicLong(-1); // when the last of the N was accepted, once all are
        List<long[]> curve = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread sampler = new Thread(() -> {
            long next = t0;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    long s = System.nanoTime();
                    long submitted = total(http, export + "/api/v1/filings?status=SUBMITTED&size=1", admin);
                    curve.add(new long[] {s - t0, submitted});
                    if (submitted == 0 && allAccepted.get() >= 0 && s > allAccepted.get()) {
                        emptyAt.set(s);
                        return;
                    }
                    if (allAccepted.get() >= 0 && s - allAccepted.get() > TimeUnit.SECONDS.toNanos(drainMax)) {
                        return;
                    }
                    next += TimeUnit.SECONDS.toNanos(1);
                    long wait = next - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.err.println("sampler: " + e);
                }
            }
        }, "sampler");
        sampler.setDaemon(true);
        sampler.start();

        // ---- the burst: N filings, CONCURRENCY in flight, retried with the same key until accepted -------------
        Semaphore slots = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(n);
        LongAdder accepted = new LongAdder();
        AtomicInteger givenUp = new AtomicInteger();
        Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
        Map<String, String> sampleBodies = new ConcurrentHashMap<>();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            send(http, export, token, body, prefix + "-" + i, 1, slots, done, accepted, givenUp, rejected, sampleBodies,
                    lastAccepted, t0);
        }
        done.await();
        long submitEnd = lastAccepted.get();
        allAccepted.set(submitEnd < 0 ? System.nanoTime() : submitEnd);
        sampler.join(TimeUnit.SECONDS.toMillis(drainMax) + 5_000);
        sampler.interrupt();

        Map<String, Long> after = byStatus(http, export, admin);
        Map<String, Double> metricsAfter = metrics(http, mgmt);
        long acceptedN = accepted.sum();

        // ---- report ---------------------------------------------------------------------------------------------
        double submitS = (submitEnd - t0) / 1e9;
        double emptyS = emptyAt.get() < 0 ? Double.NaN : (emptyAt.get() - t0) / 1e9;
        long backlogAtLast = curve.stream().filter(p -> p[0] <= submitEnd - t0).mapToLong(p -> p[1]).reduce((a, b) -> b).orElse(-1);
        long peak = curve.stream().mapToLong(p -> p[1]).max().orElse(-1);
        System.out.printf("| figure | value |%n|---|---:|%n");
        System.out.printf("| filings accepted (201), each with its own Idempotency-Key | %,d of %,d |%n", acceptedN, n);
        System.out.printf("| answers other than 201 (retried with the same key) | %s |%n", rejected.isEmpty() ? "0"
                : rejected.values().stream().mapToLong(LongAdder::sum).sum() + " (" + joined(rejected) + ")");
        System.out.printf("| last submit accepted after | %.1f s |%n", submitS);
        System.out.printf("| submit rate (accepted / time to the last acceptance) | %.0f /s |%n", acceptedN / submitS);
        System.out.printf("| backlog (SUBMITTED) when the last was accepted; peak | %,d; %,d |%n", backlogAtLast, peak);
        System.out.printf("| backlog gone after (from the first submit) | %s |%n",
                Double.isNaN(emptyS) ? "**not gone** after " + drainMax + " s of draining" : String.format("%.1f s", emptyS));
        if (!Double.isNaN(emptyS)) {
            System.out.printf("| screening throughput (N / time from the first submit to an empty backlog) | **%.0f filings/s** |%n",
                    acceptedN / emptyS);
            System.out.printf("| drain after the last acceptance | %.1f s (%.0f filings/s) |%n", emptyS - submitS,
                    backlogAtLast > 0 ? backlogAtLast / (emptyS - submitS) : 0.0);
        }
        double screened = metricsAfter.getOrDefault("zmx_screening_screened_total", 0.0) - metricsBefore.getOrDefault("zmx_screening_screened_total", 0.0);
        double failed = metricsAfter.getOrDefault("zmx_screening_failures_total", 0.0) - metricsBefore.getOrDefault("zmx_screening_failures_total", 0.0);
        System.out.printf("| screener's counters over the run: verdicts stored; failed attempts (retried with backoff) | %,.0f; %,.0f |%n", screened, failed);
        StringBuilder verdicts = new StringBuilder();
        long got = 0;
        for (String s : STATUSES) {
            long d = after.getOrDefault(s, 0L) - before.getOrDefault(s, 0L);
            if (d != 0) {
                verdicts.append(verdicts.length() == 0 ? "" : ", ").append(s).append(' ').append(String.format("%,d", d));
                if (!s.equals("SUBMITTED") && !s.equals("DRAFT")) got += d;
            }
        }
        System.out.printf("| filings by status, change over the run | %s |%n", verdicts.length() == 0 ? "none" : verdicts);
        System.out.printf("| with a verdict / still SUBMITTED | %,d / %,d |%n", got, after.getOrDefault("SUBMITTED", 0L));
        System.out.println();
        StringBuilder c = new StringBuilder("Backlog, seconds since the first submit: SUBMITTED filings (every 2 s): ");
        synchronized (curve) {
            long lastPrinted = -2;
            for (int i = 0; i < curve.size(); i++) {
                long sec = Math.round(curve.get(i)[0] / 1e9);
                if (sec - lastPrinted >= 2 || i == curve.size() - 1) {
                    c.append(sec).append(" s ").append(curve.get(i)[1]).append("; ");
                    lastPrinted = sec;
                }
            }
        }
        System.out.println(c.toString().replaceAll("; $", ""));
        if (!sampleBodies.isEmpty()) {
            System.out.println();
            sampleBodies.forEach((k, v) -> System.out.println("- first answer " + k + ": `" + v.replace('\n', ' ') + "`"));
        }
        System.exit(acceptedN == n && !Double.isNaN(emptyS) ? 0 : 1);
    }

    static void send(HttpClient http, String export, String token, String body, String key, int attempt, Semaphore slots,
                     CountDownLatch done, LongAdder accepted, AtomicInteger givenUp, Map<String, LongAdder> rejected,
                     Map<String, String> sampleBodies, AtomicLong lastAccepted, long t0) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(export + "/api/v1/filings?submit=true"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            if (e == null && r.statusCode() == 201) {
                accepted.increment();
                lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
                slots.release();
                done.countDown();
                return;
            }
            String what = e != null ? "I/O " + rootCause(e).getClass().getSimpleName() : String.valueOf(r.statusCode());
            rejected.computeIfAbsent(what, k -> new LongAdder()).increment();
            sampleBodies.putIfAbsent(what, e != null ? String.valueOf(rootCause(e).getMessage())
                    : r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
            // a refusal that names its Retry-After (429/503: the screening backlog is full) is the service pacing its
            // callers, as a well-behaved partner is paced: waited for without counting against the 50 attempts
            long retryAfter = e == null ? r.headers().firstValueAsLong("Retry-After").orElse(-1) : -1;
            boolean paced = retryAfter >= 0 && (r.statusCode() == 429 || r.statusCode() == 503);
            if (!paced && attempt >= 50) {
                givenUp.incrementAndGet();
                slots.release();
                done.countDown();
                return;
            }
            // the same key again, after a pause; the slot stays taken meanwhile
            long pause = paced ? Math.max(100, retryAfter * 1000) : Math.min(2_000, 50L * attempt);
            CompletableFutureDelay.after(pause, () -> send(http, export, token, body, key,
                    paced ? attempt : attempt + 1, slots, done, accepted, givenUp, rejected, sampleBodies, lastAccepted, t0));
        });
    }

    static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) e = e.getCause();
        return e;
    }

    static String joined(Map<String, LongAdder> m) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(m).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('×').append(v.sum()));
        return sb.toString();
    }

    static long total(HttpClient http, String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = TOTAL.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) throw new IOException(url + " answered " + r.statusCode() + ": " + r.body());
        return Long.parseLong(m.group(1));
    }

    static Map<String, Long> byStatus(HttpClient http, String export, String admin) throws IOException, InterruptedException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : STATUSES) counts.put(s, total(http, export + "/api/v1/filings?size=1&status=" + s, admin));
        return counts;
    }

    /** The screener's counters from the Prometheus text (0 when absent). */
    static Map<String, Double> metrics(HttpClient http, String mgmt) {
        Map<String, Double> m = new TreeMap<>();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(mgmt + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                for (String name : List.of("zmx_screening_screened_total", "zmx_screening_failures_total")) {
                    if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                        m.merge(name, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                    }
                }
            }
        } catch (Exception e) {
            System.err.println("metrics: " + e);
        }
        return m;
    }

    /** A pause without a thread per waiting request. */
    static final class CompletableFutureDelay {
        private static final java.util.concurrent.ScheduledExecutorService TIMER =
                Executors.newSingleThreadScheduledExecutor(r -> { Thread t = new Thread(r, "retry"); t.setDaemon(true); return t; });

        static void after(long ms, Runnable task) {
            TIMER.schedule(task, ms, TimeUnit.MILLISECONDS);
        }
    }
}
