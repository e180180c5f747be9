package io.zmx.compliance.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.zmx.compliance.domain.Applicability;
import io.zmx.compliance.domain.Evaluation;
import io.zmx.compliance.domain.RuleSet;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.engine.Activation;
import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.engine.Outcome;
import io.zmx.compliance.engine.RuleHit;
import io.zmx.compliance.persistence.Evaluations;
import io.zmx.compliance.persistence.RuleSetVersions;
import io.zmx.compliance.persistence.RuleSets;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Replays stored evaluation inputs with a candidate version (usually a draft) in place of its
 * jurisdiction's version in force, and counts how outcomes would have changed. Read-only.
 *
 * <p>Two phases: everything is read in one session on the event loop (a fixed number of statements: the candidate,
 * the sets, their versions, the count and the evaluations), then the rules run on a worker thread, off the event
 * loop, because replaying tens of thousands of evaluations takes CPU seconds.
 */
@ApplicationScoped
public class BacktestService {

    private final RuleSetQueries queries;
    private final RuleSets sets;
    private final RuleSetVersions versions;
    private final Evaluations evaluations;
    private final CompiledRuleSets compiled;
    private final ComplianceConfig config;

    public BacktestService(RuleSetQueries queries, RuleSets sets, RuleSetVersions versions, Evaluations evaluations,
            CompiledRuleSets compiled, ComplianceConfig config) {
        this.queries = queries;
        this.sets = sets;
        this.versions = versions;
        this.evaluations = evaluations;
        this.compiled = compiled;
        this.config = config;
    }

    /** What one backtest reads before it replays. */
    private record Loaded(RuleSet set, CompiledRuleSet candidate, List<RuleSet> sets, List<RuleSetVersion> versions,
            Map<Long, CompiledRuleSet> compiledVersions, long considered, List<Evaluation> evaluations) {}

    public Uni<BacktestReport> backtest(String jurisdiction, int version, LocalDate from, LocalDate to, Integer sampleSize) {
        if (to.isBefore(from)) {
            throw ProblemException.invalid("validation", "Request is not valid", "to is before from",
                    List.of(new Problem.Violation("to", "must not be before from")));
        }
        int samples = sampleSize == null ? 5 : sampleSize;
        return Panache.withSession(() -> load(jurisdiction, version, from, to))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(loaded -> replay(jurisdiction, version, from, to, samples, loaded));
    }

    private Uni<Loaded> load(String jurisdiction, int version, LocalDate from, LocalDate to) {
        return queries.ruleSet(jurisdiction).chain(set -> queries.version(jurisdiction, version)
                .chain(compiled::of)
                .chain(candidate -> sets.all().chain(all -> versions.notDraftsOf(all.stream().map(s -> s.jurisdiction).toList())
                        .chain(vs -> compiled.of(vs).chain(cs -> {
                            Map<Long, CompiledRuleSet> byId = new HashMap<>();
                            for (int i = 0; i < vs.size(); i++) {
                                byId.put(vs.get(i).id, cs.get(i));
                            }
                            return evaluations.countBetween(from, to).chain(considered -> evaluations
                                    .between(from, to, config.backtest().maxEvaluations())
                                    .map(es -> new Loaded(set, candidate, all, vs, byId, considered, es)));
                        })))));
    }

    /** CPU only: no database, no event loop. */
    private BacktestReport replay(String jurisdiction, int version, LocalDate from, LocalDate to, int samples, Loaded d) {
        Map<String, List<CompiledRuleSet>> setsByKey = new HashMap<>();
        Map<Outcome, Map<Outcome, List<UUID>>> moves = new EnumMap<>(Outcome.class);
        Map<Outcome, Map<Outcome, Integer>> counts = new EnumMap<>(Outcome.class);
        int replayed = 0, changed = 0, stricter = 0;
        for (Evaluation e : d.evaluations()) {
            if (!d.set().applies(e.origin, e.destination)) {
                continue;
            }
            replayed++;
            List<CompiledRuleSet> sets = setsByKey.computeIfAbsent(e.origin + "|" + e.destination + "|" + e.asOf,
                    k -> withCandidate(Applicability.inForce(Applicability.judging(d.sets(), e.origin, e.destination), d.versions(), e.asOf)
                            .stream().map(v -> d.compiledVersions().get(v.id)).toList(), d.candidate()));
            List<RuleHit> hits = compiled.engine().evaluate(sets, Activation.of(e.input), e.asOf);
            Outcome now = Outcome.of(hits.stream().map(RuleHit::severity).toList());
            if (now == e.outcome) {
                continue;
            }
            changed++;
            if (now.ordinal() > e.outcome.ordinal()) {
                stricter++;
            }
            counts.computeIfAbsent(e.outcome, o -> new EnumMap<>(Outcome.class)).merge(now, 1, Integer::sum);
            List<UUID> ids = moves.computeIfAbsent(e.outcome, o -> new EnumMap<>(Outcome.class)).computeIfAbsent(now, o -> new ArrayList<>());
            if (ids.size() < samples) {
                ids.add(e.id);
            }
        }
        List<BacktestReport.Transition> transitions = new ArrayList<>();
        counts.forEach((was, tos) -> tos.forEach((now, n) -> transitions.add(
                new BacktestReport.Transition(was, now, n, moves.get(was).get(now)))));
        return new BacktestReport(jurisdiction, version, from, to, (int) Math.min(d.considered(), Integer.MAX_VALUE),
                replayed, replayed - changed, changed, stricter, changed - stricter, d.considered() > d.evaluations().size(), transitions);
    }

    /** The sets in force then, with the candidate in place of (or added for) its jurisdiction. */
    private static List<CompiledRuleSet> withCandidate(List<CompiledRuleSet> inForce, CompiledRuleSet candidate) {
        List<CompiledRuleSet> sets = new ArrayList<>();
        boolean placed = false;
        for (CompiledRuleSet s : inForce) {
            if (s.jurisdiction().equals(candidate.jurisdiction())) {
                sets.add(candidate);
                placed = true;
            } else {
                sets.add(s);
            }
        }
        if (!placed) {
            sets.add(candidate);
        }
        return sets;
    }
}
