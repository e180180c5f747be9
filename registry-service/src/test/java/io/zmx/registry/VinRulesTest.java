package io.zmx.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zmx.registry.domain.ModelYear;
import io.zmx.registry.domain.Vin;
import io.zmx.registry.domain.WmiCatalog;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pure unit tests of the VIN rules (no Quarkus, no database). */
class VinRulesTest {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final List<String> VALID = List.of("1M8GDM9AXKP042788",
            TestVins.of("LGX", "CE4CB", 'R', '0', "123456"),
            TestVins.of("LRW", "YGEF1", 'P', 'C', "765432"),
            TestVins.of("L6T", "79XE2", 'S', 'N', "000017"));

    @Test
    void everySubstitutionThatChangesTheTransliteratedValueIsCaught() {
        int checked = 0;
        for (String vin : VALID) {
            assertTrue(Vin.check(vin).isEmpty(), vin + " should be valid");
            for (int pos = 0; pos < 17; pos++) {
                for (char c : ALPHABET.toCharArray()) {
                    char original = vin.charAt(pos);
                    if (c == original) {
                        continue;
                    }
                    String changed = vin.substring(0, pos) + c + vin.substring(pos + 1);
                    boolean forbidden = c == 'I' || c == 'O' || c == 'Q';
                    boolean sameValue = !forbidden && value(c) == value(original);
                    if (sameValue && pos != 8) {
                        // e.g. A and J both count 1: ISO 3779 cannot see this substitution
                        assertTrue(Vin.check(changed).isEmpty(), changed);
                        continue;
                    }
                    assertFalse(Vin.check(changed).isEmpty(), "substitution not caught: " + changed);
                    checked++;
                }
            }
        }
        assertTrue(checked > 4 * 17 * 25, "checked " + checked);
    }

    @Test
    void wrongCheckDigitNamesTheExpectedOne() {
        var errors = Vin.check("1M8GDM9A1KP042788");
        assertEquals(1, errors.size());
        assertEquals(9, errors.get(0).position());
        assertEquals("X", errors.get(0).expected());
    }

    @Test
    void modelYearAcrossTheWholeThirtyYearCycle() {
        String codes = "ABCDEFGHJKLMNPRSTVWXY123456789";
        for (int year = 1980; year <= 2039; year++) {
            char code = codes.charAt((year - 1980) % 30);
            assertEquals(Optional.of(year), ModelYear.resolve(code, LocalDate.of(year, 6, 1)), "code " + code + " in " + year);
            // built in the autumn before its model year
            assertEquals(Optional.of(year), ModelYear.resolve(code, LocalDate.of(year - 1, 10, 1)), "early " + code);
        }
        assertEquals(Optional.of(2010), ModelYear.resolve('A', LocalDate.of(2011, 1, 1)));
        assertEquals(Optional.of(2040), ModelYear.resolve('A', LocalDate.of(2039, 9, 1)));
        assertEquals(Optional.of(2001), ModelYear.resolve('1', LocalDate.of(2003, 1, 1)));
        assertEquals(Optional.of(2031), ModelYear.resolve('1', LocalDate.of(2030, 8, 1)));
        for (char notAYear : "0UZIOQ".toCharArray()) {
            assertTrue(ModelYear.resolve(notAYear, LocalDate.of(2024, 1, 1)).isEmpty(), "" + notAYear);
        }
    }

    @Test
    void chineseWmisDecodeToTheirMakers() {
        WmiCatalog catalog = new WmiCatalog();
        String[][] expected = {
            {"LGX", "BYD Auto"}, {"LC0", "BYD Auto"}, {"LPE", "BYD Auto"}, {"L6T", "Geely Automobile"},
            {"LB3", "Geely Automobile"}, {"LVV", "Chery Automobile"}, {"LGW", "Great Wall Motor"},
            {"LSJ", "SAIC MG"}, {"LSV", "SAIC Volkswagen"}, {"LSG", "SAIC General Motors"},
            {"LZW", "SAIC-GM-Wuling"}, {"LS5", "Changan Automobile"}, {"LMG", "GAC Motor"},
            {"LGH", "Dongfeng Motor"}, {"LFV", "FAW-Volkswagen"}, {"LRW", "Tesla Shanghai"}, {"LJ1", "JAC Motors"}};
        for (String[] e : expected) {
            Vin vin = Vin.parse(TestVins.fresh(e[0], 'R'));
            var maker = catalog.maker(vin).orElseThrow(() -> new AssertionError(e[0] + " unknown"));
            assertEquals(e[1], maker.name(), e[0]);
            assertEquals("CN", maker.country(), e[0]);
        }
        Vin unknownChinese = Vin.parse(TestVins.fresh("LXY", 'R'));
        assertTrue(catalog.maker(unknownChinese).isEmpty());
        assertEquals(Optional.of("CN"), WmiCatalog.regionCountry(unknownChinese));
        Vin small = Vin.parse(TestVins.of("LA9", "AB3CD", 'R', 'S', "C2D001"));
        assertTrue(small.smallManufacturer());
        assertEquals("LA9C2D", small.manufacturerCode());
        assertFalse(catalog.maker(Vin.parse(TestVins.fresh("LW4", 'R'))).orElseThrow().confident());
    }

    private static int value(char c) {
        if (Character.isDigit(c)) {
            return c - '0';
        }
        return translit(c);
    }

    private static int translit(char c) {
        String[] groups = {"AJ", "BKS", "CLT", "DMU", "ENV", "FW", "GPX", "HY", "RZ"};
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].indexOf(c) >= 0) {
                return i + 1;
            }
        }
        return -1;
    }
}
