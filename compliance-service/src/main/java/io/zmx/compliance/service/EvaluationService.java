package io.zmx.compliance.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.zmx.compliance.domain.Evaluation;
import io.zmx.compliance.engine.Activation;
import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.engine.EvaluationRequest;
import io.zmx.compliance.engine.EvaluationResult;
import io.zmx.compliance.engine.Outcome;
import io.zmx.compliance.engine.RuleHit;
import io.zmx.compliance.persistence.Evaluations;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.edge.Writes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Evaluates a filing against the rule sets in force on its asOf and stores input and result. The rules themselves
 * run in {@link io.zmx.compliance.engine.RuleEngine#evaluate}; one filing's rules take microseconds, so they run
 * here on the event loop (backtests, thousands at once, do not: {@link BacktestService}).
 */
@ApplicationScoped
public class EvaluationService {

    private final RuleSetQueries ruleSets;
    private final CompiledRuleSets compiled;
    private final OfficialRepresentatives representatives;
    private final Evaluations evaluations;

    public EvaluationService(RuleSetQueries ruleSets, CompiledRuleSets compiled, OfficialRepresentatives representatives,
            Evaluations evaluations) {
        this.ruleSets = ruleSets;
        this.compiled = compiled;
        this.representatives = representatives;
        this.evaluations = evaluations;
    }

    public Uni<EvaluationResult> evaluate(EvaluationRequest submitted, String user) {
        return Writes.transaction(() -> {
            if (submitted.filing().destination() != null && !submitted.filing().destination().equals(submitted.destination())) {
                throw ProblemException.invalid("validation", "Request is not valid", "filing.destination differs from destination",
                        List.of(new Problem.Violation("filing.destination", "must equal destination " + submitted.destination())));
            }
            // decided here from the maintained list, whatever the caller sent; stored with the input so backtests replay it
            return representatives.isOfficial(submitted.destination(), submitted.vehicle().make(), submitted.filing().consignee(),
                            submitted.filing().consigneeRegistrationNumber(), submitted.asOf())
                    .map(official -> submitted.withFiling(submitted.filing().withOfficialRepresentative(official)))
                    .chain(request -> ruleSets.applicable(request.origin(), request.destination(), request.asOf())
                            .chain(sets -> store(request, sets, user)));
        });
    }

    private Uni<EvaluationResult> store(EvaluationRequest request, List<CompiledRuleSet> sets, String user) {
        List<RuleHit> hits = compiled.engine().evaluate(sets, Activation.of(request), request.asOf());
        Outcome outcome = Outcome.of(hits.stream().map(RuleHit::severity).toList());
        Evaluation e = new Evaluation();
        e.id = UUID.randomUUID();
        e.reference = request.reference();
        e.origin = request.origin();
        e.destination = request.destination();
        e.asOf = request.asOf();
        e.outcome = outcome;
        e.lane = outcome.lane();
        e.evaluatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        e.evaluatedBy = user;
        EvaluationResult result = new EvaluationResult(e.id, e.reference, e.origin, e.destination, outcome, outcome.lane(), hits,
                sets.stream().map(s -> new EvaluationResult.RuleSetRef(s.jurisdiction(), s.version())).toList(),
                request.asOf(), e.evaluatedAt);
        e.input = request;
        e.result = result;
        return evaluations.persist(e).replaceWith(result);
    }

    @WithSession
    public Uni<EvaluationResult> get(UUID id) {
        return evaluations.findById(id).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("Evaluation", id);
            }
            return e.result;
        });
    }
}
