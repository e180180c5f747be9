package io.zmx.compliance.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.zmx.compliance.domain.Applicability;
import io.zmx.compliance.domain.Rule;
import io.zmx.compliance.domain.RuleSet;
import io.zmx.compliance.domain.RuleSetScope;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.persistence.RuleSetVersions;
import io.zmx.compliance.persistence.RuleSets;
import io.zmx.edge.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rule sets as they stand and as they stood (time travel), and the versions that judge a filing. Every read runs
 * a fixed number of statements whatever the data: sets and versions are read whole (small tables), rules only for
 * the versions shown.
 */
@ApplicationScoped
public class RuleSetQueries {

    /** A set with all its versions (without rules) and the one in force on the date asked for, if any. */
    public record SetVersions(RuleSet set, RuleSetVersion inForce, List<RuleSetVersion> versions) {}

    /** A rule in force, with the set and version it comes from. */
    public record RuleInForce(RuleSet set, RuleSetVersion version, Rule rule) {}

    private final RuleSets sets;
    private final RuleSetVersions versions;
    private final CompiledRuleSets compiled;

    public RuleSetQueries(RuleSets sets, RuleSetVersions versions, CompiledRuleSets compiled) {
        this.sets = sets;
        this.versions = versions;
        this.compiled = compiled;
    }

    /** Every set by jurisdiction: two statements. */
    @WithSession
    public Uni<List<SetVersions>> list(LocalDate asOf) {
        return sets.all().chain(all -> versions.all().map(vs -> {
            Map<String, List<RuleSetVersion>> byJurisdiction = vs.stream()
                    .collect(Collectors.groupingBy(v -> v.jurisdiction));
            return all.stream().map(s -> {
                List<RuleSetVersion> own = byJurisdiction.getOrDefault(s.jurisdiction, List.of());
                return new SetVersions(s, Applicability.inForce(own, asOf).orElse(null), own);
            }).toList();
        }));
    }

    @WithSession
    public Uni<SetVersions> get(String jurisdiction, LocalDate asOf) {
        return ruleSet(jurisdiction).chain(s -> versions.ofJurisdiction(jurisdiction)
                .map(own -> new SetVersions(s, Applicability.inForce(own, asOf).orElse(null), own)));
    }

    /** One version with its rules, or 404. */
    @WithSession
    public Uni<RuleSetVersion> version(String jurisdiction, int version) {
        return versions.withRules(jurisdiction, version).map(v -> {
            if (v == null) {
                throw ProblemException.notFound("Rule-set version", jurisdiction + " v" + version);
            }
            return v;
        });
    }

    @WithSession
    public Uni<RuleSet> ruleSet(String jurisdiction) {
        return sets.findById(jurisdiction).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("Rule set", jurisdiction);
            }
            return s;
        });
    }

    /**
     * The rules of every set in force on {@code asOf} (optionally one jurisdiction, or only the sets judging
     * origin -> destination), by jurisdiction then position: three statements.
     */
    @WithSession
    public Uni<List<RuleInForce>> rulesInForce(LocalDate asOf, String jurisdiction, String origin, String destination) {
        return sets.all().chain(all -> {
            List<RuleSet> shown = all.stream()
                    .filter(s -> jurisdiction == null || s.jurisdiction.equals(jurisdiction))
                    .filter(s -> judges(s, origin, destination))
                    .toList();
            return versions.all().chain(vs -> {
                List<RuleSetVersion> inForce = new ArrayList<>();
                for (RuleSet s : shown) {
                    Applicability.inForce(vs.stream().filter(v -> v.jurisdiction.equals(s.jurisdiction)).toList(), asOf)
                            .ifPresent(inForce::add);
                }
                return versions.withRules(inForce.stream().map(v -> v.id).toList()).map(loaded -> {
                    Map<Long, RuleSetVersion> byId = loaded.stream().collect(Collectors.toMap(v -> v.id, v -> v, (a, b) -> a));
                    List<RuleInForce> rules = new ArrayList<>();
                    for (RuleSet s : shown) {
                        inForce.stream().filter(v -> v.jurisdiction.equals(s.jurisdiction)).findFirst()
                                .map(v -> byId.get(v.id))
                                .ifPresent(v -> v.rules.stream().filter(r -> r.inForceOn(asOf))
                                        .forEach(r -> rules.add(new RuleInForce(s, v, r))));
                    }
                    return rules;
                });
            });
        });
    }

    /** The versions (compiled) that judge a filing from origin to destination on asOf, origin first. */
    @WithSession
    public Uni<List<CompiledRuleSet>> applicable(String origin, String destination, LocalDate asOf) {
        // sets and their published/retired versions in one statement (a set without one judges nothing anyway)
        return versions.notDraftsWithSets().chain(rows -> {
            Map<String, RuleSet> bySet = new java.util.LinkedHashMap<>();
            List<RuleSetVersion> vs = new ArrayList<>(rows.size());
            for (RuleSetVersions.WithSet r : rows) {
                bySet.putIfAbsent(r.set().jurisdiction, r.set());
                vs.add(r.version());
            }
            List<RuleSet> judging = Applicability.judging(new ArrayList<>(bySet.values()), origin, destination);
            if (judging.isEmpty()) {
                return Uni.createFrom().item(List.<CompiledRuleSet>of());
            }
            return compiled.of(Applicability.inForce(judging, vs, asOf));
        });
    }

    /** Without origin and destination every set; otherwise the origin's ORIGIN set and the sets judging the destination. */
    private static boolean judges(RuleSet s, String origin, String destination) {
        if (origin == null && destination == null) {
            return true;
        }
        return s.scope == RuleSetScope.ORIGIN
                ? origin != null && s.jurisdiction.equals(origin)
                : destination != null && s.applies("", destination);
    }
}
