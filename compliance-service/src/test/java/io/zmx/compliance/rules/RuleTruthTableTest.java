package io.zmx.compliance.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.zmx.compliance.engine.EvaluationRequest;
import io.zmx.compliance.engine.Activation;
import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.engine.RuleDefinition;
import io.zmx.compliance.engine.RuleHit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rule truth table: every rule of the latest seeded version of every set, run by the real engine over
 * the cases in {@code src/test/resources/rule-cases/<jurisdiction>.yaml}. A case is a base filing with
 * changes ({@code set}, by dotted path), an {@code asOf}, the hits it must produce with their severity
 * ({@code expect}) and the rules that must not hit ({@code absent}). The coverage tests fail when a seeded
 * rule has no hitting and no passing case, or when a rule's effective date is not tried on the day before and the day itself.
 */
class RuleTruthTableTest {

    static final Path CASES = Path.of("src/test/resources/rule-cases");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public record CaseFile(String jurisdiction, String destination, String asOf, List<Case> cases) {}

    public record Case(String name, String asOf, Map<String, Object> set, Map<String, String> expect, List<String> absent,
            Map<String, String> expectMessage) {}

    static final Map<String, CompiledRuleSet> SETS = Seeds.latestCompiled();

    static List<CaseFile> files() {
        try (Stream<Path> paths = Files.list(CASES)) {
            List<CaseFile> files = new ArrayList<>();
            for (Path p : paths.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                CaseFile f = YAML.readValue(p.toFile(), CaseFile.class);
                assertEquals(p.getFileName().toString(), f.jurisdiction() + ".yaml", "one file per jurisdiction, named after it");
                files.add(f);
            }
            return files;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCase() {
        return files().stream().flatMap(f -> f.cases().stream().map(c -> DynamicTest.dynamicTest(
                f.jurisdiction() + ": " + c.name(), () -> check(f, c))));
    }

    static void check(CaseFile f, Case c) {
        CompiledRuleSet set = SETS.get(f.jurisdiction());
        assertNotNull(set, "no seeded set " + f.jurisdiction());
        LocalDate asOf = LocalDate.parse(c.asOf() != null ? c.asOf() : f.asOf());
        Map<String, Object> body = BaseFiling.to(f.destination(), asOf.toString());
        if (c.set() != null) {
            c.set().forEach((path, value) -> BaseFiling.set(body, path, value));
        }
        EvaluationRequest request = JSON.convertValue(body, EvaluationRequest.class);
        List<RuleHit> hits = Seeds.ENGINE.evaluate(List.of(set), Activation.of(request), asOf);
        Map<String, RuleHit> byCode = hits.stream().collect(Collectors.toMap(RuleHit::ruleCode, h -> h, (a, b) -> a, LinkedHashMap::new));
        String seen = "hits were " + hits.stream().map(h -> h.ruleCode() + "=" + h.severity() + " (" + h.message() + ")").toList();
        if (c.expect() != null) {
            c.expect().forEach((code, severity) -> {
                assertTrue(byCode.containsKey(code), c.name() + ": expected " + code + "; " + seen);
                assertEquals(severity, byCode.get(code).severity().name(), c.name() + ": severity of " + code + "; " + seen);
            });
        }
        if (c.absent() != null) {
            c.absent().forEach(code -> assertFalse(byCode.containsKey(code), c.name() + ": " + code + " must not hit; " + seen));
        }
        if (c.expectMessage() != null) {
            c.expectMessage().forEach((code, text) -> assertTrue(byCode.containsKey(code) && byCode.get(code).message().contains(text),
                    c.name() + ": message of " + code + " should contain '" + text + "'; " + seen));
        }
    }

    /** Every rule of every latest seeded version has a case where it hits and one where it does not. */
    @Test
    void everySeededRuleHasCasesOnBothSides() {
        List<String> missing = new ArrayList<>();
        Map<String, CaseFile> byJurisdiction = files().stream().collect(Collectors.toMap(CaseFile::jurisdiction, f -> f));
        SETS.forEach((j, set) -> {
            CaseFile f = byJurisdiction.get(j);
            for (CompiledRuleSet.CompiledRule r : set.rules()) {
                String code = r.definition().code();
                boolean hit = f != null && f.cases().stream().anyMatch(c -> c.expect() != null && c.expect().containsKey(code));
                boolean pass = f != null && f.cases().stream().anyMatch(c -> c.absent() != null && c.absent().contains(code));
                if (!hit) missing.add(j + "/" + code + ": no case where it hits");
                if (!pass) missing.add(j + "/" + code + ": no case where it does not hit");
            }
        });
        assertEquals(List.of(), missing);
    }

    /** Every rule's own effective dates are tried on the last day outside and the first day inside. */
    @Test
    void everyEffectiveDateIsTriedOnBothSides() {
        List<String> missing = new ArrayList<>();
        Map<String, CaseFile> byJurisdiction = files().stream().collect(Collectors.toMap(CaseFile::jurisdiction, f -> f));
        SETS.forEach((j, set) -> {
            CaseFile f = byJurisdiction.get(j);
            for (CompiledRuleSet.CompiledRule r : set.rules()) {
                RuleDefinition d = r.definition();
                if (d.effectiveFrom() != null) {
                    need(missing, f, d.code(), d.effectiveFrom().minusDays(1), false);
                    need(missing, f, d.code(), d.effectiveFrom(), true);
                }
                if (d.effectiveTo() != null) {
                    need(missing, f, d.code(), d.effectiveTo().minusDays(1), true);
                    need(missing, f, d.code(), d.effectiveTo(), false);
                }
            }
        });
        assertEquals(List.of(), missing);
    }

    private static void need(List<String> missing, CaseFile f, String code, LocalDate day, boolean hits) {
        boolean found = f != null && f.cases().stream().anyMatch(c -> day.toString().equals(c.asOf() != null ? c.asOf() : f.asOf())
                && (hits ? c.expect() != null && c.expect().containsKey(code) : c.absent() != null && c.absent().contains(code)));
        if (!found) {
            missing.add(f == null ? code : f.jurisdiction() + "/" + code + ": no case on " + day + " where it " + (hits ? "hits" : "does not hit"));
        }
    }

    /** The base filing passes every BLOCK and HOLD rule of its own set, so each case shows only what it changes. */
    @Test
    void baseFilingIsCleanForEveryFile() {
        for (CaseFile f : files()) {
            LocalDate asOf = LocalDate.parse(f.asOf());
            EvaluationRequest request = JSON.convertValue(BaseFiling.to(f.destination(), f.asOf()), EvaluationRequest.class);
            Set<String> stopping = Seeds.ENGINE.evaluate(List.of(SETS.get(f.jurisdiction())), Activation.of(request), asOf).stream()
                    .filter(h -> h.severity().compareTo(io.zmx.compliance.engine.Severity.HOLD) <= 0)
                    .map(h -> h.ruleCode() + " " + h.message()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of(), stopping, f.jurisdiction());
        }
    }

    static InputStream resource(String name) {
        return RuleTruthTableTest.class.getClassLoader().getResourceAsStream(name);
    }
}
