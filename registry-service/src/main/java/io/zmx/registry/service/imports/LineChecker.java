package io.zmx.registry.service.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.zmx.edge.ProblemMappers;
import io.zmx.edge.TextRules;
import io.zmx.registry.domain.FieldError;
import io.zmx.registry.domain.ImportFormat;
import io.zmx.registry.domain.OdometerRules;
import io.zmx.registry.domain.VehicleDecoder;
import io.zmx.registry.domain.Vin;
import io.zmx.registry.domain.VinError;
import io.zmx.registry.service.HistoryInputs.OdometerReadingInput;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules one import line must pass, the same as the API's: well-formed (JSON or CSV), the Bean Validation
 * constraints (ImportLineRules), the VIN and what it says (VehicleDecoder), the submitter's rights, and odometer
 * readings that agree with each other (OdometerRules). Readings against stored ones are checked in SQL (ImportSql).
 */
@ApplicationScoped
public class LineChecker {

    private final ObjectReader lineReader;
    private final VehicleDecoder decoder;

    public LineChecker(ObjectMapper mapper, VehicleDecoder decoder) {
        this.lineReader = mapper.readerFor(ImportLine.class);
        this.decoder = decoder;
    }

    /** A line that passed every check, ready to stage. */
    record CheckedLine(long lineNo, String vin, ImportLine line, VehicleDecoder.Result decoded,
                       List<OdometerReadingInput> readings, boolean[] rollback) {}

    /** Checks one line; a bad line is recorded in the chunk's errors and null returned. */
    CheckedLine check(Chunk chunk, long lineNo, String text, ImportFormat format, CsvLayout layout, Rights rights) {
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
                for (FieldError v : decoded.violations()) {
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
        return new CheckedLine(lineNo, vin, line, decoded, readings, rollback);
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
}
