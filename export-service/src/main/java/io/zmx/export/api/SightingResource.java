package io.zmx.export.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.zmx.edge.IdempotencyStore.Reply;
import io.zmx.edge.Problem;
import io.zmx.export.domain.Sighting;
import io.zmx.export.service.Caller;
import io.zmx.export.service.SightingRequest;
import io.zmx.export.service.SightingService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sightings (issue 14): a VIN presented in a country, reported by that country's agency or by origin customs. */
@Path("/api/v1/sightings")
@Tag(name = "Sightings and alerts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SightingResource {

    private final SightingService sightings;
    private final Idempotency idempotency;
    private final SecurityIdentity identity;

    public SightingResource(SightingService sightings, Idempotency idempotency, SecurityIdentity identity) {
        this.sightings = sightings;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @Schema(name = "Sighting")
    @RegisterForReflection
    public record SightingView(@Schema(required = true) UUID id, @Schema(required = true) String vin,
                               @Schema(required = true) String country, @Schema(required = true) String kind,
                               @Schema(required = true) String place, @Schema(required = true) LocalDate date,
                               @Schema(required = true, description = "agency, customs or admin") String reportedRole,
                               OffsetDateTime recordedAt,
                               @Schema(description = "the VIN's last cleared filing when the sighting was recorded") UUID filingId,
                               @Schema(description = "alerts this sighting raised (on a replay: those it raised the first time)")
                               List<UUID> alertsRaised) {

        static SightingView of(Sighting s, List<UUID> alerts) {
            return new SightingView(s.id(), s.vin(), s.country(), s.kind(), s.place(), s.date(), s.reportedRole(),
                    s.recordedAt(), s.filingId(), alerts);
        }
    }

    @Schema(name = "SightingList")
    @RegisterForReflection
    public record SightingList(@Schema(required = true) List<SightingView> items) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"agency", "customs", "admin"})
    @Operation(operationId = "recordSighting", summary = "Report a sighting of a VIN",
            description = "An agency reports only in its own country (zmx_country); origin customs anywhere. A sighting in "
                    + "another country than the destination of the VIN's last cleared filing, within 24 months of its "
                    + "export date, raises a re-export alert (once per filing and country). A retry with the same "
                    + "Idempotency-Key replays the first answer.")
    @APIResponse(responseCode = "201", description = "Recorded", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = SightingView.class)))
    @APIResponse(responseCode = "403", description = "Not the caller's country, or not a role that reports sightings",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> record(@NotNull @Valid SightingRequest request,
                                @Parameter(description = "makes a retried report safe") @HeaderParam("Idempotency-Key") String key) {
        Caller caller = Caller.of(identity);
        return idempotency.run(caller, key, "POST", "/api/v1/sightings", request,
                () -> sightings.record(request, caller).map(r -> new Reply(201, SightingView.of(r.sighting(), r.alerts()), null,
                        URI.create("/api/v1/sightings?vin=" + r.sighting().vin()))));
    }

    @GET
    @RolesAllowed({"agency", "customs", "admin"})
    @Operation(operationId = "listSightings", summary = "A VIN's sightings, oldest first",
            description = "Origin customs and admin see all; an agency those in its country or of cars cleared for it.")
    @APIResponse(responseCode = "200", description = "The sightings", content = @Content(schema = @Schema(implementation = SightingList.class)))
    @APIResponse(responseCode = "400", description = "VIN missing or not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SightingList> ofVin(@Parameter(required = true, description = "17-character VIN") @QueryParam("vin") String vin) {
        return sightings.ofVin(vin, Caller.of(identity))
                .map(list -> new SightingList(list.stream().map(s -> SightingView.of(s, null)).toList()));
    }
}
