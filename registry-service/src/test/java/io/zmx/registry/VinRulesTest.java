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
        // never later than the reference year + 1: the codes 1-9 decoded in 2026 are 2001-2009, not 2031-2039
        for (char code : "123456789".toCharArray()) {
            assertEquals(Optional.of(2000 + code - '0'), ModelYear.resolve(code, LocalDate.of(2026, 11, 29)), "" + code);
        }
        assertEquals(Optional.of(2027), ModelYear.resolve('V', LocalDate.of(2026, 11, 29)));
        assertEquals(Optional.of(1998), ModelYear.resolve('W', LocalDate.of(2026, 11, 29)));
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

    @Test
    void hungarianAndKoreanDomesticVinsWithoutACheckDigitAreAcceptedAndFlagged() {
        WmiCatalog catalog = new WmiCatalog();
        // Audi Hungaria (Gyor): TRU; European VINs often carry 'Z' or '0' at position 9
        String hungarian = "TRUZZZ8J0K1001234";
        assertTrue(Vin.check(hungarian).isEmpty(), Vin.check(hungarian).toString());
        assertFalse(Vin.parse(hungarian).checkDigitVerifiable());
        assertEquals(Optional.of("HU"), WmiCatalog.regionCountry(Vin.parse(hungarian)));
        // Hyundai for the Korean domestic market
        String korean = "KMHL141CBKA012345";
        assertTrue(Vin.check(korean).isEmpty(), Vin.check(korean).toString());
        assertFalse(Vin.parse(korean).checkDigitVerifiable());
        assertEquals("KR", catalog.maker(Vin.parse(korean)).orElseThrow().country());
    }

    @Test
    void chineseAndUsVinsWithAWrongCheckDigitAreRefusedNamingTheExpectedDigit() {
        String chinese = TestVins.of("LGX", "CE4CB", 'R', '0', "123456");
        char expected = chinese.charAt(8);
        String wrongChinese = chinese.substring(0, 8) + (expected == '0' ? '1' : '0') + chinese.substring(9);
        var errors = Vin.check(wrongChinese);
        assertEquals(1, errors.size());
        assertEquals(9, errors.get(0).position());
        assertEquals(String.valueOf(expected), errors.get(0).expected());
        assertTrue(errors.get(0).message().contains("Chinese"), errors.get(0).message());
        var us = Vin.check("1M8GDM9A1KP042788");
        assertEquals("X", us.get(0).expected());
        assertTrue(us.get(0).message().contains("North American"), us.get(0).message());
    }

    @Test
    void hPrefixDecodesToChina() {
        WmiCatalog catalog = new WmiCatalog();
        Vin unknownMaker = Vin.parse(TestVins.fresh("HZZ", 'S'));
        assertTrue(catalog.maker(unknownMaker).isEmpty());
        assertEquals(Optional.of("CN"), WmiCatalog.regionCountry(unknownMaker));
        assertEquals("Li Auto", catalog.maker(Vin.parse(TestVins.fresh("HLX", 'S'))).orElseThrow().name());
        // and the check digit is as mandatory as for L
        String h = TestVins.fresh("HLX", 'S');
        assertFalse(Vin.check(h.substring(0, 8) + (h.charAt(8) == '0' ? '1' : '0') + h.substring(9)).isEmpty());
    }

    @Test
    void iso3780RegionTableRows() {
        String[][] rows = {
            {"TR", "HU"}, {"TV", "HU"}, {"TJ", "CZ"}, {"TM", "CZ"}, {"TP", "CZ"}, {"TA", "CH"}, {"TW", "PT"}, {"T1", "PT"},
            {"SA", "GB"}, {"SM", "GB"}, {"SN", "DE"}, {"ST", "DE"}, {"SU", "PL"}, {"WV", "DE"}, {"W0", "DE"},
            {"VF", "FR"}, {"VR", "FR"}, {"VS", "ES"}, {"VA", "AT"}, {"XT", "RU"}, {"X7", "RU"}, {"XL", "NL"},
            {"YS", "SE"}, {"YV", "SE"}, {"YA", "BE"}, {"YF", "FI"}, {"ZA", "IT"}, {"ZF", "IT"}, {"UU", "RO"},
            {"KL", "KR"}, {"KN", "KR"}, {"KS", "KZ"}, {"JT", "JP"}, {"LG", "CN"}, {"L6", "CN"}, {"HL", "CN"},
            {"MA", "IN"}, {"MR", "TH"}, {"NL", "TR"}, {"RL", "VN"}, {"1F", "US"}, {"4T", "US"}, {"5Y", "US"},
            {"2T", "CA"}, {"3V", "MX"}, {"7S", "US"}, {"7A", "NZ"}, {"6F", "AU"}, {"9B", "BR"}, {"93", "BR"},
            {"8A", "AR"}, {"AA", "ZA"}};
        for (String[] r : rows) {
            assertEquals(Optional.of(r[1]), WmiCatalog.regionCountry(r[0].charAt(0), r[0].charAt(1)), r[0]);
        }
        for (String unallocated : new String[] {"ZS", "U1", "0A", "GA", "30"}) {
            assertTrue(WmiCatalog.regionCountry(unallocated.charAt(0), unallocated.charAt(1)).isEmpty(), unallocated);
        }
    }

    @Test
    void chineseJointVenturesAreInTheCatalogWithLowConfidence() {
        WmiCatalog catalog = new WmiCatalog();
        String[][] expected = {
            {"LBV", "BMW Brilliance Automotive"}, {"LE4", "Beijing Benz"}, {"LVS", "Changan Ford"},
            {"LGB", "Dongfeng Nissan"}, {"LHG", "GAC Honda"}, {"LVG", "GAC Toyota"}, {"LFM", "FAW Toyota"},
            {"LYV", "Volvo Car Asia Pacific"}, {"LPS", "Polestar"}, {"LRB", "SAIC General Motors (Buick)"}};
        for (String[] e : expected) {
            var maker = catalog.maker(Vin.parse(TestVins.fresh(e[0], 'S'))).orElseThrow(() -> new AssertionError(e[0]));
            assertEquals(e[1], maker.name(), e[0]);
            assertEquals("CN", maker.country(), e[0]);
            assertFalse(maker.confident(), e[0] + " is from secondary lists only");
        }
    }
}
