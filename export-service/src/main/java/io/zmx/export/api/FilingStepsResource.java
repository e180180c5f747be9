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
/**
 * The steps of a filing's life after drafting: submit, withdraw; customs release, reject, ship and documents; the
 * destination agency's arrival, acceptance and refusal. Each goes through {@code FilingService} under the filing's
 * row lock, takes If-Match and Idempotency-Key, and answers the filing.
 */
@Path("/api/v1/filings")
@Tag(name = "Filings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FilingStepsResource {

    /** Why a submit is refused with 429 (service/Admission), for both submitting operations' contracts. */
    static final String BACKLOG_FULL = "the exporter already has as many filings awaiting screening as one exporter "
            + "may (zmx.screening.max-backlog-per-exporter: screening-backlog-exporter), or the service as many as it "
            + "accepts (zmx.screening.max-backlog: screening-backlog-full); nothing was changed, submit again after "
            + "Retry-After seconds";


    static final String IDEMPOTENCY_KEY = FilingResource.IDEMPOTENCY_KEY;

    private final FilingService filings;
    private final Idempotency idempotency;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public FilingStepsResource(FilingService filings, Idempotency idempotency, SecurityIdentity identity, ObjectMapper json) {
        this.filings = filings;
        this.idempotency = idempotency;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Path("/{ref}/submit")
    @RolesAllowed({"exporter", "admin"})
    @Operation(operationId = "submitFiling", summary = "Submit a draft for screening",
            description = "Stored as SUBMITTED at once; the screener screens it asynchronously, exactly once. Refused while "
                    + "the screening backlog is full (429 screening-backlog-exporter for the exporter's share, 429 screening-backlog-full for the service's, with Retry-After; "
                    + "the draft stays a draft and a refused keyed request is not stored).")
    @APIResponse(responseCode = "200", description = "Submitted", content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The screening backlog is full: " + BACKLOG_FULL,
            headers = @Header(name = "Retry-After", description = "seconds to wait before submitting again",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> submit(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                           @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return step(ref, Transition.SUBMIT, null, ifMatch, key, "exporter", "admin");
    }

    @POST
    @Path("/{ref}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"exporter", "admin"})
    @Operation(operationId = "withdrawFiling", summary = "Withdraw a draft, submitted or held filing")
    @APIResponse(responseCode = "200", description = "Withdrawn", content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> withdraw(@PathParam("ref") String ref,
                             @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = false)
                             @Valid ReasonRequest body, @HeaderParam("If-Match") String ifMatch,
                             @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return step(ref, Transition.WITHDRAW, body, ifMatch, key, "exporter", "admin");
    }

    /** The same step without a body (the reason is optional), for clients that post nothing. */
    @POST
    @Path("/{ref}/withdraw")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @RolesAllowed({"exporter", "admin"})
    @Operation(hidden = true)
    public Uni<Response> withdrawWithoutReason(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                                          @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return step(ref, Transition.WITHDRAW, null, ifMatch, key, "exporter", "admin");
    }

    @POST
    @Path("/{ref}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"customs", "admin"})
    @Operation(operationId = "releaseFiling", summary = "Customs: release a held filing (takes a quota slot), with a reason")
    @APIResponse(responseCode = "200", description = "Cleared", content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition, quota exhausted, or document-required (a CN-180-DAY "
            + "hold is released only once the after-sales confirmation is attached)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> release(@PathParam("ref") String ref, @NotNull @Valid ReasonRequest body,
                            @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return step(ref, Transition.RELEASE, body, ifMatch, key, "customs", "admin");
    }

    @POST
    @Path("/{ref}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"customs", "admin"})
    @Operation(operationId = "rejectFiling", summary = "Customs: reject a held filing, with a reason")
    @APIResponse(responseCode = "200", description = "Rejected", content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> reject(@PathParam("ref") String ref, @NotNull @Valid ReasonRequest body,
                           @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return step(ref, Transition.REJECT, body, ifMatch, key, "customs", "admin");
    }

    @POST
    @Path("/{ref}/ship")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"customs", "admin"})
    @Operation(operationId = "shipFiling", summary = "Origin customs: the cleared vehicle has left the country (on exportDate, default today)",
            description = "When the actual export date differs from the date the verdict was screened for, the filing is "
                    + "re-screened for the actual date first; if it is no longer cleared, the ship is refused (409 "
                    + "not-cleared-for-export-date) and the filing goes back to HELD (or REJECTED on a BLOCK), with the "
                    + "new verdict in the audit trail.")
    @APIResponse(responseCode = "200", description = "Shipped", content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "400", description = "Export date in the future or before the application date",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition, or not cleared for the actual export date",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The re-screen could not reach registry or compliance; nothing changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> ship(@PathParam("ref") String ref,
                         @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = false)
                         @Valid ShipRequest body, @HeaderParam("If-Match") String ifMatch,
                         @HeaderParam(IDEMPOTENCY_KEY) String key) {
        Caller caller = Caller.of(identity);
        Long version = FilingResource.version(ifMatch);
        String role = caller.actingRole("customs", "admin");
        return idempotency.run(caller, key, "POST", "/api/v1/filings/" + ref + "/ship", body,
                () -> filings.ship(ref, body == null ? null : body.exportDate(), version, caller, role).map(o -> o.refused() != null
                        ? new Reply(o.refused().status(), o.refused().toProblem("/api/v1/filings/" + ref + "/ship"),
                                FilingResource.etag(o.filing()), null, Problem.MEDIA_TYPE)
                        : ok(o.filing())));
    }

    /** The same step without a body (exported today), for clients that post nothing. */
    @POST
    @Path("/{ref}/ship")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @RolesAllowed({"customs", "admin"})
    @Operation(hidden = true)
    public Uni<Response> shipToday(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                              @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return ship(ref, null, ifMatch, key);
    }

    @POST
    @Path("/{ref}/documents")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"exporter", "customs", "admin"})
    @Operation(operationId = "attachDocuments", summary = "Attach documents to a held filing and re-screen it",
            description = "Stores the after-sales confirmation, certificates, licence application or export licence given, "
                    + "then re-screens the filing at once: GREEN clears it (quota permitting), YELLOW keeps it held, RED rejects it.")
    @APIResponse(responseCode = "200", description = "Stored and re-screened",
            content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "400", description = "Invalid document; each violation names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such filing in the caller's scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The filing is not HELD",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The re-screen could not reach registry or compliance; nothing changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> documents(@PathParam("ref") String ref, @NotNull @Valid DocumentsRequest body,
                              @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        Caller caller = Caller.of(identity);
        Long version = FilingResource.version(ifMatch);
        String role = caller.actingRole("customs", "exporter", "admin");
        return idempotency.run(caller, key, "POST", "/api/v1/filings/" + ref + "/documents", body,
                () -> filings.attach(ref, body, version, caller, role).map(this::ok));
    }

    @POST
    @Path("/{ref}/arrival")
    @RolesAllowed({"agency", "admin"})
    @Operation(operationId = "recordArrival", summary = "Destination agency: the vehicle has arrived")
    @APIResponse(responseCode = "200", description = "Arrived", content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> arrival(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                            @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return step(ref, Transition.ARRIVE, null, ifMatch, key, "agency", "admin");
    }

    @POST
    @Path("/{ref}/acceptance")
    @RolesAllowed({"agency", "admin"})
    @Operation(operationId = "acceptFiling", summary = "Destination agency: the vehicle is accepted for import")
    @APIResponse(responseCode = "200", description = "Accepted", content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> acceptance(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                               @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return step(ref, Transition.ACCEPT, null, ifMatch, key, "agency", "admin");
    }

    @POST
    @Path("/{ref}/refusal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"agency", "admin"})
    @Operation(operationId = "refuseFiling", summary = "Destination agency: the vehicle is refused, with a reason")
    @APIResponse(responseCode = "200", description = "Refused", content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> refusal(@PathParam("ref") String ref, @NotNull @Valid ReasonRequest body,
                            @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return step(ref, Transition.REFUSE, body, ifMatch, key, "agency", "admin");
    }

    private Uni<Response> step(String ref, Transition t, ReasonRequest body, String ifMatch, String key, String... roles) {
        Caller caller = Caller.of(identity);
        Long version = FilingResource.version(ifMatch);
        String reason = body == null ? null : body.reason();
        return idempotency.run(caller, key, "POST", "/api/v1/filings/" + ref + "/" + t.action(), body,
                () -> filings.act(ref, t, reason, version, caller, caller.actingRole(roles)).map(this::ok));
    }

    private Reply ok(Filing f) {
        return new Reply(200, FilingView.of(f, json), FilingResource.etag(f), null);
    }

}
