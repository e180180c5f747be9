package io.zmx.compliance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;
import net.jqwik.api.constraints.IntRange;

/** Emission classes as documents write them: every generated spelling of stage n reads as Euro n. */
class EmissionClassPropertiesTest {

    record Spelling(String text, int euro) {}

    static final String[] ROMAN = {"", "I", "II", "III", "IV", "V", "VI"};
    static final String[] CHINESE = {"", "一", "二", "三", "四", "五", "六"};

    @Provide
    Arbitrary<Spelling> spellings() {
        Arbitrary<Integer> stage = Arbitraries.integers().between(1, 6);
        Arbitrary<String> prefix = Arbitraries.of("Euro", "EURO", "euro", "EU", "China", "CHINA", "CN", "GUO", "Guo", "国");
        Arbitrary<String> sep = Arbitraries.of("", " ", "-", "  ", "_", ". ");
        Arbitrary<Integer> style = Arbitraries.integers().between(0, 2);
        Arbitrary<String> suffix = Arbitraries.of("", "a", "b", "d", "d-TEMP", "D", " (2019)", "b RDE", " 标准", " / OBD");
        return Combinators.combine(stage, prefix, sep, style, suffix).as((n, p, s, st, x) -> {
            String numeral = switch (st) {
                case 0 -> Integer.toString(n);
                case 1 -> ROMAN[n];
                default -> p.equals("国") ? CHINESE[n] : Integer.toString(n);
            };
            // a Roman numeral followed directly by a letter suffix would be ambiguous ("VId"); documents write "VI d" or "6d"
            String sfx = st == 1 && !x.isEmpty() && Character.isLetter(x.charAt(0)) ? " " + x : x;
            boolean chinese = !p.toUpperCase().startsWith("EU");
            return new Spelling(p + s + numeral + sfx, chinese ? EmissionClass.CHINA_TO_EURO.get(n) : n);
        });
    }

    @Property(tries = 3000)
    void everySpellingReadsAsItsClass(@ForAll("spellings") Spelling s) {
        assertEquals(s.euro(), EmissionClass.euroClass(s.text()), s.text());
    }

    @Property(tries = 500)
    void fullWidthAndCaseDoNotMatter(@ForAll("spellings") Spelling s) {
        StringBuilder wide = new StringBuilder();
        s.text().codePoints().forEach(c -> wide.appendCodePoint(c >= '!' && c <= '~' ? c - '!' + 0xFF01 : c));
        assertEquals(s.euro(), EmissionClass.euroClass(wide.toString()), wide.toString());
        assertEquals(s.euro(), EmissionClass.euroClass(s.text().toLowerCase()), s.text());
    }

    @Property(tries = 500)
    void textWithoutAStandardIsUnknown(@ForAll @IntRange(min = 0, max = 9999) int n) {
        assertEquals(0, EmissionClass.euroClass("Stage " + n));
        assertEquals(0, EmissionClass.euroClass(""));
        assertEquals(0, EmissionClass.euroClass(null));
    }

    @Example
    void theIssuesExamples() {
        List.of("Euro VI", "Euro 6d", "Euro VI (2019)", "China VI", "China 6b", "国六", "国VI", "CN6b", "GUO6", "GB 18352.6-2016")
                .forEach(t -> assertEquals(6, EmissionClass.euroClass(t), t));
        List.of("EURO5", "Euro 5", "Euro V", "国五", "China 5", "GB18352.5").forEach(t -> assertEquals(5, EmissionClass.euroClass(t), t));
        assertEquals(6, EmissionClass.euroClass("Euro 5 / China 6"));
    }
}
