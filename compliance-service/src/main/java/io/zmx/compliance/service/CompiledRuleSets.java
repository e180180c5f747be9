package io.zmx.compliance.service;

import io.smallrye.mutiny.Uni;
import io.zmx.compliance.domain.Rule;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.domain.VersionStatus;
import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.engine.RuleDefinition;
import io.zmx.compliance.engine.RuleEngine;
import io.zmx.compliance.persistence.RuleSetVersions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Hibernate;

/**
 * Compiled programs, cached per published version: a published version never changes, so its programs
 * are compiled once per process and kept (retiring only closes the window, the rules stay the same).
 * Drafts change, so they are compiled afresh each time. A cached version needs no rules from the database.
 */
@ApplicationScoped
public class CompiledRuleSets {

    private final RuleEngine engine = new RuleEngine();
    private final Map<Long, CompiledRuleSet> published = new ConcurrentHashMap<>();
    private final RuleSetVersions versions;

    public CompiledRuleSets(RuleSetVersions versions) {
        this.versions = versions;
    }

    public RuleEngine engine() {
        return engine;
    }

    /** The compiled versions, in order; versions read without their rules fetch them only when not cached. */
    public Uni<List<CompiledRuleSet>> of(List<RuleSetVersion> vs) {
        Uni<List<CompiledRuleSet>> all = Uni.createFrom().item(new ArrayList<>());
        for (RuleSetVersion v : vs) {
            // one after the other: a reactive session runs one statement at a time
            all = all.chain(list -> of(v).map(c -> {
                list.add(c);
                return list;
            }));
        }
        return all;
    }

    public Uni<CompiledRuleSet> of(RuleSetVersion v) {
        if (v.status != VersionStatus.DRAFT) {
            CompiledRuleSet cached = published.get(v.id);
            if (cached != null) {
                return Uni.createFrom().item(cached);
            }
        }
        Uni<List<Rule>> rules = Hibernate.isInitialized(v.rules) ? Uni.createFrom().item(v.rules) : versions.fetchRules(v);
        return rules.map(loaded -> compiled(v, loaded));
    }

    public int size() {
        return published.size();
    }

    private CompiledRuleSet compiled(RuleSetVersion v, List<Rule> rules) {
        List<RuleDefinition> definitions = rules.stream().map(Rule::definition).toList();
        if (v.status == VersionStatus.DRAFT) {
            return engine.compile(v.jurisdiction, v.version, definitions);
        }
        return published.computeIfAbsent(v.id, id -> engine.compile(v.jurisdiction, v.version, definitions));
    }
}
