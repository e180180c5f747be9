package io.zmx.export.api;

import io.smallrye.mutiny.Uni;
import io.zmx.edge.IdempotencyStore.Reply;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.domain.CreditCode;
import io.zmx.export.domain.Quota;
import io.quarkus.security.identity.SecurityIdentity;
import io.zmx.export.service.Caller;
import io.zmx.export.service.QuotaService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Export quotas by issuing region (ISO 3166-2), period and optionally exporter, and their usage. */
@Path("/api/v1/quotas")
@Tag(name = "Quotas")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class QuotaResource {

    private final QuotaService quotas;
    private final Idempotency idempotency;
    private final SecurityIdentity identity;

    public QuotaResource(QuotaService quotas, Idempotency idempotency, SecurityIdentity identity) {
        this.quotas = quotas;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @Schema(name = "QuotaRequest")
    @RegisterForReflection
    public record QuotaRequest(
            @NotNull @Pattern(regexp = "[A-Z]{2}-[A-Z0-9]{1,3}", message = "must be an ISO 3166-2 code such as CN-SC")
            @Schema(examples = "CN-SC") String region,
            @Schema(description = "only this exporter's clearances count against the quota", nullable = true) String exporterCreditCode,
            @NotNull LocalDate periodStart,
            @NotNull LocalDate periodEnd,
            @NotNull @PositiveOrZero @Max(100_000_000) Integer limit) {}

    @Schema(name = "Quota", description = "A quota and its usage")
    @RegisterForReflection
    public record QuotaView(UUID id, String region, String exporterCreditCode, LocalDate periodStart, LocalDate periodEnd,
                            int limit, int used, int remaining) {
        static QuotaView of(Quota q) {
            return new QuotaView(q.id, q.region, q.exporterCreditCode, q.periodStart, q.periodEnd, q.limit, q.used,
                    Math.max(0, q.limit - q.used));
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"customs", "admin"})
    @Operation(operationId = "setQuota", summary = "Set a quota")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = QuotaView.class)))
    @APIResponse(responseCode = "400", description = "Invalid quota",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull @Valid QuotaRequest r,
                           @Parameter(description = "makes a retried create safe") @HeaderParam("Idempotency-Key") String key) {
        String exporter = null;
        if (r.exporterCreditCode() != null) {
            try {
                exporter = CreditCode.of(r.exporterCreditCode()).value();
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("validation", "Request is not valid", "1 field(s) are not valid",
                        List.of(new Problem.Violation("exporterCreditCode", e.getMessage())));
            }
        }
        if (r.periodEnd().isBefore(r.periodStart())) {
            throw ProblemException.invalid("validation", "Request is not valid", "1 field(s) are not valid",
                    List.of(new Problem.Violation("periodEnd", "must not be before periodStart")));
        }
        String creditCode = exporter;
        return idempotency.run(Caller.of(identity), key, "POST", "/api/v1/quotas", r,
                () -> quotas.create(r.region(), creditCode, r.periodStart(), r.periodEnd(), r.limit())
                        .map(q -> new Reply(201, QuotaView.of(q), null, URI.create("/api/v1/quotas/" + q.id))));
    }

    @GET
    @RolesAllowed({"customs", "analyst", "admin"})
    @Operation(operationId = "listQuotas", summary = "List quotas with their usage, optionally for one region and/or those in force on a day")
    @APIResponse(responseCode = "200", description = "Quotas",
            content = @Content(schema = @Schema(implementation = QuotaView.class, type = SchemaType.ARRAY)))
    public Uni<List<QuotaView>> list(@QueryParam("region") String region, @QueryParam("on") LocalDate on) {
        return quotas.list(region, on).map(l -> l.stream().map(QuotaView::of).toList());
    }

    @GET
    @Path("/{id}/usage")
    @RolesAllowed({"customs", "analyst", "admin"})
    @Operation(operationId = "getQuotaUsage", summary = "A quota's usage: limit, used, remaining")
    @APIResponse(responseCode = "200", description = "Usage", content = @Content(schema = @Schema(implementation = QuotaView.class)))
    @APIResponse(responseCode = "404", description = "No such quota",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<QuotaView> usage(@PathParam("id") UUID id) {
        return quotas.get(id).map(QuotaView::of);
    }
}
