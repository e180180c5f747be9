package io.zmx.export.client;

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

    public ComplianceClient(@RestClient ComplianceApi api) {
        this.api = api;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    public ComplianceDtos.Evaluation evaluate(ComplianceDtos.EvaluationRequest request) {
        return api.evaluate(request);
    }
}
