package io.zmx.compliance.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.zmx.compliance.engine.EvaluationRequest;
import io.zmx.compliance.engine.Outcome;
import io.zmx.compliance.engine.Activation;
import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.engine.RuleDefinition;
import io.zmx.compliance.engine.RuleEngine;
import io.zmx.compliance.engine.RuleHit;
import io.zmx.compliance.service.SeedImporter;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One filing (CN -> KZ, 2026-03-01) evaluated against the seeded CN export set and the KZ import set:
 * CEL programs compiled once (as the service caches them per published version) versus the same
 * rules hand-written in Java. Both start from the parsed request and end with the hits and outcome;
 * the CEL side includes building its activation, which the service does once per evaluation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleEvaluationBenchmark {

    RuleEngine engine;
    List<CompiledRuleSet> sets;
    HandWrittenRules java;
    EvaluationRequest request;

    public record Result(Outcome outcome, List<RuleHit> hits) {}

    @Setup
    public void setUp() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        SeedImporter.Seeds seeds = SeedImporter.read(json, "seeds/rule-sets.json");
        engine = new RuleEngine();
        sets = new ArrayList<>();
        Map<String, RuleDefinition> defs = new LinkedHashMap<>();
        for (String jurisdiction : List.of("CN", "KZ")) {
            SeedImporter.SeedSet set = seeds.ruleSets().stream().filter(s -> s.jurisdiction().equals(jurisdiction)).findFirst().orElseThrow();
            List<RuleDefinition> rules = set.versions().get(0).rules().stream()
                    .map(r -> new RuleDefinition(r.code(), r.title(), r.severity(), r.expression(), r.message(),
                            r.legalReferences(), r.effectiveFrom(), r.effectiveTo()))
                    .toList();
            rules.forEach(r -> defs.put(r.code(), r));
            sets.add(engine.compile(jurisdiction, 1, rules));
        }
        java = new HandWrittenRules(defs);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("bench/filing-cn-kz.json")) {
            request = json.readValue(in, EvaluationRequest.class);
        }
        // both sides must decide alike, or the comparison means nothing
        Result c = cel(), j = java();
        List<String> celCodes = c.hits().stream().map(h -> h.ruleCode() + "/" + h.severity()).toList();
        List<String> javaCodes = j.hits().stream().map(h -> h.ruleCode() + "/" + h.severity()).toList();
        if (!celCodes.equals(javaCodes) || c.outcome() != j.outcome() || celCodes.size() < 3) {
            throw new IllegalStateException("CEL " + celCodes + " vs Java " + javaCodes);
        }
        System.out.println("# both evaluators: " + c.outcome() + " " + celCodes);
    }

    @Benchmark
    public Result cel() {
        List<RuleHit> hits = engine.evaluate(sets, Activation.of(request), request.asOf());
        return new Result(Outcome.of(hits.stream().map(RuleHit::severity).toList()), hits);
    }

    @Benchmark
    public Result java() {
        List<RuleHit> hits = java.evaluate(request);
        return new Result(Outcome.of(hits.stream().map(RuleHit::severity).toList()), hits);
    }
}
