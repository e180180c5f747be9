package io.zmx.registry.service.imports;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zmx.edge.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Accepts bulk uploads: the body is streamed to a spool file (never held in memory), the job is stored as a row
 * and run in the background by ImportRunner. Jobs a stopped instance left unfinished are marked INTERRUPTED.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    private final ImportJobs jobs;
    private final ImportRunner runner;
    private final String instance;
    private ExecutorService executor;

    @ConfigProperty(name = "zmx.import.spool-dir", defaultValue = "${java.io.tmpdir}/zmx-imports")
    Path spoolDir;

    @ConfigProperty(name = "zmx.import.parallel-jobs", defaultValue = "2")
    int parallelJobs;

    @ConfigProperty(name = "zmx.import.stale-after-seconds", defaultValue = "120")
    long staleAfterSeconds;

    public ImportService(ImportJobs jobs, ImportRunner runner,
                         @ConfigProperty(name = "zmx.instance", defaultValue = "${HOSTNAME:local}") String instance) {
        this.jobs = jobs;
        this.runner = runner;
        this.instance = instance;
    }

    void onStart(@Observes StartupEvent ev) {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(parallelJobs, r -> {
            Thread t = new Thread(r, "import-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int interrupted = jobs.interruptAbandoned(instance, staleAfterSeconds);
        if (interrupted > 0) {
            LOG.warnf("marked %d unfinished import job(s) INTERRUPTED", interrupted);
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    public String instance() {
        return instance;
    }

    /** Spools the body and queues the job; answers as soon as the body has been received. */
    public ImportJobs.Job submit(InputStream body, ImportFormat format, String user, Set<String> roles) {
        UUID id = UUID.randomUUID();
        boolean admin = roles.contains("admin");
        ImportRunner.Rights rights = new ImportRunner.Rights(admin || roles.contains("manufacturer"),
                admin || roles.contains("registrar"));
        jobs.create(id, format, user, String.join(",", new TreeSet<>(roles)), instance);
        Path file;
        long bytes;
        try {
            Files.createDirectories(spoolDir);
            file = spoolDir.resolve(id + (format == ImportFormat.CSV ? ".csv" : ".ndjson"));
            bytes = spool(body, file, id);
        } catch (IOException | UncheckedIOException e) {
            jobs.fail(id, "the upload was not received completely: " + e.getMessage());
            throw new ProblemException(400, "upload-incomplete", "Upload not received",
                    "The body could not be read to its end; send the file again");
        }
        jobs.received(id, bytes);
        ImportJobs.Job queued = jobs.find(id).orElseThrow();
        executor.submit(() -> runner.run(id, format, file, rights));
        return queued;
    }

    private long spool(InputStream body, Path file, UUID id) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        long lastBeat = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                total += n;
                if (System.nanoTime() - lastBeat > 10_000_000_000L) {
                    jobs.heartbeat(id, total);
                    lastBeat = System.nanoTime();
                }
            }
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return total;
    }
}
