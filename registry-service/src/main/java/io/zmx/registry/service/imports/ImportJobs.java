package io.zmx.registry.service.imports;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Import jobs and their line errors, as rows: a job outlives the process that ran it. */
@ApplicationScoped
public class ImportJobs {

    private final DataSource ds;

    public ImportJobs(DataSource ds) {
        this.ds = ds;
    }

    public record Job(UUID id, ImportFormat format, ImportState state, String submittedBy, long bytes, long processed,
                      long failed, String message, Instant createdAt, Instant startedAt, Instant finishedAt) {}

    public record LineError(long line, String vin, String reason) {}

    void create(UUID id, ImportFormat format, String submittedBy, String roles, String instance) {
        update("INSERT INTO import_job (id, format, state, submitted_by, roles, instance) VALUES (?, ?, ?, ?, ?, ?)",
                id, format.name(), ImportState.RECEIVING.name(), submittedBy, roles, instance);
    }

    void received(UUID id, long bytes) {
        update("UPDATE import_job SET state = ?, bytes = ?, heartbeat_at = now() WHERE id = ? AND state = ?",
                ImportState.QUEUED.name(), bytes, id, ImportState.RECEIVING.name());
    }

    void heartbeat(UUID id, long bytes) {
        update("UPDATE import_job SET bytes = ?, heartbeat_at = now() WHERE id = ?", bytes, id);
    }

    /** True when the job was still queued (a restart of another instance may have given it up meanwhile). */
    boolean start(UUID id) {
        return update("UPDATE import_job SET state = ?, started_at = now(), heartbeat_at = now() WHERE id = ? AND state = ?",
                ImportState.RUNNING.name(), id, ImportState.QUEUED.name()) == 1;
    }

    void finish(UUID id, ImportState state, long processed, long failed, String message) {
        update("UPDATE import_job SET state = ?, processed = ?, failed = ?, message = ?, finished_at = now(), "
                + "heartbeat_at = now() WHERE id = ?", state.name(), processed, failed, truncate(message), id);
    }

    void fail(UUID id, String message) {
        update("UPDATE import_job SET state = ?, message = ?, finished_at = now() WHERE id = ?",
                ImportState.FAILED.name(), truncate(message), id);
    }

    /**
     * Jobs left RECEIVING, QUEUED or RUNNING by this instance (a restart) or silent for longer than
     * {@code staleAfterSeconds} (an instance that died) can never finish: mark them INTERRUPTED.
     */
    public int interruptAbandoned(String instance, long staleAfterSeconds) {
        return update("UPDATE import_job SET state = ?, finished_at = now(), message = ? "
                        + "WHERE state IN ('RECEIVING', 'QUEUED', 'RUNNING') "
                        + "AND (instance = ? OR heartbeat_at < now() - make_interval(secs => ?))",
                ImportState.INTERRUPTED.name(), "the service stopped before the job finished; upload the file again "
                        + "(imports are idempotent)", instance, (double) staleAfterSeconds);
    }

    public Optional<Job> find(UUID id) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, format, state, submitted_by, bytes, processed, failed, "
                     + "message, created_at, started_at, finished_at FROM import_job WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Job(rs.getObject(1, UUID.class), ImportFormat.valueOf(rs.getString(2)),
                        ImportState.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getString(8), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)),
                        instant(rs.getTimestamp(11))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<LineError> errors(UUID id, int page, int size) {
        List<LineError> result = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT line, vin, reason FROM import_error WHERE job_id = ? ORDER BY line LIMIT ? OFFSET ?")) {
            ps.setObject(1, id);
            ps.setInt(2, size);
            ps.setLong(3, (long) page * size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new LineError(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    public long errorCount(UUID id) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM import_error WHERE job_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
