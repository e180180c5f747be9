package io.zmx.export.domain;

/** A VIN as a filing names it: 17 characters, no I/O/Q, ISO 3779 check digit at position 9. */
public record Vin(String value) {

    private static final String WEIGHTS = "8765432X098765432";

    public static Vin of(String raw) {
        if (raw == null || raw.trim().length() != 17) {
            throw new IllegalArgumentException("must have 17 characters");
        }
        String s = raw.trim().toUpperCase();
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = value(s.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " '" + s.charAt(i) + "' is not allowed");
            }
            char w = WEIGHTS.charAt(i);
            sum += v * (w == 'X' ? 10 : w - '0');
        }
        int r = sum % 11;
        char expected = r == 10 ? 'X' : (char) ('0' + r);
        if (s.charAt(8) != expected) {
            throw new IllegalArgumentException("check digit is '" + s.charAt(8) + "', expected '" + expected + "'");
        }
        return new Vin(s);
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
