package io.zmx.export.domain;

/**
 * A VIN as a filing names it: 17 characters from A-Z0-9 without I, O or Q. The ISO 3779 check digit at
 * position 9 is mandatory where the region's rules require it: North America (first character 1-5) and China
 * (L and H, ISO 3780 / GB 16735). Elsewhere (Europe, Korea's domestic market, ...) a correct VIN may carry no
 * check digit, so a mismatch there is accepted and reported by {@link #checkDigitVerifiable()}.
 * The same policy as registry-service's {@code Vin}.
 */
public record Vin(String value, boolean checkDigitVerifiable) {

    private static final String WEIGHTS = "8765432X098765432";

    public static Vin of(String raw) {
        if (raw == null || raw.trim().length() != 17) {
            throw new IllegalArgumentException("must have 17 characters");
        }
        String s = raw.trim().toUpperCase();
        for (int i = 0; i < 17; i++) {
            if (value(s.charAt(i)) < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " '" + s.charAt(i) + "' is not allowed");
            }
        }
        char expected = checkDigit(s);
        boolean matches = s.charAt(8) == expected;
        if (!matches && checkDigitMandatory(s)) {
            throw new IllegalArgumentException("position 9: check digit is '" + s.charAt(8) + "', expected '" + expected + "'");
        }
        return new Vin(s, matches);
    }

    /** North American WMIs (1-5) and Chinese ones (L, H) must carry a valid ISO 3779 check digit. */
    public static boolean checkDigitMandatory(String vin) {
        char c = vin.charAt(0);
        return (c >= '1' && c <= '5') || c == 'L' || c == 'H';
    }

    /** The ISO 3779 check digit of a syntactically valid VIN. */
    public static char checkDigit(String s) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char w = WEIGHTS.charAt(i);
            sum += value(s.charAt(i)) * (w == 'X' ? 10 : w - '0');
        }
        int r = sum % 11;
        return r == 10 ? 'X' : (char) ('0' + r);
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> -1;
        };
    }
}
