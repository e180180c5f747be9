package io.zmx.compliance.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.zmx.edge.Problem;
import io.smallrye.mutiny.Uni;
import io.zmx.compliance.engine.EvaluationRequest;
import io.zmx.compliance.engine.EvaluationResult;
import io.zmx.compliance.service.EvaluationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluations", description = "Judge a filing against the rules in force on a date")
@RolesAllowed({Roles.EXPORT_SERVICE, Roles.ADMIN})
@APIResponse(responseCode = "403", description = "Only export-service and admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class EvaluationResource {

    private final EvaluationService service;
    private final Idempotency idempotency;
    private final SecurityIdentity identity;

    public EvaluationResource(EvaluationService service, Idempotency idempotency, SecurityIdentity identity) {
        this.service = service;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @POST
    @Operation(operationId = "evaluate", summary = "Evaluate a filing (export-service, admin)",
            description = "Applies the origin's ORIGIN set, the destination's DESTINATION set and every GROUP set the destination "
                    + "belongs to (EAEU), each in the version in force on asOf, and within it every rule in force on asOf. "
                    + "Stores the input and the result. A retried call with the same Idempotency-Key (per caller) returns the first result; the same key with another request is a 422.")
    @APIResponse(responseCode = "201", description = "Evaluated and stored", content = @Content(schema = @Schema(implementation = EvaluationResult.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key already used by this caller for another request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> evaluate(
            @Parameter(description = "Makes retries safe: the same key returns the stored result") @HeaderParam("Idempotency-Key") @Size(max = 200) String idempotencyKey,
            @NotNull @Valid EvaluationRequest request, UriInfo uri) {
        String caller = identity.getPrincipal().getName();
        return idempotency.run(caller, idempotencyKey, "POST", "/api/v1/evaluations", request,
                () -> service.evaluate(request, caller).map(result -> new io.zmx.edge.IdempotencyStore.Reply(201, result, null,
                        uri.getAbsolutePathBuilder().path(result.id().toString()).build())));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getEvaluation", summary = "A stored evaluation result (export-service, admin)")
    @APIResponse(responseCode = "200", description = "The result")
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EvaluationResult> get(@PathParam("id") UUID id) {
        return service.get(id);
    }
}
