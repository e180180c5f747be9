package io.zmx.registry.service.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.zmx.registry.domain.DriveSide;
import io.zmx.registry.domain.FuelType;
import io.zmx.registry.domain.OwnerType;
import io.zmx.registry.domain.ReadingSource;
import io.zmx.registry.domain.RegistrationKind;
import io.zmx.registry.service.HistoryInputs.OdometerReadingInput;
import io.zmx.registry.service.HistoryInputs.RegistrationInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The CSV import layout: a header line naming columns (any order, any subset containing {@code vin}, names matched
 * ignoring case, a UTF-8 BOM ignored), then one flat vehicle per line with an optional registration and one optional
 * odometer reading. Jackson CSV (RFC 4180 quoting) reads each line with a schema made from the header, so every value
 * is read by its column's name, never by its position.
 */
final class CsvLayout {

    static final List<String> COLUMNS = List.of("vin", "manufacturer", "make", "model", "modelYear", "fuelType",
            "engineCc", "powerKw", "driveSide", "emissionStandard", "productionDate", "plantCountry",
            "registrationDate", "registrationRegion", "registrationCity", "plate", "ownerType", "ownerId",
            "odometerDate", "odometerKm", "odometerSource", "odometerCorrection", "odometerReason",
            "registrationKind");

    private static final List<String> REGISTRATION = List.of("registrationDate", "registrationRegion",
            "registrationCity", "plate", "ownerType", "ownerId", "registrationKind");
    private static final List<String> READING = List.of("odometerDate", "odometerKm", "odometerSource",
            "odometerCorrection", "odometerReason");

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)           // around unquoted values; quoted ones stay as sent
            .enable(CsvParser.Feature.EMPTY_STRING_AS_NULL)  // an empty field is an absent value
            .enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
            .build();
    private static final ObjectReader FIELDS = CSV.readerFor(String[].class); // without a schema, a row is an array

    private final ObjectReader lines;
    private final int width;

    private CsvLayout(List<String> header) {
        CsvSchema.Builder schema = CsvSchema.builder();
        header.forEach(schema::addColumn);
        this.lines = CSV.readerForMapOf(String.class).with(schema.build());
        this.width = header.size();
    }

    /** Reads the header; throws with a message naming the bad column. */
    static CsvLayout header(String line) {
        String[] names = fields(line.startsWith("\uFEFF") ? line.substring(1) : line);
        Map<String, String> known = new HashMap<>();
        COLUMNS.forEach(c -> known.put(c.toLowerCase(Locale.ROOT), c));
        List<String> header = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : names) {
            String name = raw == null ? "" : raw;
            String column = known.get(name.toLowerCase(Locale.ROOT));
            if (column == null) {
                throw new IllegalArgumentException("unknown column '" + name + "' in the header; known columns: "
                        + String.join(",", COLUMNS));
            }
            if (!seen.add(column)) {
                throw new IllegalArgumentException("column '" + name + "' appears twice in the header");
            }
            header.add(column);
        }
        if (!seen.contains("vin")) {
            throw new IllegalArgumentException("the header has no 'vin' column");
        }
        return new CsvLayout(header);
    }

    /** One data line as an ImportLine; conversion problems are added to {@code errors} as "column: message". */
    ImportLine read(String line, List<String> errors) {
        Map<String, String> values;
        try {
            values = lines.readValue(line);
        } catch (JsonProcessingException e) {
            int count = fields(line).length; // throws for a broken quote
            if (count != width) {
                errors.add("line has " + count + " fields but the header has " + width);
                return null;
            }
            throw malformed(e);
        }
        Fields c = new Fields(values, errors);
        RegistrationInput registration = null;
        if (c.any(REGISTRATION)) {
            registration = new RegistrationInput(c.date("registrationDate"), c.str("registrationRegion"),
                    c.str("registrationCity"), c.str("plate"), c.enumOf("ownerType", OwnerType.class), c.str("ownerId"),
                    c.enumOf("registrationKind", RegistrationKind.class));
        }
        OdometerReadingInput reading = null;
        if (c.any(READING)) {
            reading = new OdometerReadingInput(c.date("odometerDate"), c.integer("odometerKm"),
                    c.enumOf("odometerSource", ReadingSource.class), c.bool("odometerCorrection"),
                    c.str("odometerReason"));
        }
        return new ImportLine(c.str("vin"), c.str("manufacturer"), c.str("make"), c.str("model"),
                c.integer("modelYear"), c.enumOf("fuelType", FuelType.class), c.integer("engineCc"),
                c.integer("powerKw"), c.enumOf("driveSide", DriveSide.class), c.str("emissionStandard"),
                c.date("productionDate"), c.str("plantCountry"),
                registration == null ? null : List.of(registration), null,
                reading == null ? null : List.of(reading), null);
    }

    /** The fields of one line, whatever the header says (for the header itself and for counting). */
    private static String[] fields(String line) {
        try {
            String[] f = FIELDS.readValue(line);
            return f == null ? new String[] {null} : f;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private static IllegalArgumentException malformed(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.toLowerCase(Locale.ROOT).contains("quote")) {
            return new IllegalArgumentException("a quoted field is not closed");
        }
        return new IllegalArgumentException(message);
    }

    private static final class Fields {
        private final Map<String, String> values;
        private final List<String> errors;

        Fields(Map<String, String> values, List<String> errors) {
            this.values = values;
            this.errors = errors;
        }

        String str(String column) {
            return values.get(column);
        }

        boolean any(List<String> columns) {
            for (String c : columns) {
                if (str(c) != null) {
                    return true;
                }
            }
            return false;
        }

        Integer integer(String column) {
            String s = str(column);
            if (s == null) {
                return null;
            }
            try {
                return Integer.valueOf(s);
            } catch (NumberFormatException e) {
                errors.add(column + ": '" + s + "' is not a whole number");
                return null;
            }
        }

        LocalDate date(String column) {
            String s = str(column);
            if (s == null) {
                return null;
            }
            if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
                // fast path for YYYY-MM-DD (LocalDate.parse costs more than the rest of the line)
                int y = digits(s, 0, 4);
                int m = digits(s, 5, 7);
                int d = digits(s, 8, 10);
                if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= java.time.YearMonth.of(y, m).lengthOfMonth()) {
                    return LocalDate.of(y, m, d);
                }
            }
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                errors.add(column + ": '" + s + "' is not an ISO date (YYYY-MM-DD)");
                return null;
            }
        }

        private static int digits(String s, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }

        Boolean bool(String column) {
            String s = str(column);
            if (s == null) {
                return null;
            }
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
            errors.add(column + ": '" + s + "' is not true or false");
            return null;
        }

        <E extends Enum<E>> E enumOf(String column, Class<E> type) {
            String s = str(column);
            if (s == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                List<String> allowed = new ArrayList<>();
                for (E v : type.getEnumConstants()) {
                    allowed.add(v.name());
                }
                errors.add(column + ": '" + s + "' is not one of " + String.join(", ", allowed));
                return null;
            }
        }
    }
}
