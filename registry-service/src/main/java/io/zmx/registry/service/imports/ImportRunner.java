package io.zmx.registry.service.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zmx.registry.api.HistoryInputs.DeregistrationInput;
import io.zmx.registry.api.HistoryInputs.OdometerReadingInput;
import io.zmx.registry.api.HistoryInputs.RegistrationInput;
import io.zmx.registry.api.HistoryInputs.TitleBrandInput;
import io.zmx.registry.api.ImportLine;
import io.zmx.edge.Problem.Violation;
import io.zmx.edge.ProblemMappers;
import io.zmx.edge.TextRules;
import io.zmx.registry.domain.OdometerRules;
import io.zmx.registry.domain.RegistrationKind;
import io.zmx.registry.domain.VehicleStatus;
import io.zmx.registry.domain.Vin;
import io.zmx.registry.domain.VinError;
import io.zmx.registry.service.VehicleDecoder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Runs one import job: reads the spooled file line by line, checks each line with the same rules as the API
 * (VehicleDecoder, the Bean Validation constraints via ImportLineRules, OdometerRules), and hands chunks of good lines to a writer thread that
 * COPYs them into staging tables and merges them (ImportSql). Parsing the next chunk overlaps with writing
 * the previous one. A chunk never holds the same VIN twice, so later lines win in file order.
 */
@ApplicationScoped
public class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);

    /** What the submitter's roles allow lines to carry. */
    public record Rights(boolean vehicles, boolean history) {}

    private final javax.sql.DataSource ds;
    private final ImportJobs jobs;
    private final ObjectReader lineReader;
    private final VehicleDecoder decoder;
    private final Counter goodLines;
    private final Counter badLines;

    @ConfigProperty(name = "zmx.import.chunk-lines", defaultValue = "20000")
    int chunkLines;

    public ImportRunner(javax.sql.DataSource ds, ImportJobs jobs, ObjectMapper mapper,
                        VehicleDecoder decoder, MeterRegistry meters) {
        this.ds = ds;
        this.jobs = jobs;
        this.lineReader = mapper.readerFor(ImportLine.class);
        this.decoder = decoder;
        this.goodLines = Counter.builder("zmx.import.lines").tag("outcome", "stored")
                .description("bulk import lines stored").register(meters);
        this.badLines = Counter.builder("zmx.import.lines").tag("outcome", "refused")
                .description("bulk import lines refused").register(meters);
    }

    public void run(UUID id, ImportFormat format, Path file, Rights rights) {
        try {
            if (!jobs.start(id)) {
                LOG.infof("import %s is no longer queued; not running it", id);
                return;
            }
            load(id, format, file, rights);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "import %s failed", id);
            jobs.fail(id, "the import stopped: " + e.getClass().getSimpleName()
                    + "; lines before the failure were stored, the file can be sent again");
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
            Writer writer = new Writer(c, id);
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
                        jobs.finish(id, ImportState.FAILED, 0, 0, "line " + lineNo + ": " + e.getMessage());
                        return;
                    }
                    continue;
                }
                processed++;
                Good good = parse(chunk, lineNo, line, format, layout, rights);
                if (good != null) {
                    if (chunk.vins.contains(good.vin())) {
                        // a VIN seen earlier in this chunk: store the earlier line first, so later lines win
                        chunk.processedThrough = processed - 1;
                        inFlight = hand(writerThread, writer, chunk, inFlight);
                        chunk = new Chunk();
                    }
                    chunk.stage(good);
                }
                if (chunk.lines >= chunkLines) {
                    chunk.processedThrough = processed;
                    inFlight = hand(writerThread, writer, chunk, inFlight);
                    chunk = new Chunk();
                }
            }
            chunk.processedThrough = processed;
            inFlight = hand(writerThread, writer, chunk, inFlight);
            await(inFlight);
            writer.cleanUp();
            jobs.finish(id, ImportState.COMPLETED, processed, writer.failed, null);
            LOG.infof("import %s: %d lines, %d refused; writer busy %d ms (copy %d ms, merge %d ms), total %d ms",
                    id, processed, writer.failed, writer.busyNanos / 1_000_000, writer.copyNanos / 1_000_000,
                    (writer.busyNanos - writer.copyNanos) / 1_000_000, (System.nanoTime() - begin) / 1_000_000);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            writerThread.shutdownNow();
        }
    }

    private static Future<?> hand(ExecutorService thread, Writer writer, Chunk chunk, Future<?> inFlight) {
        await(inFlight);
        return thread.submit(() -> {
            writer.write(chunk);
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

    // ---- parsing and checking one line ----------------------------------------------------------------------

    /** A line that passed every check, ready to stage. */
    private record Good(long lineNo, String vin, ImportLine line, VehicleDecoder.Result decoded,
                        List<OdometerReadingInput> readings, boolean[] rollback) {}

    /** Checks one line; a bad line is recorded in the chunk's errors and null returned. */
    private Good parse(Chunk chunk, long lineNo, String text, ImportFormat format, CsvLayout layout, Rights rights) {
        List<String> errors = new ArrayList<>();
        ImportLine line = null;
        if (text.chars().anyMatch(c -> c != '\t' && (c < 0x20 || c == 0x7f))) {
            // PostgreSQL refuses NUL in text and no field holds a control character: a line error, not a failed job
            errors.add("the line " + TextRules.MESSAGE + " (e.g. NUL)");
        } else if (format == ImportFormat.NDJSON) {
            line = readJson(text, errors);
        } else {
            try {
                line = layout.read(text, errors);
            } catch (IllegalArgumentException e) {
                errors.add("not valid CSV: " + e.getMessage());
            }
        }
        if (line == null || !errors.isEmpty()) {
            chunk.error(lineNo, line == null ? null : line.vin(), errors);
            return null;
        }
        ImportLineRules.check(line, errors);
        if (!errors.isEmpty()) {
            chunk.error(lineNo, line.vin(), errors);
            return null;
        }
        String vin = null;
        VehicleDecoder.Result decoded = null;
        if (line.hasVehicleData()) {
            if (!rights.vehicles()) {
                errors.add("vehicle data needs the manufacturer or admin role (send only vin and history)");
            }
            require(line.make(), "make", errors);
            require(line.model(), "model", errors);
            require(line.fuelType(), "fuelType", errors);
            require(line.driveSide(), "driveSide", errors);
            if (line.vin() != null) {
                decoded = decoder.decode(line.vin(), line.manufacturer(), line.modelYear(), line.productionDate(),
                        line.plantCountry());
                for (Violation v : decoded.violations()) {
                    errors.add(v.field() + ": " + v.message());
                }
                vin = decoded.vin() == null ? null : decoded.vin().value();
            }
        } else if (line.vin() != null) {
            if (!line.hasHistory()) {
                errors.add("the line has neither vehicle data nor history");
            }
            List<VinError> vinErrors = Vin.check(line.vin());
            vinErrors.forEach(e -> errors.add((e.position() == 0 ? "vin" : "vin[" + e.position() + "]") + ": " + e.message()));
            vin = vinErrors.isEmpty() ? Vin.parse(line.vin()).value() : null;
        }
        if (line.hasHistory() && !rights.history()) {
            errors.add("registrations, deregistrations, odometer readings and title brands need the registrar or admin role");
        }
        if (!errors.isEmpty()) {
            chunk.error(lineNo, vin != null ? vin : line.vin(), errors);
            return null;
        }
        List<OdometerReadingInput> readings = line.odometerReadings() == null ? List.of()
                : line.odometerReadings().stream().sorted(Comparator.comparing(OdometerReadingInput::date)).toList();
        List<OdometerRules.Recorded> seen = new ArrayList<>();
        boolean[] rollback = new boolean[readings.size()];
        for (int i = 0; i < readings.size(); i++) {
            OdometerReadingInput r = readings.get(i);
            if (r.correctionRequested() && (r.reason() == null || r.reason().isBlank())) {
                errors.add("odometerReadings: a correction needs a reason");
            }
            var conflict = OdometerRules.contradiction(seen, r.date(), r.km());
            if (conflict.isPresent() && !r.correctionRequested()) {
                errors.add("odometerReadings: " + r.km() + " km on " + r.date() + " contradicts " + conflict.get().km()
                        + " km on " + conflict.get().date() + " in the same line; send it with correction=true and a reason");
            }
            rollback[i] = conflict.isPresent();
            seen.add(new OdometerRules.Recorded(r.date(), r.km(), rollback[i]));
        }
        if (!errors.isEmpty()) {
            chunk.error(lineNo, vin, errors);
            return null;
        }
        return new Good(lineNo, vin, line, decoded, readings, rollback);
    }

    private ImportLine readJson(String text, List<String> errors) {
        try {
            return lineReader.readValue(text);
        } catch (UnrecognizedPropertyException e) {
            errors.add(ProblemMappers.jsonPath(e) + ": unknown field");
        } catch (TextRules.ControlCharacterException e) {
            errors.add(ProblemMappers.jsonPath(e) + ": " + TextRules.MESSAGE);
        } catch (MismatchedInputException e) {
            String type = e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
            errors.add(ProblemMappers.jsonPath(e) + ": expected " + type);
        } catch (JsonMappingException e) {
            errors.add(ProblemMappers.jsonPath(e) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            errors.add("not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            errors.add("unreadable line: " + e.getMessage());
        }
        return null;
    }

    private static void require(Object value, String field, List<String> errors) {
        if (value == null || value instanceof String s && s.isBlank()) {
            errors.add(field + ": required for a vehicle");
        }
    }

    // ---- chunks of staged rows -------------------------------------------------------------------------------

    private static final class Chunk {
        final List<Good> good = new ArrayList<>();
        final CopyText errors = new CopyText();
        final Set<String> vins = new HashSet<>();
        int lines;
        int errorCount;
        boolean historyOnly;
        long processedThrough;

        void error(long lineNo, String vin, List<String> reasons) {
            String reason = String.join("; ", reasons);
            errors.add(lineNo).add(vin != null && vin.length() > 40 ? vin.substring(0, 40) : vin)
                    .add(reason.length() > 2000 ? reason.substring(0, 1997) + "..." : reason);
            errors.endRow();
            errorCount++;
            lines++;
        }

        void stage(Good g) {
            good.add(g);
            vins.add(g.vin());
            historyOnly |= g.decoded() == null;
            lines++;
        }
    }

    // ---- the writer: COPY into staging, check, merge, commit -------------------------------------------------

    private final class Writer {
        private final Connection c;
        private final UUID id;
        private final CopyManager copy;
        long failed;
        long busyNanos;
        long copyNanos;

        Writer(Connection c, UUID id) throws SQLException {
            this.c = c;
            this.id = id;
            this.copy = c.unwrap(PGConnection.class).getCopyAPI();
        }

        void prepare() throws SQLException {
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
         * Fast path: when no VIN of the chunk is stored yet (the common case for production data), the rows are
         * COPYed straight into their tables, with status and first registration derived in Java. Otherwise, or
         * if a concurrent writer got there first, the chunk goes through the staging tables and is merged.
         */
        void write(Chunk chunk) throws SQLException, IOException {
            long start = System.nanoTime();
            try {
                if (!chunk.historyOnly && !chunk.good.isEmpty() && noneStored(chunk)) {
                    try {
                        writeDirect(chunk);
                        return;
                    } catch (SQLException e) {
                        c.rollback();
                        if (!"23505".equals(e.getSQLState())) {
                            throw e;
                        }
                        LOG.debugf("import %s: a VIN or history row appeared meanwhile; merging the chunk instead", id);
                    }
                }
                writeStaged(chunk);
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                busyNanos += System.nanoTime() - start;
            }
        }

        private boolean noneStored(Chunk chunk) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM vehicle WHERE vin = ANY (?) LIMIT 1")) {
                ps.setArray(1, c.createArrayOf("varchar", chunk.vins.toArray()));
                try (var rs = ps.executeQuery()) {
                    return !rs.next();
                }
            }
        }

        private void writeDirect(Chunk chunk) throws SQLException, IOException {
            long t = System.nanoTime();
            CopyText vehicles = new CopyText();
            CopyText registrations = new CopyText();
            CopyText deregistrations = new CopyText();
            CopyText readings = new CopyText();
            CopyText brands = new CopyText();
            for (Good g : chunk.good) {
                ImportLine l = g.line();
                VehicleDecoder.Result d = g.decoded();
                List<LocalDate> regDates = l.registrations() == null ? List.of()
                        : l.registrations().stream().map(RegistrationInput::date).toList();
                List<LocalDate> deregDates = l.deregistrations() == null ? List.of()
                        : l.deregistrations().stream().map(DeregistrationInput::date).toList();
                vehicles.add(g.vin()).add(d.manufacturer()).add(l.make().trim()).add(l.model().trim())
                        .add(d.modelYear()).add(l.fuelType()).add(l.engineCc()).add(l.powerKw()).add(l.driveSide())
                        .add(l.emissionStandard()).add(l.productionDate()).add(d.plantCountry())
                        .add(VehicleStatus.derive(regDates, deregDates))
                        .add(regDates.stream().min(LocalDate::compareTo).orElse(null))
                        .add(transferForExportDate(l.registrations())).endRow();
                history(g, registrations, deregistrations, readings, brands, false);
            }
            copy(ImportSql.COPY_VEHICLE_DIRECT, vehicles);
            copy(ImportSql.COPY_REGISTRATION_DIRECT, registrations);
            copy(ImportSql.COPY_DEREGISTRATION_DIRECT, deregistrations);
            copy(ImportSql.COPY_READING_DIRECT, readings);
            copy(ImportSql.COPY_BRAND_DIRECT, brands);
            copyNanos += System.nanoTime() - t;
            finishChunk(chunk, 0);
        }

        private void writeStaged(Chunk chunk) throws SQLException, IOException {
            long t = System.nanoTime();
            CopyText vehicles = new CopyText();
            CopyText historyOnly = new CopyText();
            CopyText registrations = new CopyText();
            CopyText deregistrations = new CopyText();
            CopyText readings = new CopyText();
            CopyText brands = new CopyText();
            for (Good g : chunk.good) {
                ImportLine l = g.line();
                VehicleDecoder.Result d = g.decoded();
                if (d != null) {
                    vehicles.add(g.lineNo()).add(g.vin()).add(d.manufacturer()).add(l.make().trim()).add(l.model().trim())
                            .add(d.modelYear()).add(l.fuelType()).add(l.engineCc()).add(l.powerKw()).add(l.driveSide())
                            .add(l.emissionStandard()).add(l.productionDate()).add(d.plantCountry()).endRow();
                } else {
                    historyOnly.add(g.lineNo()).add(g.vin()).endRow();
                }
                history(g, registrations, deregistrations, readings, brands, true);
            }
            try (Statement s = c.createStatement()) {
                copy(ImportSql.COPY_VEHICLE, vehicles);
                copy(ImportSql.COPY_HISTORY_ONLY, historyOnly);
                copy(ImportSql.COPY_REGISTRATION, registrations);
                copy(ImportSql.COPY_DEREGISTRATION, deregistrations);
                copy(ImportSql.COPY_READING, readings);
                copy(ImportSql.COPY_BRAND, brands);
                copyNanos += System.nanoTime() - t;
                int bad = 0;
                if (readings.rows() > 0) {
                    bad += s.executeUpdate(ImportSql.BAD_ROLLBACKS);
                    s.executeUpdate(ImportSql.FLAG_ROLLBACKS);
                }
                if (historyOnly.rows() > 0) {
                    bad += s.executeUpdate(ImportSql.BAD_UNKNOWN_VEHICLES);
                }
                if (registrations.rows() > 0) {
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
                if (vehicles.rows() > 0) {
                    s.executeUpdate(ImportSql.UPSERT_VEHICLES);
                }
                if (registrations.rows() > 0) {
                    s.executeUpdate(ImportSql.INSERT_REGISTRATIONS);
                }
                if (deregistrations.rows() > 0) {
                    s.executeUpdate(ImportSql.INSERT_DEREGISTRATIONS);
                }
                if (readings.rows() > 0) {
                    s.executeUpdate(ImportSql.INSERT_READINGS);
                }
                if (brands.rows() > 0) {
                    s.executeUpdate(ImportSql.INSERT_BRANDS);
                }
                if (registrations.rows() > 0 || deregistrations.rows() > 0) {
                    s.executeUpdate(ImportSql.DERIVE_STATUS);
                }
                s.execute(ImportSql.TRUNCATE);
                finishChunk(chunk, bad);
            }
        }

        /** History rows of one line; staged rows carry the line number first. */
        private void history(Good g, CopyText registrations, CopyText deregistrations, CopyText readings,
                             CopyText brands, boolean staged) {
            ImportLine l = g.line();
            String vin = g.vin();
            if (l.registrations() != null) {
                boolean[] first = firstInLine(l.registrations());
                for (int i = 0; i < l.registrations().size(); i++) {
                    RegistrationInput r = l.registrations().get(i);
                    if (staged) {
                        registrations.add(g.lineNo());
                    }
                    registrations.add(vin).add(r.date()).add(r.region()).add(r.city()).add(r.plate())
                            .add(r.ownerType()).add(r.ownerId());
                    if (staged) {
                        // the default kind also depends on stored registrations: decided in ImportSql
                        registrations.add(r.kind()).add(first[i]).endRow();
                    } else {
                        // every VIN of a direct chunk is new: the line holds all its registrations
                        registrations.add(r.kind() != null ? r.kind() : RegistrationKind.byDefault(!first[i])).endRow();
                    }
                }
            }
            if (l.deregistrations() != null) {
                for (DeregistrationInput r : l.deregistrations()) {
                    if (staged) {
                        deregistrations.add(g.lineNo());
                    }
                    deregistrations.add(vin).add(r.date()).add(r.reason()).add(r.region()).endRow();
                }
            }
            for (int i = 0; i < g.readings().size(); i++) {
                OdometerReadingInput r = g.readings().get(i);
                if (staged) {
                    readings.add(g.lineNo());
                }
                readings.add(vin).add(r.date()).add(r.km()).add(r.source()).add(r.correctionRequested())
                        .add(r.reason()).add(g.rollback()[i]).endRow();
            }
            if (l.titleBrands() != null) {
                for (TitleBrandInput b : l.titleBrands()) {
                    if (staged) {
                        brands.add(g.lineNo());
                    }
                    brands.add(vin).add(b.brand()).add(b.date()).add(b.source()).add(b.note()).endRow();
                }
            }
        }

        private void finishChunk(Chunk chunk, int bad) throws SQLException, IOException {
            if (chunk.errors.rows() > 0) {
                copy.copyIn(ImportSql.COPY_ERRORS, reader(prefixJob(chunk.errors.text())));
            }
            failed += chunk.errorCount + bad;
            goodLines.increment(chunk.lines - chunk.errorCount - bad);
            badLines.increment(chunk.errorCount + bad);
            try (PreparedStatement ps = c.prepareStatement(ImportSql.PROGRESS)) {
                ps.setLong(1, chunk.processedThrough);
                ps.setLong(2, failed);
                ps.setObject(3, id);
                ps.executeUpdate();
            }
            c.commit();
        }

        void cleanUp() throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute(ImportSql.DROP);
            }
            c.commit();
            c.setAutoCommit(true);
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
    }

    /**
     * For each registration of a line, whether no other registration of the line is dated before it (or on the
     * same day and listed before it): such a registration defaults to FIRST unless one is already stored.
     */
    static boolean[] firstInLine(List<RegistrationInput> registrations) {
        boolean[] first = new boolean[registrations.size()];
        for (int i = 0; i < first.length; i++) {
            LocalDate date = registrations.get(i).date();
            first[i] = true;
            for (int j = 0; j < first.length && first[i]; j++) {
                LocalDate other = registrations.get(j).date();
                if (j != i && (other.isBefore(date) || other.isEqual(date) && j < i)) {
                    first[i] = false;
                }
            }
        }
        return first;
    }

    /** The latest TRANSFER_FOR_EXPORT registration of a line (only ever sent explicitly), or null. */
    static LocalDate transferForExportDate(List<RegistrationInput> registrations) {
        if (registrations == null) {
            return null;
        }
        return registrations.stream().filter(r -> r.kind() == RegistrationKind.TRANSFER_FOR_EXPORT)
                .map(RegistrationInput::date).max(LocalDate::compareTo).orElse(null);
    }

    private static Reader reader(CharSequence text) {
        return new java.io.CharArrayReader(text.toString().toCharArray());
    }
}
