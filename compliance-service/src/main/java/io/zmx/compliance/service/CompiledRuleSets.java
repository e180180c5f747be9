package io.zmx.compliance.service;

import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.domain.VersionStatus;
import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.engine.RuleEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled programs, cached per published version: a published version never changes, so its programs
 * are compiled once per process and kept (retiring only closes the window, the rules stay the same).
 * Drafts change, so they are compiled afresh each time.
 */
@ApplicationScoped
public class CompiledRuleSets {

    private final RuleEngine engine = new RuleEngine();
    private final Map<Long, CompiledRuleSet> published = new ConcurrentHashMap<>();
    private final RuleMapping mapping;

    public CompiledRuleSets(RuleMapping mapping) {
        this.mapping = mapping;
    }

    public RuleEngine engine() {
        return engine;
    }

    public CompiledRuleSet of(RuleSetVersion v) {
        if (v.status == VersionStatus.DRAFT) {
            return compile(v);
        }
        return published.computeIfAbsent(v.id, id -> compile(v));
    }

    public int size() {
        return published.size();
    }

    private CompiledRuleSet compile(RuleSetVersion v) {
        return engine.compile(v.jurisdiction, v.version, v.rules.stream().map(mapping::definition).toList());
    }
}
