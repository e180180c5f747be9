package io.zmx.registry.persistence;

import java.io.CharArrayReader;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads an import job's chunks through one JDBC connection with PostgreSQL's COPY (the reactive client has none; see
 * the README): a chunk whose VINs are all new is COPYed straight into its tables; otherwise it is COPYed into
 * per-connection temporary staging tables, checked in SQL (ImportSql: readings against stored ones, history for
 * unknown vehicles, registration kinds) and merged with INSERT ... ON CONFLICT. One chunk, one transaction, which
 * also stores its refused lines and the job's progress.
 */
public final class ImportWriter {

    private static final Logger LOG = Logger.getLogger(ImportWriter.class);

    /** One chunk as the writer needs it; rows are built only in the shape that is used. */
    public interface Batch {
        int lines();

        int errorCount();

        /** Refused lines as COPY rows {@code line, vin, reason} (the job id is prefixed here). */
        CopyText errors();

        /** Lines of the file read when this chunk ends (the job's progress once it is stored). */
        long processedThrough();

        Set<String> vins();

        boolean mayGoDirect();

        DirectRows directRows();

        StagedRows stagedRows();
    }

    /** Rows for the tables themselves (vehicles carry their derived status and dates). */
    public record DirectRows(CopyText vehicles, CopyText registrations, CopyText deregistrations, CopyText readings,
                             CopyText brands) {}

    /** Rows for the staging tables, each starting with its line number. */
    public record StagedRows(CopyText vehicles, CopyText historyOnly, CopyText registrations,
                             CopyText deregistrations, CopyText readings, CopyText brands) {}

    private final Connection c;
    private final UUID id;
    private final CopyManager copy;
    private long failed;
    private long busyNanos;
    private long copyNanos;

    public ImportWriter(Connection c, UUID id) throws SQLException {
        this.c = c;
        this.id = id;
        this.copy = c.unwrap(PGConnection.class).getCopyAPI();
    }

    public void prepare() throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : ImportSql.CREATE_STAGING) {
                s.execute(sql);
            }
            s.execute(ImportSql.TRUNCATE);
        }
        c.commit();
    }

    /**
     * Writes and commits one chunk; answers how many of its lines the SQL checks refused. Fast path: when no VIN of
     * the chunk is stored yet (the common case for production data) the rows go straight into their tables; if a
     * concurrent writer got there first, the chunk goes through the staging tables and is merged.
     */
    public int write(Batch batch) throws SQLException, IOException {
        long start = System.nanoTime();
        try {
            if (batch.mayGoDirect() && noneStored(batch.vins())) {
                try {
                    writeDirect(batch);
                    return 0;
                } catch (SQLException e) {
                    c.rollback();
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    LOG.debugf("import %s: a VIN or history row appeared meanwhile; merging the chunk instead", id);
                }
            }
            return writeStaged(batch);
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            busyNanos += System.nanoTime() - start;
        }
    }

    private boolean noneStored(Set<String> vins) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM vehicle WHERE vin = ANY (?) LIMIT 1")) {
            ps.setArray(1, c.createArrayOf("varchar", vins.toArray()));
            try (var rs = ps.executeQuery()) {
                return !rs.next();
            }
        }
    }

    private void writeDirect(Batch batch) throws SQLException, IOException {
        long t = System.nanoTime();
        DirectRows rows = batch.directRows();
        copy(ImportSql.COPY_VEHICLE_DIRECT, rows.vehicles());
        copy(ImportSql.COPY_REGISTRATION_DIRECT, rows.registrations());
        copy(ImportSql.COPY_DEREGISTRATION_DIRECT, rows.deregistrations());
        copy(ImportSql.COPY_READING_DIRECT, rows.readings());
        copy(ImportSql.COPY_BRAND_DIRECT, rows.brands());
        copyNanos += System.nanoTime() - t;
        finish(batch, 0);
    }

    private int writeStaged(Batch batch) throws SQLException, IOException {
        long t = System.nanoTime();
        StagedRows rows = batch.stagedRows();
        try (Statement s = c.createStatement()) {
            copy(ImportSql.COPY_VEHICLE, rows.vehicles());
            copy(ImportSql.COPY_HISTORY_ONLY, rows.historyOnly());
            copy(ImportSql.COPY_REGISTRATION, rows.registrations());
            copy(ImportSql.COPY_DEREGISTRATION, rows.deregistrations());
            copy(ImportSql.COPY_READING, rows.readings());
            copy(ImportSql.COPY_BRAND, rows.brands());
            copyNanos += System.nanoTime() - t;
            int bad = 0;
            if (rows.readings().rows() > 0) {
                bad += s.executeUpdate(ImportSql.BAD_ROLLBACKS);
                s.executeUpdate(ImportSql.FLAG_ROLLBACKS);
            }
            if (rows.historyOnly().rows() > 0) {
                bad += s.executeUpdate(ImportSql.BAD_UNKNOWN_VEHICLES);
            }
            if (rows.registrations().rows() > 0) {
                bad += s.executeUpdate(ImportSql.BAD_KIND_CONFLICTS);
            }
            if (bad > 0) {
                for (String table : ImportSql.STAGING_TABLES) {
                    s.executeUpdate(ImportSql.dropBadLines(table));
                }
                try (PreparedStatement ps = c.prepareStatement(ImportSql.SAVE_BAD_LINES)) {
                    ps.setObject(1, id);
                    ps.executeUpdate();
                }
            }
            if (rows.vehicles().rows() > 0) {
                s.executeUpdate(ImportSql.UPSERT_VEHICLES);
            }
            if (rows.registrations().rows() > 0) {
                s.executeUpdate(ImportSql.INSERT_REGISTRATIONS);
            }
            if (rows.deregistrations().rows() > 0) {
                s.executeUpdate(ImportSql.INSERT_DEREGISTRATIONS);
            }
            if (rows.readings().rows() > 0) {
                s.executeUpdate(ImportSql.INSERT_READINGS);
            }
            if (rows.brands().rows() > 0) {
                s.executeUpdate(ImportSql.INSERT_BRANDS);
            }
            if (rows.registrations().rows() > 0 || rows.deregistrations().rows() > 0) {
                s.executeUpdate(ImportSql.DERIVE_STATUS);
            }
            s.execute(ImportSql.TRUNCATE);
            finish(batch, bad);
            return bad;
        }
    }

    /** The chunk's refused lines and the job's progress, then commit. */
    private void finish(Batch batch, int bad) throws SQLException, IOException {
        if (batch.errors().rows() > 0) {
            copy.copyIn(ImportSql.COPY_ERRORS, reader(prefixJob(batch.errors().text())));
        }
        failed += batch.errorCount() + bad;
        try (PreparedStatement ps = c.prepareStatement(ImportSql.PROGRESS)) {
            ps.setLong(1, batch.processedThrough());
            ps.setLong(2, failed);
            ps.setObject(3, id);
            ps.executeUpdate();
        }
        c.commit();
    }

    public void cleanUp() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ImportSql.DROP);
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** Lines refused so far, by the line checks and by SQL. */
    public long failed() {
        return failed;
    }

    public long busyNanos() {
        return busyNanos;
    }

    public long copyNanos() {
        return copyNanos;
    }

    private void copy(String sql, CopyText rows) throws SQLException, IOException {
        if (rows.rows() > 0) {
            copy.copyIn(sql, reader(rows.text()));
        }
    }

    /** import_error rows carry the job id first; the chunk wrote them without it. */
    private CharSequence prefixJob(CharSequence rows) {
        String prefix = id + "\t";
        StringBuilder sb = new StringBuilder(rows.length() + 64);
        int start = 0;
        for (int i = 0; i < rows.length(); i++) {
            if (rows.charAt(i) == '\n') {
                sb.append(prefix).append(rows, start, i + 1);
                start = i + 1;
            }
        }
        return sb;
    }

    private static Reader reader(CharSequence text) {
        return new CharArrayReader(text.toString().toCharArray());
    }
}
