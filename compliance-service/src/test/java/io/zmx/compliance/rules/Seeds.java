package io.zmx.compliance.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.engine.RuleDefinition;
import io.zmx.compliance.engine.RuleEngine;
import io.zmx.compliance.service.SeedImporter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The bundled seed rule sets, read as the service reads them, and their latest versions compiled by the real engine. */
final class Seeds {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    static final SeedImporter.Seeds ALL = SeedImporter.read(JSON, "seeds/rule-sets.json");
    static final RuleEngine ENGINE = new RuleEngine();

    private Seeds() {}

    static SeedImporter.SeedVersion latest(SeedImporter.SeedSet s) {
        return s.versions().stream().max(Comparator.comparingInt(SeedImporter.SeedVersion::version)).orElseThrow();
    }

    /** Jurisdiction -> its latest seeded version, compiled. */
    static Map<String, CompiledRuleSet> latestCompiled() {
        Map<String, CompiledRuleSet> sets = new TreeMap<>();
        for (SeedImporter.SeedSet s : ALL.ruleSets()) {
            SeedImporter.SeedVersion v = latest(s);
            sets.put(s.jurisdiction(), ENGINE.compile(s.jurisdiction(), v.version(), v.rules()));
        }
        return sets;
    }
}
