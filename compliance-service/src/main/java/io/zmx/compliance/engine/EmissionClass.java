package io.zmx.compliance.engine;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an emission standard as documents write it and answers the Euro class it meets.
 *
 * <p>Accepted: a prefix {@code EURO}, {@code EU}, {@code CHINA}, {@code CN}, {@code GUO} or {@code 国}, optional
 * separators, then the stage in Arabic (5, 6), Roman (V, VI) or, after 国, Chinese numerals (五, 六), then any
 * suffix ({@code 6d}, {@code 6b}, {@code VI (2019)}, {@code 6d-TEMP}). {@code GB 18352.5} / {@code GB 18352.6}
 * (the Chinese standards' numbers) read as China 5 / China 6. Case, full-width characters (NFKC) and spacing do not matter.
 * When a text names several classes (e.g. "Euro 5 / China 6"), the best one counts. Anything else is 0
 * (unknown), which rules treat as "show the document" (HOLD), never as a failed class.
 *
 * <p>China's national stages track the Euro stages (dieselnet.com/standards/cn/ld.php): the table
 * {@link #CHINA_TO_EURO} maps China 1..6 to Euro 1..6 (China 6a and 6b both to Euro 6; 6b is stricter).
 */
public final class EmissionClass {

    /** China N -> Euro N it is equivalent to. */
    public static final Map<Integer, Integer> CHINA_TO_EURO = Map.of(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6);

    private static final Pattern STAGE = Pattern.compile(
            "(EURO|EU|CHINA|CN|GUO|国)[\\s\\-_.:]*(VII|VI|IV|V|III|II|I|[1-7]|[一二三四五六])(?![IVX])");
    private static final Pattern GB = Pattern.compile("GB\\s*[/T]*\\s*18352\\.([56])");
    private static final Map<String, Integer> ROMAN = Map.of("I", 1, "II", 2, "III", 3, "IV", 4, "V", 5, "VI", 6, "VII", 7);
    private static final String CHINESE_NUMERALS = "一二三四五六";

    private EmissionClass() {}

    public static int euroClass(String standard) {
        if (standard == null || standard.isBlank()) {
            return 0;
        }
        String s = Normalizer.normalize(standard, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        int best = 0;
        Matcher m = STAGE.matcher(s);
        while (m.find()) {
            int stage = stage(m.group(2));
            boolean chinese = !m.group(1).startsWith("EU");
            int euro = chinese ? CHINA_TO_EURO.getOrDefault(stage, 0) : stage;
            best = Math.max(best, euro);
        }
        Matcher g = GB.matcher(s);
        while (g.find()) {
            best = Math.max(best, CHINA_TO_EURO.getOrDefault(g.group(1).charAt(0) - '0', 0));
        }
        return best;
    }

    private static int stage(String numeral) {
        Integer roman = ROMAN.get(numeral);
        if (roman != null) {
            return roman;
        }
        int chinese = CHINESE_NUMERALS.indexOf(numeral);
        return chinese >= 0 ? chinese + 1 : numeral.charAt(0) - '0';
    }
}
