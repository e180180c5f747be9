package io.zmx.registry.service.imports;

import io.zmx.registry.domain.ImportFormat;
import io.zmx.registry.domain.ImportState;
import io.zmx.registry.persistence.ImportJobs;
import io.zmx.registry.persistence.ImportWriter;
import io.zmx.registry.service.imports.LineChecker.CheckedLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Runs one import job (on an import-job thread, never the event loop): reads the spooled file line by line, has
 * each line checked (LineChecker), gathers good and refused lines in chunks (Chunk) and hands each chunk to a writer
 * thread that loads it with COPY (ImportWriter) while the next chunk is parsed. A chunk never holds the same VIN
 * twice, so later lines win in file order.
 */
@ApplicationScoped
public class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);

    private final DataSource ds;
    private final ImportJobs jobs;
    private final LineChecker checker;
    private final ImportMetrics metrics;
    private final int chunkLines;

    public ImportRunner(DataSource ds, ImportJobs jobs, LineChecker checker, ImportMetrics metrics, ImportConfig config) {
        this.ds = ds;
        this.jobs = jobs;
        this.checker = checker;
        this.metrics = metrics;
        this.chunkLines = config.chunkLines();
    }

    public void run(UUID id, ImportFormat format, Path file, Rights rights) {
        try {
            if (!jobs.start(id).await().indefinitely()) {
                LOG.infof("import %s is no longer queued; not running it", id);
                return;
            }
            load(id, format, file, rights);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "import %s failed", id);
            jobs.fail(id, "the import stopped: " + e.getClass().getSimpleName()
                    + "; lines before the failure were stored, the file can be sent again").await().indefinitely();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("could not delete %s", file);
            }
        }
    }

    private void load(UUID id, ImportFormat format, Path file, Rights rights) {
        ExecutorService writerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "import-writer-" + id);
            t.setDaemon(true);
            return t;
        });
        long begin = System.nanoTime();
        try (Connection c = ds.getConnection(); BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ImportWriter writer = new ImportWriter(c, id);
            writer.prepare();
            CsvLayout layout = null;
            long lineNo = 0;
            long processed = 0;
            Chunk chunk = new Chunk();
            Future<?> inFlight = null;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (format == ImportFormat.CSV && layout == null) {
                    try {
                        layout = CsvLayout.header(line);
                    } catch (IllegalArgumentException e) {
                        jobs.finish(id, ImportState.FAILED, 0, 0, "line " + lineNo + ": " + e.getMessage())
                                .await().indefinitely();
                        return;
                    }
                    continue;
                }
                processed++;
                CheckedLine good = checker.check(chunk, lineNo, line, format, layout, rights);
                if (good != null) {
                    if (chunk.holds(good.vin())) {
                        // a VIN seen earlier in this chunk: store the earlier line first, so later lines win
                        chunk.processedThrough = processed - 1;
                        inFlight = hand(writerThread, writer, chunk, inFlight);
                        chunk = new Chunk();
                    }
                    chunk.stage(good);
                }
                if (chunk.lines() >= chunkLines) {
                    chunk.processedThrough = processed;
                    inFlight = hand(writerThread, writer, chunk, inFlight);
                    chunk = new Chunk();
                }
            }
            chunk.processedThrough = processed;
            inFlight = hand(writerThread, writer, chunk, inFlight);
            await(inFlight);
            writer.cleanUp();
            jobs.finish(id, ImportState.COMPLETED, processed, writer.failed(), null).await().indefinitely();
            LOG.infof("import %s: %d lines, %d refused; writer busy %d ms (copy %d ms, merge %d ms), total %d ms",
                    id, processed, writer.failed(), writer.busyNanos() / 1_000_000, writer.copyNanos() / 1_000_000,
                    (writer.busyNanos() - writer.copyNanos()) / 1_000_000, (System.nanoTime() - begin) / 1_000_000);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            writerThread.shutdownNow();
        }
    }

    /** Waits for the chunk in flight, then starts writing this one. */
    private Future<?> hand(ExecutorService thread, ImportWriter writer, Chunk chunk, Future<?> inFlight) {
        await(inFlight);
        return thread.submit(() -> {
            int refusedInSql = writer.write(chunk);
            metrics.committed(chunk.lines(), chunk.errorCount() + refusedInSql);
            return null;
        });
    }

    private static void await(Future<?> f) {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
