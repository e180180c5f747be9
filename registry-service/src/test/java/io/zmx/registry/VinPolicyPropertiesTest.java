package io.zmx.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zmx.registry.domain.ModelYear;
import io.zmx.registry.domain.Vin;
import io.zmx.registry.domain.VinError;
import io.zmx.registry.domain.WmiCatalog;
import io.zmx.registry.domain.VehicleDecoder;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the VIN policy and model-year decoding, checked over whole input spaces (every position-10 code
 * against every production day of 1950-2100; every single-character substitution of thousands of Chinese VINs)
 * or over large seeded samples, so a failure names a reproducible case.
 *
 * <p>What "every single-character substitution of a valid Chinese VIN is refused" can and cannot mean: ISO 3779
 * sums transliterated values times position weights mod 11. Every weight except position 9's is 1-10, so it is a
 * unit mod 11 (a prime), and a change of one character changes the sum unless the old and new characters have
 * the same transliterated value (A/J/1, B/K/S/2, C/L/T/3, D/M/U/4, E/N/V/5, F/W/6, G/P/X/7, H/Y/8, R/Z/9). So
 * exactly these substitutions escape the check digit: (a) at positions other than 9, a character with the same
 * transliterated value (the result is a different, equally valid VIN: no check digit can see it); and (b) at
 * position 1, a character outside the mandatory regions (1-5, L, H), which makes the check digit optional (the
 * result is accepted, flagged {@code checkDigitVerifiable=false} unless (a) also holds). Everything else,
 * including every substitution at position 9 and every I, O or Q, is refused.
 */
class VinPolicyPropertiesTest {

    static final String ALLOWED = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
    static final String ALPHABET = ALLOWED + "IOQ";
    static final String MANDATORY = "12345LH";
    static final String CODES = "ABCDEFGHJKLMNPRSTVWXY123456789";
    static final VehicleDecoder DECODER = new VehicleDecoder(new WmiCatalog());

    /** A valid VIN from {@code random}, starting with one of {@code firsts}, its check digit computed. */
    static String validVin(Random random, String firsts) {
        StringBuilder sb = new StringBuilder();
        sb.append(firsts.charAt(random.nextInt(firsts.length())));
        for (int i = 1; i < 17; i++) {
            sb.append(ALLOWED.charAt(random.nextInt(ALLOWED.length())));
        }
        sb.setCharAt(8, Vin.checkDigit(sb.toString()));
        return sb.toString();
    }

    @Test
    void decodedModelYearIsNeverAfterTheProductionYearPlusOne() {
        for (LocalDate day = LocalDate.of(1950, 1, 1); day.getYear() <= 2100; day = day.plusDays(1)) {
            for (char code : CODES.toCharArray()) {
                int year = ModelYear.resolve(code, day).orElseThrow();
                assertTrue(year <= day.getYear() + 1, code + " produced " + day + " -> " + year);
                // the latest such year: the next one the code can mean is beyond the bound
                assertTrue(year + 30 > day.getYear() + 1, code + " produced " + day + " -> " + year + " is too old");
                assertEquals(0, Math.floorMod(year - (1980 + CODES.indexOf(code)), 30), code + " -> " + year);
                assertTrue(ModelYear.consistent(code, year, day));
            }
        }
    }

    @Test
    void withoutAProductionDateTheModelYearIsNeverAfterTheDecodingYearPlusOne() {
        String vin = "LGXCE4CB0R0123456";
        for (LocalDate decoded = LocalDate.of(2000, 1, 1); decoded.getYear() <= 2060; decoded = decoded.plusDays(13)) {
            for (char code : CODES.toCharArray()) {
                String raw = vin.substring(0, 9) + code + vin.substring(10);
                raw = raw.substring(0, 8) + Vin.checkDigit(raw) + raw.substring(9);
                VehicleDecoder.Result r = DECODER.decode(raw, null, null, null, null, decoded);
                assertTrue(r.valid(), raw + " " + r.violations());
                assertTrue(r.modelYear() <= decoded.getYear() + 1, raw + " decoded " + decoded + " -> " + r.modelYear());
                // and a caller cannot state a model year beyond that bound either
                VehicleDecoder.Result stated = DECODER.decode(raw, null, r.modelYear() + 30, null, null, decoded);
                assertFalse(stated.valid(), raw + " accepted model year " + (r.modelYear() + 30) + " on " + decoded);
            }
        }
    }

    @Test
    void everySingleSubstitutionOfAChineseVinIsRefusedExceptTheTwoKindsChecksumsCannotSee() {
        Random random = new Random(20261129L);
        int refused = 0;
        int sameValue = 0;
        int leftChina = 0;
        for (int n = 0; n < 3000; n++) {
            String vin = validVin(random, "LH");
            assertTrue(Vin.check(vin).isEmpty(), vin);
            for (int pos = 0; pos < 17; pos++) {
                char original = vin.charAt(pos);
                for (char c : ALPHABET.toCharArray()) {
                    if (c == original) {
                        continue;
                    }
                    String changed = vin.substring(0, pos) + c + vin.substring(pos + 1);
                    List<VinError> errors = Vin.check(changed);
                    boolean forbidden = c == 'I' || c == 'O' || c == 'Q';
                    boolean invisible = !forbidden && pos != 8 && Vin.transliterate(c) == Vin.transliterate(original);
                    boolean optional = !forbidden && pos == 0 && MANDATORY.indexOf(c) < 0;
                    if (invisible || optional) {
                        assertTrue(errors.isEmpty(), changed + " (from " + vin + ") refused: " + errors);
                        assertEquals(invisible, Vin.parse(changed).checkDigitVerifiable(), changed);
                        sameValue += invisible ? 1 : 0;
                        leftChina += optional && !invisible ? 1 : 0;
                    } else {
                        assertFalse(errors.isEmpty(), "substitution not caught: " + changed + " (from " + vin + ")");
                        refused++;
                        if (!forbidden) {
                            VinError e = errors.get(0);
                            assertEquals(VinError.Kind.CHECK_DIGIT, e.kind(), changed);
                            assertEquals(9, e.position(), changed);
                            assertEquals(String.valueOf(Vin.checkDigit(changed)), e.expected(), changed);
                        }
                    }
                }
            }
        }
        // both exceptions are real (about 11% of all substitutions here), and nothing else escapes
        assertTrue(sameValue > 0 && leftChina > 0, sameValue + " / " + leftChina);
        assertEquals(3000 * 17 * (ALPHABET.length() - 1), refused + sameValue + leftChina);
    }

    @Test
    void everySubstitutionAtPositionNineOfAChineseOrNorthAmericanVinIsRefused() {
        Random random = new Random(9L);
        for (int n = 0; n < 5000; n++) {
            String vin = validVin(random, MANDATORY);
            for (char c : ALPHABET.toCharArray()) {
                if (c != vin.charAt(8)) {
                    String changed = vin.substring(0, 8) + c + vin.substring(9);
                    assertFalse(Vin.check(changed).isEmpty(), changed);
                }
            }
        }
    }

    @Test
    void aVinFromARegionWithoutMandatoryCheckDigitIsAcceptedAndFlaggedWhenPositionNineIsWrong() {
        Random random = new Random(3779L);
        String optionalRegions = ALLOWED.replaceAll("[" + MANDATORY + "]", "");
        for (int n = 0; n < 20000; n++) {
            String valid = validVin(random, optionalRegions);
            char wrong;
            do {
                wrong = "0123456789X".charAt(random.nextInt(11));
            } while (wrong == valid.charAt(8));
            String vin = valid.substring(0, 8) + wrong + valid.substring(9);
            assertTrue(Vin.check(vin).isEmpty(), vin);
            assertFalse(Vin.parse(vin).checkDigitVerifiable(), vin);
            assertTrue(Vin.parse(valid).checkDigitVerifiable(), valid);
            VehicleDecoder.Result r = DECODER.decode(vin, "Some Maker", ModelYear.isCode(vin.charAt(9)) ? null : 2020,
                    null, null, LocalDate.of(2026, 11, 29));
            assertTrue(r.valid(), vin + " " + r.violations());
            assertFalse(r.checkDigitVerifiable(), vin);
        }
    }

    @Test
    void aMandatoryRegionVinWithAWrongCheckDigitIsRefusedNamingTheExpectedDigit() {
        Random random = new Random(565L);
        for (int n = 0; n < 20000; n++) {
            String valid = validVin(random, MANDATORY);
            char wrong = valid.charAt(8) == '0' ? '1' : '0';
            String vin = valid.substring(0, 8) + wrong + valid.substring(9);
            List<VinError> errors = Vin.check(vin);
            assertEquals(1, errors.size(), vin);
            assertEquals(String.valueOf(valid.charAt(8)), errors.get(0).expected(), vin);
            VehicleDecoder.Result r = DECODER.decode(vin, "Some Maker", 2020, null, null, LocalDate.of(2026, 11, 29));
            assertFalse(r.valid(), vin);
            assertEquals("vin[9]", r.violations().get(0).field());
        }
    }
}
