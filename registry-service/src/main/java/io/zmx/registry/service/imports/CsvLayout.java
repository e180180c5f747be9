package io.zmx.registry.service.imports;

import io.zmx.registry.service.HistoryInputs.OdometerReadingInput;
import io.zmx.registry.service.HistoryInputs.RegistrationInput;
import io.zmx.registry.service.imports.ImportLine;
import io.zmx.registry.domain.DriveSide;
import io.zmx.registry.domain.FuelType;
import io.zmx.registry.domain.OwnerType;
import io.zmx.registry.domain.ReadingSource;
import io.zmx.registry.domain.RegistrationKind;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV import layout: a header line naming columns (any order, any subset containing {@code vin}), then one
 * flat vehicle per line with an optional registration (its kind in {@code registrationKind}, added for issue 9 at
 * the end so that every earlier header stays valid) and one optional odometer reading.
 */
final class CsvLayout {

    static final List<String> COLUMNS = List.of("vin", "manufacturer", "make", "model", "modelYear", "fuelType",
            "engineCc", "powerKw", "driveSide", "emissionStandard", "productionDate", "plantCountry",
            "registrationDate", "registrationRegion", "registrationCity", "plate", "ownerType", "ownerId",
            "odometerDate", "odometerKm", "odometerSource", "odometerCorrection", "odometerReason",
            "registrationKind");

    private final int[] index = new int[COLUMNS.size()];
    private final int width;

    private CsvLayout(int[] positions, int width) {
        System.arraycopy(positions, 0, index, 0, positions.length);
        this.width = width;
    }

    /** Reads the header; throws with a message naming the bad column. */
    static CsvLayout header(String line) {
        List<String> names = Csv.split(line.startsWith("\uFEFF") ? line.substring(1) : line);
        int[] positions = new int[COLUMNS.size()];
        java.util.Arrays.fill(positions, -1);
        Map<String, Integer> known = new HashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            known.put(COLUMNS.get(i).toLowerCase(Locale.ROOT), i);
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i);
            Integer k = known.get(name.toLowerCase(Locale.ROOT));
            if (k == null) {
                throw new IllegalArgumentException("unknown column '" + name + "' in the header; known columns: "
                        + String.join(",", COLUMNS));
            }
            if (positions[k] >= 0) {
                throw new IllegalArgumentException("column '" + name + "' appears twice in the header");
            }
            positions[k] = i;
        }
        if (positions[0] < 0) {
            throw new IllegalArgumentException("the header has no 'vin' column");
        }
        return new CsvLayout(positions, names.size());
    }

    /** One data line as an ImportLine; conversion problems are added to {@code errors} as "column: message". */
    ImportLine read(String line, List<String> errors) {
        List<String> f = Csv.split(line);
        if (f.size() != width) {
            errors.add("line has " + f.size() + " fields but the header has " + width);
            return null;
        }
        Fields c = new Fields(f, errors);
        RegistrationInput registration = null;
        if (c.any(12, 13, 14, 15, 16, 17, 23)) {
            registration = new RegistrationInput(c.date(12), c.str(13), c.str(14), c.str(15),
                    c.enumOf(16, OwnerType.class), c.str(17), c.enumOf(23, RegistrationKind.class));
        }
        OdometerReadingInput reading = null;
        if (c.any(18, 19, 20, 21, 22)) {
            reading = new OdometerReadingInput(c.date(18), c.integer(19), c.enumOf(20, ReadingSource.class),
                    c.bool(21), c.str(22));
        }
        return new ImportLine(c.str(0), c.str(1), c.str(2), c.str(3), c.integer(4), c.enumOf(5, FuelType.class),
                c.integer(6), c.integer(7), c.enumOf(8, DriveSide.class), c.str(9), c.date(10), c.str(11),
                registration == null ? null : List.of(registration), null,
                reading == null ? null : List.of(reading), null);
    }

    private final class Fields {
        private final List<String> values;
        private final List<String> errors;

        Fields(List<String> values, List<String> errors) {
            this.values = values;
            this.errors = errors;
        }

        String str(int column) {
            int i = index[column];
            return i < 0 ? null : values.get(i);
        }

        boolean any(int... columns) {
            for (int c : columns) {
                if (str(c) != null) {
                    return true;
                }
            }
            return false;
        }

        Integer integer(int column) {
            String s = str(column);
            if (s == null) {
                return null;
            }
            try {
                return Integer.valueOf(s);
            } catch (NumberFormatException e) {
                errors.add(COLUMNS.get(column) + ": '" + s + "' is not a whole number");
                return null;
            }
        }

        LocalDate date(int column) {
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
                errors.add(COLUMNS.get(column) + ": '" + s + "' is not an ISO date (YYYY-MM-DD)");
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

        Boolean bool(int column) {
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
            errors.add(COLUMNS.get(column) + ": '" + s + "' is not true or false");
            return null;
        }

        <E extends Enum<E>> E enumOf(int column, Class<E> type) {
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
                errors.add(COLUMNS.get(column) + ": '" + s + "' is not one of " + String.join(", ", allowed));
                return null;
            }
        }
    }
}
