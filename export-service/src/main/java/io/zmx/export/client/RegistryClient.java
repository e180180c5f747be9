package io.zmx.export.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The only place export-service calls registry-service. Non-blocking ({@code Uni}); timeouts, retries and a
 * circuit breaker guard each call; an unknown vehicle (404) is an answer, not a failure, and comes back as empty.
 */
@ApplicationScoped
public class RegistryClient {

    private final RegistryApi api;

    public RegistryClient(@RestClient RegistryApi api) {
        this.api = api;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    public Uni<Optional<RegistryDtos.VehicleHistory>> history(String vin) {
        return api.history(vin).map(Optional::of)
                .onFailure(RegistryClient::notFound).recoverWithItem(Optional.empty());
    }

    /**
     * The history with the reference price in force on {@code asOf} for the vehicle's make, model and model year, in one
     * call (issue 12: a screening needs both; two calls were two requests and two token checks at registry). A registry
     * that does not know {@code include} answers the history alone: {@code referencePrice()} is then null.
     */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    public Uni<Optional<RegistryDtos.VehicleHistory>> historyWithReferencePrice(String vin, LocalDate asOf) {
        return api.history(vin, "referencePrice", asOf.toString()).map(Optional::of)
                .onFailure(RegistryClient::notFound).recoverWithItem(Optional.empty());
    }

    /** The reference price in force on {@code on}: the newest one whose validFrom is not after it. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    public Uni<Optional<RegistryDtos.ReferencePrice>> referencePrice(String make, String model, Integer modelYear, LocalDate on) {
        return api.referencePrices(make, model, modelYear).map(page -> {
                    if (page == null || page.items() == null) {
                        return Optional.<RegistryDtos.ReferencePrice>empty();
                    }
                    return page.items().stream()
                            .filter(p -> p.price() != null && p.price().amount() != null)
                            .filter(p -> p.validFrom() == null || !p.validFrom().isAfter(on))
                            .max(Comparator.comparing(p -> p.validFrom() == null ? LocalDate.MIN : p.validFrom()));
                })
                .onFailure(RegistryClient::notFound).recoverWithItem(Optional.empty());
    }

    private static boolean notFound(Throwable e) {
        return e instanceof WebApplicationException w && w.getResponse().getStatus() == 404;
    }
}
