package io.zmx.registry.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zmx.registry.domain.ImportFormat;
import io.zmx.registry.domain.ImportJob;
import io.zmx.registry.domain.ImportState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Import jobs and their line errors, as rows (a job outlives the process that ran it), through the reactive
 * PostgreSQL client: the REST reads run on the event loop; the job threads (ImportService, ImportRunner) wait for
 * the few bookkeeping updates they make. Only the rows themselves go in through JDBC COPY (ImportRunner).
 */
@ApplicationScoped
public class ImportJobs {

    private final Pool db;

    public ImportJobs(Pool db) {
        this.db = db;
    }

    public Uni<Integer> create(UUID id, ImportFormat format, String submittedBy, String roles, String instance) {
        return update("INSERT INTO import_job (id, format, state, submitted_by, roles, instance) VALUES ($1, $2, $3, $4, $5, $6)",
                id, format.name(), ImportState.RECEIVING.name(), submittedBy, roles, instance);
    }

    public Uni<Integer> received(UUID id, long bytes) {
        return update("UPDATE import_job SET state = $1, bytes = $2, heartbeat_at = now() WHERE id = $3 AND state = $4",
                ImportState.QUEUED.name(), bytes, id, ImportState.RECEIVING.name());
    }

    public Uni<Integer> heartbeat(UUID id, long bytes) {
        return update("UPDATE import_job SET bytes = $1, heartbeat_at = now() WHERE id = $2", bytes, id);
    }

    /** True when the job was still queued (a restart of another instance may have given it up meanwhile). */
    public Uni<Boolean> start(UUID id) {
        return update("UPDATE import_job SET state = $1, started_at = now(), heartbeat_at = now() WHERE id = $2 AND state = $3",
                ImportState.RUNNING.name(), id, ImportState.QUEUED.name()).map(n -> n == 1);
    }

    public Uni<Integer> finish(UUID id, ImportState state, long processed, long failed, String message) {
        return update("UPDATE import_job SET state = $1, processed = $2, failed = $3, message = $4, finished_at = now(), "
                + "heartbeat_at = now() WHERE id = $5", state.name(), processed, failed, truncate(message), id);
    }

    public Uni<Integer> fail(UUID id, String message) {
        return update("UPDATE import_job SET state = $1, message = $2, finished_at = now() WHERE id = $3",
                ImportState.FAILED.name(), truncate(message), id);
    }

    /**
     * Jobs left RECEIVING, QUEUED or RUNNING by this instance (a restart) or silent for longer than
     * {@code staleAfterSeconds} (an instance that died) can never finish: mark them INTERRUPTED.
     */
    public Uni<Integer> interruptAbandoned(String instance, long staleAfterSeconds) {
        return update("UPDATE import_job SET state = $1, finished_at = now(), message = $2 "
                        + "WHERE state IN ('RECEIVING', 'QUEUED', 'RUNNING') "
                        + "AND (instance = $3 OR heartbeat_at < now() - make_interval(secs => $4))",
                ImportState.INTERRUPTED.name(), "the service stopped before the job finished; upload the file again "
                        + "(imports are idempotent)", instance, (double) staleAfterSeconds);
    }

    public Uni<Optional<ImportJob>> find(UUID id) {
        return db.preparedQuery("SELECT id, format, state, submitted_by, bytes, processed, failed, message, created_at, "
                        + "started_at, finished_at FROM import_job WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row r = it.next();
                    return Optional.of(new ImportJob(r.getUUID(0), ImportFormat.valueOf(r.getString(1)),
                            ImportState.valueOf(r.getString(2)), r.getString(3), r.getLong(4), r.getLong(5),
                            r.getLong(6), r.getString(7), instant(r.getOffsetDateTime(8)), instant(r.getOffsetDateTime(9)),
                            instant(r.getOffsetDateTime(10))));
                });
    }

    public Uni<List<ImportJob.LineError>> errors(UUID id, int page, int size) {
        return db.preparedQuery("SELECT line, vin, reason FROM import_error WHERE job_id = $1 ORDER BY line LIMIT $2 OFFSET $3")
                .execute(Tuple.of(id, size, (long) page * size))
                .map(rows -> {
                    List<ImportJob.LineError> result = new java.util.ArrayList<>();
                    for (Row r : rows) {
                        result.add(new ImportJob.LineError(r.getLong(0), r.getString(1), r.getString(2)));
                    }
                    return result;
                });
    }

    public Uni<Long> errorCount(UUID id) {
        return db.preparedQuery("SELECT count(*) FROM import_error WHERE job_id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<Integer> update(String sql, Object... args) {
        return db.preparedQuery(sql).execute(Tuple.from(Arrays.asList(args))).map(rows -> rows.rowCount());
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
