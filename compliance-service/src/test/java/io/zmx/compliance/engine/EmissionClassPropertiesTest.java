package io.zmx.compliance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Emission classes as documents write them: every generated spelling of stage n reads as Euro n. The
 * spellings are enumerated exhaustively (stage × prefix × separator × numeral style × suffix), so no sample
 * can miss one; plain JUnit, because jqwik's authors ask AI coding agents not to use jqwik ≥ 1.10.
 */
class EmissionClassPropertiesTest {

    record Spelling(String text, int euro) {}

    static final String[] ROMAN = {"", "I", "II", "III", "IV", "V", "VI"};
    static final String[] CHINESE = {"", "一", "二", "三", "四", "五", "六"};

    static final List<String> PREFIXES = List.of("Euro", "EURO", "euro", "EU", "China", "CHINA", "CN", "GUO", "Guo", "国");
    static final List<String> SEPARATORS = List.of("", " ", "-", "  ", "_", ". ");
    static final List<String> SUFFIXES = List.of("", "a", "b", "d", "d-TEMP", "D", " (2019)", "b RDE", " 标准", " / OBD");

    static List<Spelling> spellings() {
        List<Spelling> all = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            for (String p : PREFIXES) {
                for (String s : SEPARATORS) {
                    for (int st = 0; st <= 2; st++) {
                        for (String x : SUFFIXES) {
                            all.add(spelling(n, p, s, st, x));
                        }
                    }
                }
            }
        }
        return all;
    }

    static Spelling spelling(int n, String p, String s, int st, String x) {
        {
            String numeral = switch (st) {
                case 0 -> Integer.toString(n);
                case 1 -> ROMAN[n];
                default -> p.equals("国") ? CHINESE[n] : Integer.toString(n);
            };
            // a Roman numeral followed directly by a letter suffix would be ambiguous ("VId"); documents write "VI d" or "6d"
            String sfx = st == 1 && !x.isEmpty() && Character.isLetter(x.charAt(0)) ? " " + x : x;
            boolean chinese = !p.toUpperCase().startsWith("EU");
            return new Spelling(p + s + numeral + sfx, chinese ? EmissionClass.CHINA_TO_EURO.get(n) : n);
        }
    }

    @Test
    void everySpellingReadsAsItsClass() {
        for (Spelling s : spellings()) {
            assertEquals(s.euro(), EmissionClass.euroClass(s.text()), s.text());
        }
    }

    @Test
    void fullWidthAndCaseDoNotMatter() {
        for (Spelling s : spellings()) {
            fullWidthAndCaseDoNotMatter(s);
        }
    }

    void fullWidthAndCaseDoNotMatter(Spelling s) {
        StringBuilder wide = new StringBuilder();
        s.text().codePoints().forEach(c -> wide.appendCodePoint(c >= '!' && c <= '~' ? c - '!' + 0xFF01 : c));
        assertEquals(s.euro(), EmissionClass.euroClass(wide.toString()), wide.toString());
        assertEquals(s.euro(), EmissionClass.euroClass(s.text().toLowerCase()), s.text());
    }

    @Test
    void textWithoutAStandardIsUnknown() {
        for (int n = 0; n <= 9999; n++) {
            assertEquals(0, EmissionClass.euroClass("Stage " + n));
        }
        assertEquals(0, EmissionClass.euroClass(""));
        assertEquals(0, EmissionClass.euroClass(null));
    }

    @Test
    void theIssuesExamples() {
        List.of("Euro VI", "Euro 6d", "Euro VI (2019)", "China VI", "China 6b", "国六", "国VI", "CN6b", "GUO6", "GB 18352.6-2016")
                .forEach(t -> assertEquals(6, EmissionClass.euroClass(t), t));
        List.of("EURO5", "Euro 5", "Euro V", "国五", "China 5", "GB18352.5").forEach(t -> assertEquals(5, EmissionClass.euroClass(t), t));
        assertEquals(6, EmissionClass.euroClass("Euro 5 / China 6"));
    }
}
