package io.zmx.export.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.edge.IdempotencyStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The only place export-service calls compliance-service; guarded like {@link RegistryClient}. */
@ApplicationScoped
public class ComplianceClient {

    private final ComplianceApi api;
    private final ObjectMapper json;

    public ComplianceClient(@RestClient ComplianceApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    public Uni<ComplianceDtos.Evaluation> evaluate(ComplianceDtos.EvaluationRequest request) {
        return Uni.createFrom().deferred(() -> api.evaluate(idempotencyKey(request), request));
    }

    /**
     * Stable for one screening attempt's inputs (the filing reference and everything judged), so a retried call
     * (the @Retry above, or a timeout whose answer was lost) never stores a second evaluation at compliance-service.
     */
    String idempotencyKey(ComplianceDtos.EvaluationRequest request) {
        String reference = request.reference() == null ? "filing" : request.reference();
        String key = "screening-" + reference + "-"
                + IdempotencyStore.sha256(IdempotencyStore.canonical(json.valueToTree(request))).substring(0, 32);
        return key.length() <= IdempotencyStore.MAX_KEY_LENGTH ? key : key.substring(key.length() - IdempotencyStore.MAX_KEY_LENGTH);
    }
}
