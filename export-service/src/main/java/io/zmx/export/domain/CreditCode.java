package io.zmx.export.domain;

import java.util.Objects;

/**
 * China's unified social credit code (GB 32100-2015): 18 characters from a 31-letter alphabet
 * without I, O, Z, S and V; the 18th is a check character, weighted sum of the first 17 modulo 31.
 * Exporters are identified by it; it is validated once, here, at the edge.
 */
public final class CreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private final String value;

    private CreditCode(String value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException with a message fit for a field violation */
    public static CreditCode of(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("must be an 18-character unified social credit code");
        }
        String s = raw.trim().toUpperCase();
        if (s.length() != 18) {
            throw new IllegalArgumentException("must have 18 characters, has " + s.length());
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " '" + s.charAt(i)
                        + "' is not allowed (I, O, Z, S, V never appear)");
            }
        }
        char expected = checkCharacter(s);
        if (s.charAt(17) != expected) {
            throw new IllegalArgumentException("check character is '" + s.charAt(17) + "', expected '" + expected + "'");
        }
        return new CreditCode(s);
    }

    public static boolean isValid(String raw) {
        try {
            of(raw);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The check character for the first 17 characters of {@code s}. */
    public static char checkCharacter(String s) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(s.charAt(i)) * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return ALPHABET.charAt(c == 31 ? 0 : c);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CreditCode c && c.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
