package io.zmx.compliance.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.compliance.api.EvaluationRequest;
import io.zmx.compliance.api.EvaluationResult;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.compliance.domain.Evaluation;
import io.zmx.compliance.domain.Outcome;
import io.zmx.compliance.engine.Activation;
import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.engine.RuleHit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Evaluates a filing against the rule sets in force on its asOf and stores input and result. */
@ApplicationScoped
public class EvaluationService {

    private final RuleSetService ruleSets;
    private final CompiledRuleSets compiled;
    private final ObjectMapper json;
    private final OfficialRepresentatives representatives;

    public EvaluationService(RuleSetService ruleSets, CompiledRuleSets compiled, ObjectMapper json,
            OfficialRepresentatives representatives) {
        this.ruleSets = ruleSets;
        this.compiled = compiled;
        this.json = json;
        this.representatives = representatives;
    }

    /** The stored result of an earlier call with the same Idempotency-Key, if any. */
    @Transactional
    public EvaluationResult replay(String idempotencyKey) {
        if (idempotencyKey == null) {
            return null;
        }
        Evaluation e = Evaluation.find("idempotencyKey", idempotencyKey).firstResult();
        return e == null ? null : read(e.result, EvaluationResult.class);
    }

    @Transactional
    public EvaluationResult evaluate(EvaluationRequest submitted, String user, String idempotencyKey) {
        if (submitted.filing().destination() != null && !submitted.filing().destination().equals(submitted.destination())) {
            throw ProblemException.invalid("validation", "Request is not valid", "filing.destination differs from destination",
                    List.of(new Problem.Violation("filing.destination", "must equal destination " + submitted.destination())));
        }
        // decided here from the maintained list, whatever the caller sent; stored with the input so backtests replay it
        EvaluationRequest request = submitted.withFiling(submitted.filing().withOfficialRepresentative(
                representatives.isOfficial(submitted.destination(), submitted.vehicle().make(), submitted.filing().consignee(),
                        submitted.filing().consigneeRegistrationNumber(), submitted.asOf())));
        List<CompiledRuleSet> sets = ruleSets.applicable(request.origin(), request.destination(), request.asOf());
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
        e.idempotencyKey = idempotencyKey;
        EvaluationResult result = new EvaluationResult(e.id, e.reference, e.origin, e.destination, outcome, outcome.lane(), hits,
                sets.stream().map(s -> new EvaluationResult.RuleSetRef(s.jurisdiction(), s.version())).toList(),
                request.asOf(), e.evaluatedAt);
        e.input = write(request);
        e.result = write(result);
        e.persist();
        return result;
    }

    @Transactional
    public EvaluationResult get(UUID id) {
        Evaluation e = Evaluation.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Evaluation", id);
        }
        return read(e.result, EvaluationResult.class);
    }

    String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    <T> T read(String s, Class<T> type) {
        try {
            return json.readValue(s, type);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored evaluation is not readable as " + type.getSimpleName(), ex);
        }
    }
}
