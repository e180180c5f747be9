package io.zmx.registry.service.imports;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zmx.edge.ProblemException;
import io.zmx.registry.domain.ImportFormat;
import io.zmx.registry.domain.ImportJob;
import io.zmx.registry.persistence.ImportJobs;
import io.smallrye.mutiny.Uni;
import io.zmx.registry.service.Slice;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
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
    private final Path spoolDir;
    private final int parallelJobs;
    private final long staleAfterSeconds;
    private ExecutorService executor;

    public ImportService(ImportJobs jobs, ImportRunner runner, ImportConfig config) {
        this.jobs = jobs;
        this.runner = runner;
        this.instance = config.instance();
        this.spoolDir = config.spoolDir();
        this.parallelJobs = config.parallelJobs();
        this.staleAfterSeconds = config.staleAfterSeconds();
    }

    void onStart(@Observes StartupEvent ev) {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(parallelJobs, r -> {
            Thread t = new Thread(r, "import-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int interrupted = jobs.interruptAbandoned(instance, staleAfterSeconds).await().indefinitely();
        if (interrupted > 0) {
            LOG.warnf("marked %d unfinished import job(s) INTERRUPTED", interrupted);
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** The job, if it exists and this caller may see it (its submitter, or an admin). */
    public Uni<Optional<ImportJob>> visible(UUID id, String caller, boolean admin) {
        return jobs.find(id).map(found -> found.filter(j -> j.submittedBy().equals(caller) || admin));
    }

    /** One page of a job's refused lines, by line number. */
    public Uni<Slice<ImportJob.LineError>> errors(UUID id, int page, int size) {
        return jobs.errors(id, page, size).flatMap(errors -> jobs.errorCount(id).map(total -> new Slice<>(errors, total)));
    }

    public String instance() {
        return instance;
    }

    /**
     * Spools the body and queues the job; answers as soon as the body has been received. Blocking: it runs on the
     * worker thread of the upload endpoint (the body is a stream read from the connection) and waits for its
     * bookkeeping rows.
     */
    public ImportJob submit(InputStream body, ImportFormat format, String user, Set<String> roles) {
        UUID id = UUID.randomUUID();
        Rights rights = Rights.of(roles);
        jobs.create(id, format, user, String.join(",", new TreeSet<>(roles)), instance).await().indefinitely();
        Path file;
        long bytes;
        try {
            Files.createDirectories(spoolDir);
            file = spoolDir.resolve(id + (format == ImportFormat.CSV ? ".csv" : ".ndjson"));
            bytes = spool(body, file, id);
        } catch (IOException | UncheckedIOException e) {
            jobs.fail(id, "the upload was not received completely: " + e.getMessage()).await().indefinitely();
            throw new ProblemException(400, "upload-incomplete", "Upload not received",
                    "The body could not be read to its end; send the file again");
        }
        jobs.received(id, bytes).await().indefinitely();
        ImportJob queued = jobs.find(id).await().indefinitely().orElseThrow();
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
                    jobs.heartbeat(id, total).await().indefinitely();
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
