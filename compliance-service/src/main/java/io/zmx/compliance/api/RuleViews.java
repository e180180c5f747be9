package io.zmx.compliance.api;

import io.zmx.compliance.domain.Rule;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.engine.RuleDefinition;
import io.zmx.compliance.service.RuleSetQueries;
import java.util.List;

/** Entities -> the views this API answers with, and authored rules -> the engine's definitions: one place. */
final class RuleViews {

    private RuleViews() {}

    static RuleSpec spec(Rule r) {
        return new RuleSpec(r.code, r.title, r.severity, r.expression, r.message, r.legalReferences, r.effectiveFrom, r.effectiveTo);
    }

    static RuleDefinition definition(RuleSpec r) {
        return new RuleDefinition(r.code(), r.title(), r.severity(), r.expression(), r.message(),
                List.copyOf(r.legalReferences()), r.effectiveFrom(), r.effectiveTo());
    }

    static List<RuleDefinition> definitions(List<RuleSpec> rules) {
        return rules == null ? null : rules.stream().map(RuleViews::definition).toList();
    }

    static VersionSummary summary(RuleSetVersion v) {
        return v == null ? null : new VersionSummary(v.jurisdiction, v.version, v.status, v.effectiveFrom, v.effectiveTo,
                v.ruleCount, v.origin, v.createdBy, v.createdAt, v.publishedAt, v.retiredAt);
    }

    /** A version with its rules (loaded). */
    static VersionView view(RuleSetVersion v) {
        return new VersionView(v.jurisdiction, v.version, v.status, v.effectiveFrom, v.effectiveTo, v.notes, v.origin,
                v.createdBy, v.createdAt, v.publishedBy, v.publishedAt, v.retiredBy, v.retiredAt, v.lockVersion,
                v.rules.stream().map(RuleViews::spec).toList());
    }

    static RuleSetView view(RuleSetQueries.SetVersions s) {
        return new RuleSetView(s.set().jurisdiction, s.set().name, s.set().scope, s.set().members(), summary(s.inForce()),
                s.versions().stream().map(RuleViews::summary).toList());
    }

    static RuleInForce view(RuleSetQueries.RuleInForce r) {
        return new RuleInForce(r.set().jurisdiction, r.set().scope, r.version().version, spec(r.rule()));
    }

    /** One page of a list computed whole. */
    static <T> Page<T> page(List<T> all, int page, int size) {
        int from = (int) Math.min(all.size(), io.zmx.edge.Paging.offset(page, size));
        return new Page<>(all.subList(from, Math.min(all.size(), from + size)), page, size, all.size());
    }
}
