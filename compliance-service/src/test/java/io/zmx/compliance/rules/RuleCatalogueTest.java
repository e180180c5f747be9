package io.zmx.compliance.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zmx.compliance.engine.RuleDefinition;
import io.zmx.compliance.engine.LegalReference;
import io.zmx.compliance.service.SeedImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The rule catalogue in the README is generated from the seeds (latest version of each set) and must not
 * drift from them. After changing the seeds, regenerate it with
 * {@code ./mvnw -pl compliance-service test -Dtest=RuleCatalogueTest -Dzmx.catalogue.update=true} and review the diff.
 */
class RuleCatalogueTest {

    static final Path README = Path.of("README.md");
    static final String START = "<!-- rule-catalogue:start (generated from src/main/resources/seeds/rule-sets.json by RuleCatalogueTest) -->";
    static final String END = "<!-- rule-catalogue:end -->";

    @Test
    void readmeCatalogueMatchesTheSeeds() throws Exception {
        String readme = Files.readString(README);
        int from = readme.indexOf(START);
        int to = readme.indexOf(END);
        assertTrue(from >= 0 && to > from, "README.md needs the rule-catalogue markers");
        String generated = START + "\n" + catalogue() + END;
        if (Boolean.getBoolean("zmx.catalogue.update")) {
            readme = readme.substring(0, from) + generated + readme.substring(to + END.length());
            Files.writeString(README, readme);
            from = readme.indexOf(START);
            to = readme.indexOf(END);
        }
        assertEquals(generated, readme.substring(from, to + END.length()),
                "README.md's rule catalogue drifted from the seeds; see this test's javadoc to regenerate");
    }

    static String catalogue() {
        StringBuilder md = new StringBuilder();
        for (SeedImporter.SeedSet s : Seeds.ALL.ruleSets()) {
            SeedImporter.SeedVersion v = Seeds.latest(s);
            md.append("\n#### ").append(s.jurisdiction()).append(" - ").append(s.name()).append(" (").append(s.scope())
                    .append(s.members().isEmpty() ? "" : ": " + String.join(", ", s.members())).append(")\n\n");
            md.append("Version ").append(v.version()).append(", in force from ").append(v.effectiveFrom())
                    .append(v.effectiveTo() == null ? "" : " to " + v.effectiveTo() + " (exclusive)").append(". ");
            String earlier = s.versions().stream().filter(x -> x.version() != v.version())
                    .sorted(Comparator.comparingInt(SeedImporter.SeedVersion::version))
                    .map(x -> "v" + x.version() + " from " + x.effectiveFrom()).collect(Collectors.joining(", "));
            if (!earlier.isEmpty()) {
                md.append("Earlier seeded versions, kept for time travel and backtests: ").append(earlier).append(". ");
            }
            md.append(cell(v.notes())).append("\n\n");
            md.append("| code | severity | condition (title; what the filer is told) | in force | source |\n");
            md.append("|---|---|---|---|---|\n");
            for (RuleDefinition r : v.rules()) {
                md.append("| `").append(r.code()).append("` | ").append(r.severity()).append(" | **").append(cell(r.title()))
                        .append("**: ").append(cell(r.message())).append(" | ").append(window(r, v)).append(" | ")
                        .append(r.legalReferences().stream().map(RuleCatalogueTest::link).collect(Collectors.joining("; ")))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    static String window(RuleDefinition r, SeedImporter.SeedVersion v) {
        String from = r.effectiveFrom() != null ? r.effectiveFrom().toString() : v.effectiveFrom() + " (set)";
        return r.effectiveTo() != null ? from + " to " + r.effectiveTo() + " (excl.)" : "from " + from;
    }

    static String link(LegalReference l) {
        return "[" + cell(l.title()).replace("[", "(").replace("]", ")") + "](" + l.url() + ")";
    }

    static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
