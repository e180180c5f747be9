package io.zmx.gateway.api;

import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.zmx.edge.Problem;
import io.zmx.gateway.service.Dossier;
import io.zmx.gateway.service.DossierService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/vehicles/{vin}/dossier")
@Tag(name = "Dossier", description = "Views the gateway composes from several services")
public class DossierResource {

    /** Headers a composed call carries to the services: the caller's token and the request's trace. */
    private static final List<String> FORWARDED = List.of("Authorization", "X-Request-Id", "traceparent", "tracestate",
            "Accept-Language");

    /** Roles that read vehicles at registry-service; an agency reads a vehicle only through its screened filings. */
    private static final List<String> VEHICLE_READERS = List.of("admin", "exporter", "manufacturer", "registrar", "customs");

    private final DossierService dossiers;
    private final SecurityIdentity identity;

    DossierResource(DossierService dossiers, SecurityIdentity identity) {
        this.dossiers = dossiers;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "exporter", "manufacturer", "registrar", "customs", "agency"})
    @Operation(operationId = "getDossier", summary = "A vehicle's dossier in one call",
            description = "The vehicle and its history (registry-service), the filings the caller may see"
                    + " (export-service, with the caller's token, so an agency sees only filings bound for its"
                    + " country and an exporter only its own) and their verdicts. An agency reads no vehicle at"
                    + " registry-service: its dossier is the screened filings bound for its country (vehicle and"
                    + " history null), and a VIN in none of them is a 404. When a service is down the"
                    + " answer is still 200, with partial=true and the service named in unavailable.")
    @APIResponse(responseCode = "200", description = "The dossier, possibly partial",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Dossier.class)))
    @APIResponse(responseCode = "400", description = "Not a valid VIN (as registry-service judges it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's roles do not allow vehicle data",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No vehicle with this VIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Rate limit exceeded; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Dossier> dossier(@PathParam("vin") String vin, @Context HttpServerRequest request) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (String name : FORWARDED) {
            String value = request.getHeader(name);
            if (value != null) {
                headers.set(name, value);
            }
        }
        headers.set("Accept", MediaType.APPLICATION_JSON);
        boolean throughFilingsOnly = VEHICLE_READERS.stream().noneMatch(identity::hasRole);
        return Uni.createFrom().completionStage(() -> dossiers.dossier(vin, headers, request.path(), throughFilingsOnly)
                .toCompletionStage());
    }
}
