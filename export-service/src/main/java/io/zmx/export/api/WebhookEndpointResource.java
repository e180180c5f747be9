package io.zmx.export.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.zmx.edge.Paging;
import io.zmx.edge.Problem;
import io.zmx.export.api.WebhookResource.AttemptView;
import io.zmx.export.api.WebhookResource.DeliveryLogView;
import io.zmx.export.api.WebhookResource.DeliveryPage;
import io.zmx.export.api.WebhookResource.DeliveryView;
import io.zmx.export.api.WebhookResource.EndpointView;
import io.zmx.export.api.WebhookResource.EndpointWithSecretView;
import io.zmx.export.api.WebhookResource.ReplayRequest;
import io.zmx.export.api.WebhookResource.ReplayView;
import io.zmx.export.service.Caller;
import io.zmx.export.service.WebhookService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One webhook endpoint of the caller's and its delivery log ({@link WebhookResource} registers and lists them).
 * Every operation is scoped by the caller's owner ({@link WebhookService#owner}): an endpoint of another tenant's
 * answers 404 exactly as one that does not exist, which the class-level 404 documents for every operation.
 */
@Path("/api/v1/webhooks/{id}")
@Tag(name = "Webhooks")
@RolesAllowed({"agency", "exporter", "customs", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow this operation, or its token names no tenant",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such endpoint of the caller's",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhookEndpointResource {

    private final WebhookService webhooks;
    private final SecurityIdentity identity;

    public WebhookEndpointResource(WebhookService webhooks, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.identity = identity;
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    @GET
    @Operation(operationId = "getWebhook", summary = "One of the caller's webhook endpoints (never its secret)")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(schema = @Schema(implementation = EndpointView.class)))
    public Uni<EndpointView> get(@PathParam("id") UUID id) {
        return webhooks.get(caller(), id).map(EndpointView::of);
    }

    @DELETE
    // nothing to negotiate on success (204); a client that accepts only problem+json (the SDK, as the contract lists no
    // other content for this operation) must not get 406 from the class's application/json
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteWebhook", summary = "Delete an endpoint and its delivery log")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return webhooks.delete(caller(), id);
    }

    @POST
    @Path("/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "A new secret, shown this once; the previous one keeps signing beside it for the overlap (24 h by default)")
    @APIResponse(responseCode = "200", description = "Rotated",
            content = @Content(schema = @Schema(implementation = EndpointWithSecretView.class)))
    public Uni<EndpointWithSecretView> rotate(@PathParam("id") UUID id) {
        return webhooks.rotate(caller(), id).map(EndpointWithSecretView::of);
    }

    @POST
    @Path("/enable")
    @Operation(operationId = "enableWebhook", summary = "Enable an endpoint that was disabled after repeated failures; its pending deliveries are due at once")
    @APIResponse(responseCode = "200", description = "Enabled", content = @Content(schema = @Schema(implementation = EndpointView.class)))
    public Uni<EndpointView> enable(@PathParam("id") UUID id) {
        return webhooks.enable(caller(), id).map(EndpointView::of);
    }

    @GET
    @Path("/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The endpoint's delivery log, newest first")
    @APIResponse(responseCode = "200", description = "Deliveries", content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeliveryPage> deliveries(@PathParam("id") UUID id,
                                        @Parameter(description = "PENDING, DELIVERED or FAILED")
                                        @QueryParam("status") @Pattern(regexp = "PENDING|DELIVERED|FAILED") String status,
                                        @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
                                        @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Paging.MAX_SIZE) int size) {
        return webhooks.deliveries(caller(), id, status, page, size)
                .map(p -> new DeliveryPage(p.items().stream().map(DeliveryView::of).toList(), page, size, p.total()));
    }

    @GET
    @Path("/deliveries/{deliveryId}")
    @Operation(operationId = "getWebhookDelivery", summary = "One delivery with every attempt (time, status code, latency, error)")
    @APIResponse(responseCode = "200", description = "The delivery", content = @Content(schema = @Schema(implementation = DeliveryLogView.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint of the caller's, or no such delivery",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeliveryLogView> delivery(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return webhooks.delivery(caller(), id, deliveryId).map(l -> new DeliveryLogView(DeliveryView.of(l.delivery()),
                l.attempts().stream().map(a -> new AttemptView(a.n(), a.at(), a.statusCode(), a.latencyMs(), a.error())).toList()));
    }

    @POST
    @Path("/deliveries/{deliveryId}/replay")
    @Operation(operationId = "replayWebhookDelivery", summary = "Send one delivery again (asking again while it is pending changes nothing)")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint of the caller's, or no such delivery",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replay(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return webhooks.replay(caller(), id, deliveryId)
                .map(d -> Response.accepted(DeliveryView.of(d)).build());
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replayWebhookRange", summary = "Send again every event of the endpoint's types written in [from, to) that its owner may see",
            description = "Events the endpoint never got are included. Asking again while they are pending queues nothing more.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(responseCode = "400", description = "Invalid range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replayRange(@PathParam("id") UUID id, @NotNull @Valid ReplayRequest r) {
        return webhooks.replayRange(caller(), id, r.from(), r.to())
                .map(n -> Response.accepted(new ReplayView(n)).build());
    }
}
