package io.zmx.compliance.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.compliance.api.BacktestReport;
import io.zmx.compliance.api.BacktestRequest;
import io.zmx.compliance.api.EvaluationRequest;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.compliance.domain.Evaluation;
import io.zmx.compliance.domain.Outcome;
import io.zmx.compliance.domain.RuleSet;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.engine.Activation;
import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.engine.RuleHit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Replays stored evaluation inputs with a candidate version (usually a draft) in place of its
 * jurisdiction's version in force, and counts how outcomes would have changed. Read-only.
 */
@ApplicationScoped
public class BacktestService {

    private final RuleSetService ruleSets;
    private final CompiledRuleSets compiled;
    private final ObjectMapper json;
    private final int maxEvaluations;

    public BacktestService(RuleSetService ruleSets, CompiledRuleSets compiled, ObjectMapper json,
            @ConfigProperty(name = "zmx.compliance.backtest.max-evaluations", defaultValue = "20000") int maxEvaluations) {
        this.ruleSets = ruleSets;
        this.compiled = compiled;
        this.json = json;
        this.maxEvaluations = maxEvaluations;
    }

    @Transactional
    public BacktestReport backtest(String jurisdiction, int version, BacktestRequest request) {
        if (request.to().isBefore(request.from())) {
            throw ProblemException.invalid("validation", "Request is not valid", "to is before from",
                    List.of(new Problem.Violation("to", "must not be before from")));
        }
        int samples = request.sampleSize() == null ? 5 : request.sampleSize();
        RuleSet set = ruleSets.ruleSet(jurisdiction);
        RuleSetVersion candidateVersion = ruleSets.version(jurisdiction, version);
        CompiledRuleSet candidate = compiled.of(candidateVersion);

        long considered = Evaluation.count("asOf >= ?1 and asOf <= ?2", request.from(), request.to());
        List<Evaluation> evaluations = Evaluation.find("asOf >= ?1 and asOf <= ?2 order by asOf, evaluatedAt",
                request.from(), request.to()).page(0, maxEvaluations).list();

        Map<String, List<CompiledRuleSet>> setsByKey = new HashMap<>();
        Map<Outcome, Map<Outcome, List<UUID>>> moves = new EnumMap<>(Outcome.class);
        Map<Outcome, Map<Outcome, Integer>> counts = new EnumMap<>(Outcome.class);
        int replayed = 0, changed = 0, stricter = 0;
        for (Evaluation e : evaluations) {
            if (!set.applies(e.origin, e.destination)) {
                continue;
            }
            replayed++;
            EvaluationRequest input = read(e.input);
            List<CompiledRuleSet> sets = setsByKey.computeIfAbsent(e.origin + "|" + e.destination + "|" + e.asOf,
                    k -> withCandidate(ruleSets.applicable(e.origin, e.destination, e.asOf), candidate));
            List<RuleHit> hits = compiled.engine().evaluate(sets, Activation.of(input), e.asOf);
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
        counts.forEach((from, tos) -> tos.forEach((to, n) -> transitions.add(
                new BacktestReport.Transition(from, to, n, moves.get(from).get(to)))));
        return new BacktestReport(jurisdiction, version, request.from(), request.to(), (int) Math.min(considered, Integer.MAX_VALUE),
                replayed, replayed - changed, changed, stricter, changed - stricter, considered > evaluations.size(), transitions);
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

    private EvaluationRequest read(String input) {
        try {
            return json.readValue(input, EvaluationRequest.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored evaluation input is not readable", ex);
        }
    }
}
