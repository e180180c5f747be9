package io.zmx.export.api;

import io.zmx.export.service.FilingRequest;
import io.zmx.export.service.DocumentsRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.zmx.edge.Problem;
import io.zmx.edge.IfMatch;
import io.zmx.edge.ProblemException;
import io.zmx.edge.IdempotencyStore.Reply;
import io.smallrye.mutiny.Uni;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.FilingEvent;
import io.zmx.export.domain.FilingStatus;
import io.zmx.export.domain.Transition;
import io.zmx.export.service.AuditTrail;
import io.zmx.export.service.Caller;
import io.zmx.export.service.FilingService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
/** A filing's audit trail: its hash-chained events, oldest first, and the chain's verification. */
@Path("/api/v1/filings")
@Tag(name = "Filings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FilingAuditResource {

    private final FilingService filings;
    private final AuditTrail audit;
    private final SecurityIdentity identity;

    public FilingAuditResource(FilingService filings, AuditTrail audit, SecurityIdentity identity) {
        this.filings = filings;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    @Path("/{ref}/events")
    @RolesAllowed({"exporter", "customs", "agency", "admin"})
    @Operation(operationId = "listFilingEvents", summary = "The filing's audit trail, oldest first")
    @APIResponse(responseCode = "200", description = "Events",
            content = @Content(schema = @Schema(implementation = EventView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such filing in the caller's scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<EventView>> events(@PathParam("ref") String ref) {
        return filings.withEvents(ref, Caller.of(identity)).map(w -> w.events().stream().map(EventView::of).toList());
    }

    @GET
    @Path("/{ref}/events/verification")
    @RolesAllowed({"exporter", "customs", "agency", "admin"})
    @Operation(operationId = "verifyFilingEvents", summary = "Verify the filing's hash chain; names the first broken event")
    @APIResponse(responseCode = "200", description = "Verification result",
            content = @Content(schema = @Schema(implementation = ChainVerification.class)))
    @APIResponse(responseCode = "404", description = "No such filing in the caller's scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ChainVerification> verify(@PathParam("ref") String ref) {
        return filings.withEvents(ref, Caller.of(identity)).map(w -> {
            Filing f = w.filing();
            AuditTrail.Verification v = audit.verify(f, w.events());
            return new ChainVerification(f.id, f.number, v.valid(), v.events(), v.firstBrokenEventId(), v.firstBrokenSeq(),
                    v.problem());
        });
    }

    @Schema(name = "FilingEvent", description = "One append-only audit event; hash = SHA-256 over prevHash and the event's fields")
    @RegisterForReflection
    public record EventView(long id, int seq, String actor, String actorRole, Instant at, String from, String to,
                            String reason, String prevHash, String hash) {
        static EventView of(FilingEvent e) {
            return new EventView(e.id, e.seq, e.actor, e.actorRole, e.at, e.fromStatus, e.toStatus, e.reason, e.prevHash, e.hash);
        }
    }

    @Schema(name = "ChainVerification")
    @RegisterForReflection
    public record ChainVerification(UUID filingId, String number, boolean valid, int events,
                                    @Schema(description = "id of the first event that fails verification", nullable = true) Long firstBrokenEventId,
                                    @Schema(nullable = true) Integer firstBrokenSeq, String problem) {}
}
