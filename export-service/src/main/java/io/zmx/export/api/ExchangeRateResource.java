package io.zmx.export.api;

import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.zmx.edge.Problem;
import io.zmx.export.domain.ExchangeRate;
import io.zmx.export.service.Caller;
import io.zmx.export.service.ExchangeRateService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dated exchange-rate table screening uses to compare a declared value with a reference price in another
 * currency (rate on the filing's application date; none → the filing is held with "cannot compare").
 */
@Path("/api/v1/exchange-rates")
@Tag(name = "Exchange rates")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow this operation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ExchangeRateResource {

    private final ExchangeRateService rates;
    private final SecurityIdentity identity;

    public ExchangeRateResource(ExchangeRateService rates, SecurityIdentity identity) {
        this.rates = rates;
        this.identity = identity;
    }

    @Schema(name = "ExchangeRateRequest")
    @RegisterForReflection
    public record RateRequest(
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") @Schema(examples = "CNY") String currency,
            @NotNull LocalDate validOn,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code")
            @Schema(nullable = true, description = "default zmx.export.exchange-rates.reference-currency (USD)") String referenceCurrency,
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 12, fraction = 8)
            @Schema(description = "units of the reference currency for 1 unit of currency", examples = "0.1380") BigDecimal rate,
            @NotBlank @Size(max = 300) @Schema(examples = "PBOC central parity") String source) {}

    @Schema(name = "ExchangeRate")
    @RegisterForReflection
    public record RateView(String currency, LocalDate validOn, String referenceCurrency, BigDecimal rate, String source,
                           String createdBy, Instant createdAt) {
        static RateView of(ExchangeRate r) {
            return new RateView(r.key.currency(), r.key.validOn(), r.key.referenceCurrency(), r.rate, r.source, r.createdBy,
                    r.createdAt);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(operationId = "setExchangeRate", summary = "Set the rate for a currency on a date (replaces that day's rate)")
    @APIResponse(responseCode = "200", description = "Stored", content = @Content(schema = @Schema(implementation = RateView.class)))
    @APIResponse(responseCode = "400", description = "Invalid rate; each violation names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RateView> put(@NotNull @Valid RateRequest r) {
        return rates.put(r.currency(), r.referenceCurrency(), r.validOn(), r.rate(), r.source(), Caller.of(identity))
                .map(RateView::of);
    }

    @GET
    @RolesAllowed({"admin", "customs", "analyst"})
    @Operation(operationId = "listExchangeRates", summary = "Rates, by currency and newest date first")
    @APIResponse(responseCode = "200", description = "Rates",
            content = @Content(schema = @Schema(implementation = RateView.class, type = SchemaType.ARRAY)))
    public Uni<List<RateView>> list(@QueryParam("currency") String currency, @QueryParam("from") LocalDate from,
                               @QueryParam("to") LocalDate to) {
        return rates.list(currency == null ? null : currency.toUpperCase(), from, to)
                .map(l -> l.stream().map(RateView::of).toList());
    }

    @DELETE
    // nothing to negotiate on success (204); a client that accepts only problem+json (the SDK, as the contract lists no
    // other content for this operation) must not get 406 from the class's application/json
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{currency}/{validOn}")
    @RolesAllowed("admin")
    @Operation(operationId = "deleteExchangeRate", summary = "Remove a rate (entered by mistake)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such rate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(@PathParam("currency") String currency, @PathParam("validOn") LocalDate validOn,
                       @QueryParam("referenceCurrency") String referenceCurrency) {
        return rates.delete(currency.toUpperCase(), referenceCurrency == null ? null : referenceCurrency.toUpperCase(), validOn);
    }
}
