package io.zmx.export.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.zmx.edge.Paging;
import io.zmx.edge.Problem;
import io.zmx.export.domain.WebhookDelivery;
import io.zmx.export.domain.WebhookEndpoint;
import io.zmx.export.service.Caller;
import io.zmx.export.service.WebhookService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Signed webhooks (issue 14): a destination agency, an exporter, origin customs or admin registers HTTPS endpoints
 * for event types; each receives, signed per the Standard Webhooks specification, the events its owner may read
 * (an agency: about filings bound for or cars sighted in its country; an exporter: its own). This class registers and
 * lists them; {@link WebhookEndpointResource} serves one endpoint and its delivery log.
 */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = """
        Deliveries follow https://www.standardwebhooks.com: POST with a JSON body {"type", "timestamp", "data"} and the
        headers webhook-id (the event's id: the same on every retry, de-duplicate on it), webhook-timestamp (unix
        seconds of the attempt) and webhook-signature: "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)),
        the key being the base64-decoded part of the secret after "whsec_". During a rotation's overlap the header
        carries two signatures separated by a space; either one verifies. Any 2xx answer is a delivery; anything else,
        a redirect or no answer within the timeout is retried with exponential backoff and jitter for up to 3 days.""")
@RolesAllowed({"agency", "exporter", "customs", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow this operation, or its token names no tenant",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhookResource {

    private final WebhookService webhooks;
    private final SecurityIdentity identity;

    public WebhookResource(WebhookService webhooks, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.identity = identity;
    }

    @Schema(name = "WebhookEndpointRequest")
    @RegisterForReflection
    public record EndpointRequest(
            @NotBlank @Size(max = 2000) @Schema(description = "https URL whose host resolves to public addresses only",
                    examples = "https://hooks.customs.example.kg/zmx") String url,
            @NotEmpty @Size(max = 20) @Schema(description = "event types to receive, e.g. filing.cleared, alert.raised")
            List<@NotBlank @Size(max = 100) String> eventTypes,
            @Size(max = 500) String description) {}

    @Schema(name = "WebhookEndpoint")
    @RegisterForReflection
    public record EndpointView(UUID id, String url, String description, List<String> eventTypes, boolean enabled,
                               @Schema(nullable = true) Instant disabledAt, @Schema(nullable = true) String disabledReason,
                               int consecutiveFailures,
                               @Schema(nullable = true, description = "until when the previous secret still signs (after a rotation)")
                               Instant previousSecretValidUntil,
                               Instant createdAt) {
        static EndpointView of(WebhookEndpoint e) {
            Instant until = e.previousSecretUntil() != null && e.previousSecretUntil().isAfter(Instant.now()) ? e.previousSecretUntil() : null;
            return new EndpointView(e.id(), e.url(), e.description(), e.eventTypes(), e.enabled(), e.disabledAt(), e.disabledReason(),
                    e.consecutiveFailures(), until, e.createdAt());
        }
    }

    @Schema(name = "WebhookEndpointWithSecret", description = "The endpoint and its signing secret, shown this once")
    @RegisterForReflection
    public record EndpointWithSecretView(UUID id, String url, String description, List<String> eventTypes, boolean enabled,
                                         @Schema(nullable = true) Instant previousSecretValidUntil, Instant createdAt,
                                         @Schema(description = "whsec_ and base64 of the key; not shown again",
                                                 examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
        static EndpointWithSecretView of(WebhookService.WithSecret w) {
            EndpointView v = EndpointView.of(w.endpoint());
            return new EndpointWithSecretView(v.id(), v.url(), v.description(), v.eventTypes(), v.enabled(),
                    v.previousSecretValidUntil(), v.createdAt(), w.secret());
        }
    }

    @Schema(name = "WebhookEndpointPage")
    @RegisterForReflection
    public record EndpointPage(List<EndpointView> items, int page, int size, long total) {}

    @Schema(name = "WebhookDelivery")
    @RegisterForReflection
    public record DeliveryView(UUID id, UUID eventId, String eventType,
                               @Schema(description = "PENDING (due at nextAttemptAt), DELIVERED, or FAILED (retries exhausted)") String status,
                               int attempts, Instant createdAt, @Schema(nullable = true) Instant lastAttemptAt,
                               @Schema(nullable = true) Integer lastStatusCode, @Schema(nullable = true) Integer lastLatencyMs,
                               @Schema(nullable = true) String lastError, @Schema(nullable = true) Instant nextAttemptAt,
                               @Schema(nullable = true) Instant deliveredAt) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.status(), d.attempts(), d.createdAt(), d.lastAttemptAt(),
                    d.lastStatusCode(), d.lastLatencyMs(), d.lastError(), d.nextAttemptAt(), d.deliveredAt());
        }
    }

    @Schema(name = "WebhookAttempt")
    @RegisterForReflection
    public record AttemptView(int n, Instant at, @Schema(nullable = true, description = "absent when no answer came") Integer statusCode,
                              int latencyMs, @Schema(nullable = true) String error) {}

    @Schema(name = "WebhookDeliveryLog")
    @RegisterForReflection
    public record DeliveryLogView(DeliveryView delivery, List<AttemptView> attempts) {}

    @Schema(name = "WebhookDeliveryPage")
    @RegisterForReflection
    public record DeliveryPage(List<DeliveryView> items, int page, int size, long total) {}

    @Schema(name = "WebhookReplayRequest")
    @RegisterForReflection
    public record ReplayRequest(@NotNull @Schema(description = "events written from (inclusive)") Instant from,
                                @NotNull @Schema(description = "events written until (exclusive)") Instant to) {}

    @Schema(name = "WebhookReplay")
    @RegisterForReflection
    public record ReplayView(@Schema(description = "deliveries queued (events already pending are not queued twice)") int queued) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerWebhook", summary = "Register a webhook endpoint; the answer carries its secret, shown this once")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = EndpointWithSecretView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request, or a URL that is not https or resolves to a non-public address",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> register(@NotNull @Valid EndpointRequest r) {
        return webhooks.register(Caller.of(identity), r.url(), r.eventTypes(), r.description())
                .map(w -> Response.created(URI.create("/api/v1/webhooks/" + w.endpoint().id()))
                        .entity(EndpointWithSecretView.of(w)).build());
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "The caller's webhook endpoints, oldest first")
    @APIResponse(responseCode = "200", description = "Endpoints", content = @Content(schema = @Schema(implementation = EndpointPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EndpointPage> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
                                  @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Paging.MAX_SIZE) int size) {
        return webhooks.list(Caller.of(identity), page, size)
                .map(p -> new EndpointPage(p.items().stream().map(EndpointView::of).toList(), page, size, p.total()));
    }
}
