package io.zmx.registry.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A vehicle identification number per ISO 3779 (China's GB 16735 uses the same layout and check digit).
 * Instances are always valid: use {@link #parse} at the edge, or {@link #check} to explain a bad one.
 *
 * <p>Check-digit policy (the same in export-service's {@code Vin}): position 9 must carry the ISO 3779 check
 * digit when the region code (position 1) is {@code 1}-{@code 5} (North America, FMVSS 115 / 49 CFR 565) or
 * {@code L} or {@code H} (China, GB 16735; ISO 3780 allocates both letters to China). Elsewhere (Europe, Korea's
 * domestic market, India, Brazil, ...) the check digit is optional and a correct VIN may carry any character
 * there: such a VIN is accepted and reports {@link #checkDigitVerifiable()} false, as NHTSA's decoder answers
 * error code 1 and still decodes.
 */
public final class Vin {

    public static final int LENGTH = 17;
    public static final int CHECK_POSITION = 9;
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    private final String value;

    private Vin(String value) {
        this.value = value;
    }

    /** Parses a VIN, upper-casing and trimming it; throws {@link InvalidVinException} naming every error. */
    public static Vin parse(String raw) {
        List<VinError> errors = check(raw);
        if (!errors.isEmpty()) {
            throw new InvalidVinException(raw, errors);
        }
        return new Vin(normalise(raw));
    }

    public static Optional<Vin> tryParse(String raw) {
        return check(raw).isEmpty() ? Optional.of(new Vin(normalise(raw))) : Optional.empty();
    }

    static String normalise(String raw) {
        return raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
    }

    /** Every reason the given text is not a valid VIN, with 1-based positions; empty when it is valid. */
    public static List<VinError> check(String raw) {
        String vin = normalise(raw);
        List<VinError> errors = new ArrayList<>();
        if (vin.length() != LENGTH) {
            errors.add(new VinError(VinError.Kind.LENGTH, 0,
                    "a VIN has " + LENGTH + " characters, this one has " + vin.length(), null));
            return errors;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = vin.charAt(i);
            if (c == 'I' || c == 'O' || c == 'Q') {
                errors.add(new VinError(VinError.Kind.FORBIDDEN_LETTER, i + 1,
                        "position " + (i + 1) + " is '" + c + "'; I, O and Q never appear in a VIN", null));
            } else if (transliterate(c) < 0) {
                errors.add(new VinError(VinError.Kind.ALPHABET, i + 1,
                        "position " + (i + 1) + " is '" + c + "'; only digits and letters other than I, O, Q are allowed",
                        null));
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        char expected = checkDigit(vin);
        char actual = vin.charAt(CHECK_POSITION - 1);
        if (expected != actual && checkDigitMandatory(vin)) {
            errors.add(new VinError(VinError.Kind.CHECK_DIGIT, CHECK_POSITION,
                    "check digit at position 9 is '" + actual + "' but the other characters give '" + expected
                            + "'; it is mandatory for " + mandatoryRegion(vin.charAt(0)) + " VINs",
                    String.valueOf(expected)));
        }
        return errors;
    }

    /**
     * True when the VIN's region (position 1) requires a valid check digit: 1-5 (North America), L and H (China).
     * Elsewhere ISO 3779 leaves position 9 to the manufacturer.
     */
    public static boolean checkDigitMandatory(String vin) {
        if (vin == null || vin.isEmpty()) {
            return false;
        }
        char region = Character.toUpperCase(vin.charAt(0));
        return region >= '1' && region <= '5' || region == 'L' || region == 'H';
    }

    private static String mandatoryRegion(char region) {
        return region == 'L' || region == 'H' ? "Chinese (GB 16735)" : "North American (49 CFR 565)";
    }

    /** True when position 9 of a 17-character VIN from the allowed alphabet carries its ISO 3779 check digit. */
    public static boolean checkDigitMatches(String vin) {
        return checkDigit(vin) == vin.charAt(CHECK_POSITION - 1);
    }

    /** ISO 3779 check digit of a 17-character VIN from the allowed alphabet (position 9 is ignored). */
    public static char checkDigit(String vin) {
        int sum = 0;
        for (int i = 0; i < LENGTH; i++) {
            sum += transliterate(vin.charAt(i)) * WEIGHTS[i];
        }
        int rest = sum % 11;
        return rest == 10 ? 'X' : (char) ('0' + rest);
    }

    /** Numeric value of a VIN character per ISO 3779 Annex, or -1 when it may not appear in a VIN. */
    public static int transliterate(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
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

    public String value() {
        return value;
    }

    /**
     * Whether position 9 carries the ISO 3779 check digit. Always true where it is mandatory (a VIN without it
     * is refused there); false for a VIN from another region whose position 9 does not match.
     */
    public boolean checkDigitVerifiable() {
        return checkDigit(value) == value.charAt(CHECK_POSITION - 1);
    }

    /** World manufacturer identifier, positions 1-3. */
    public String wmi() {
        return value.substring(0, 3);
    }

    /** Small makers (under 500 vehicles a year) have '9' at position 3 and complete the WMI at 12-14. */
    public boolean smallManufacturer() {
        return value.charAt(2) == '9';
    }

    /** The full manufacturer identifier: the WMI, extended with positions 12-14 for small makers. */
    public String manufacturerCode() {
        return smallManufacturer() ? wmi() + value.substring(11, 14) : wmi();
    }

    public String vds() {
        return value.substring(3, 9);
    }

    public String vis() {
        return value.substring(9);
    }

    public char modelYearCode() {
        return value.charAt(9);
    }

    public char plantCode() {
        return value.charAt(10);
    }

    public String serial() {
        return value.substring(11);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vin other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
