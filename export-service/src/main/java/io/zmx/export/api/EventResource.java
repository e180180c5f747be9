package io.zmx.export.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.zmx.edge.Problem;
import io.zmx.export.domain.FeedItem;
import io.zmx.export.service.Caller;
import io.zmx.export.service.FeedService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The event feed (issue 14): every filing transition, verdict, sighting and alert, in commit-safe order, scoped to
 * what the caller may see. Poll with the {@code next} cursor of the previous answer.
 */
@Path("/api/v1/events")
@Tag(name = "Events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final FeedService feed;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public EventResource(FeedService feed, SecurityIdentity identity, ObjectMapper json) {
        this.feed = feed;
        this.identity = identity;
        this.json = json;
    }

    @Schema(name = "Event", description = "One event: a filing transition (filing.created, filing.submitted, filing.screened, "
            + "filing.cleared, filing.held, filing.rejected, filing.shipped, filing.arrived, filing.accepted, filing.refused, "
            + "filing.withdrawn), sighting.recorded or alert.raised")
    @RegisterForReflection
    public record EventView(@Schema(required = true, description = "stable id (also the webhook-id of its deliveries)") UUID id,
                            @Schema(required = true, description = "opaque position of this event; 'after' it gives the events that follow") String cursor,
                            @Schema(required = true, examples = "alert.raised") String type,
                            @Schema(required = true) OffsetDateTime occurredAt,
                            UUID filingId,
                            String vin,
                            String exporterCreditCode,
                            @Schema(required = true, description = "ISO 3166-1 countries whose agencies see the event") List<String> countries,
                            @Schema(required = true, type = SchemaType.OBJECT, description = "the event's details (filingId, vin, status, ...; "
                                    + "for alert.raised: alertId, kind, route)") Map<String, Object> payload) {}

    @Schema(name = "EventPage")
    @RegisterForReflection
    public record EventPage(@Schema(required = true) List<EventView> items,
                            @Schema(required = true, description = "the cursor to ask with next time (given also when items is empty)")
                            String next) {}

    @GET
    @RolesAllowed({"admin", "customs", "agency", "exporter"})
    @Operation(operationId = "listEvents", summary = "Events after a cursor, oldest first",
            description = "Only events of transactions that have finished are given, in an order in which a later commit "
                    + "never lands before a cursor already handed out: polling with 'next' misses nothing and repeats "
                    + "nothing. Scope: admin and origin customs see all; an agency events bound for or sighted in its "
                    + "country (zmx_country); an exporter the events of its own filings (zmx_credit_code).")
    @APIResponse(responseCode = "200", description = "A page of events", content = @Content(schema = @Schema(implementation = EventPage.class)))
    @APIResponse(responseCode = "400", description = "Bad cursor, limit or type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's role or claims give it no events",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EventPage> events(@Parameter(description = "the 'next' of the previous page; absent: from the beginning")
                                 @QueryParam("after") String after,
                                 @Parameter(description = "1 to 500, default 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
                                 @QueryParam("limit") String limit,
                                 @Parameter(description = "only these event types (repeat, or comma-separated)")
                                 @QueryParam("type") List<String> types) {
        return feed.page(Caller.of(identity), after, limit, types)
                .map(p -> new EventPage(p.items().stream().map(this::view).toList(), p.next()));
    }

    private EventView view(FeedItem i) {
        return new EventView(i.id(), FeedService.cursor(i.position()), i.type(), i.occurredAt(), i.filingId(), i.vin(),
                i.exporterCreditCode(), i.countries(), payload(i.payload()));
    }

    private Map<String, Object> payload(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
