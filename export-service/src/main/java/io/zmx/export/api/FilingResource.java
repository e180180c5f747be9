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
 * Export filings: draft, edit, submit, withdraw; customs and agency steps; the audit trail.
 * {@code {ref}} is the filing id or its readable number (ZMX-2026-000123). A filing outside the
 * caller's scope answers 404, exactly like one that does not exist.
 */
@Path("/api/v1/filings")
@Tag(name = "Filings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FilingResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final FilingService filings;
    private final Idempotency idempotency;
    private final AuditTrail audit;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public FilingResource(FilingService filings, Idempotency idempotency, AuditTrail audit, SecurityIdentity identity,
                          ObjectMapper json) {
        this.filings = filings;
        this.idempotency = idempotency;
        this.audit = audit;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"exporter", "admin"})
    @Operation(summary = "Create a filing as a draft (or submit it at once with submit=true)",
            description = "A retry with the same Idempotency-Key replays the first answer and never creates a second filing; "
                    + "the same key with a different body is refused with 422.")
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "ETag", description = "the filing's version"), @Header(name = "Location")},
            content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "400", description = "Invalid filing; each violation names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull @Valid FilingRequest request,
                           @Parameter(description = "submit right away instead of keeping a draft")
                           @QueryParam("submit") @DefaultValue("false") boolean submit,
                           @Parameter(description = "makes a retried create safe") @HeaderParam(IDEMPOTENCY_KEY) String key) {
        Caller caller = Caller.of(identity);
        return idempotency.run(caller, key, "POST", "/api/v1/filings?submit=" + submit, request,
                () -> filings.create(request, caller, submit)
                        .map(f -> new Reply(201, FilingView.of(f, json), etag(f), URI.create("/api/v1/filings/" + f.id))));
    }

    @GET
    @RolesAllowed({"exporter", "customs", "agency", "admin"})
    @Operation(summary = "List the filings the caller may see, newest first")
    @APIResponse(responseCode = "200", description = "A page of filings",
            content = @Content(schema = @Schema(implementation = FilingPage.class)))
    public Uni<PageView<FilingView>> list(@QueryParam("status") FilingStatus status,
                                     @Parameter(description = "ISO 3166-1 alpha-2") @QueryParam("destination") String destination,
                                     @QueryParam("vin") String vin,
                                     @Parameter(description = "only filings whose domestic registration was not cancelled "
                                             + "within the deadline after shipping (true), or the others (false)")
                                     @QueryParam("deregistrationOverdue") Boolean deregistrationOverdue,
                                     @QueryParam("page") @DefaultValue("0") @Min(0) @Max(io.zmx.edge.Paging.MAX_PAGE) int page,
                                     @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return filings.list(Caller.of(identity), status, destination, vin, deregistrationOverdue, page, size)
                .map(l -> new PageView<>(l.items().stream().map(f -> FilingView.of(f, json)).toList(), page, size, l.total()));
    }

    @Schema(name = "FilingPage")
    @RegisterForReflection
    public record FilingPage(List<FilingView> items, int page, int size, long total) {}

    @GET
    @Path("/{ref}")
    @RolesAllowed({"exporter", "customs", "agency", "admin"})
    @Operation(summary = "Read one filing (by id or number)")
    @APIResponse(responseCode = "200", description = "The filing", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "404", description = "No such filing in the caller's scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("ref") String ref) {
        return filings.get(ref, Caller.of(identity))
                .map(f -> Response.ok(FilingView.of(f, json)).header("ETag", etag(f)).build());
    }

    @PUT
    @Path("/{ref}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"exporter", "admin"})
    @Operation(summary = "Edit a draft", description = "Requires If-Match with the current ETag (optimistic locking).")
    @APIResponse(responseCode = "200", description = "Updated", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "404", description = "No such filing in the caller's scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not a draft any more",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(@PathParam("ref") String ref, @NotNull @Valid FilingRequest request,
                           @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        Long version = version(ifMatch);
        if (version == null) {
            throw new ProblemException(428, "precondition-required", "If-Match required",
                    "Send If-Match with the ETag you read, so a concurrent edit is not overwritten");
        }
        Caller caller = Caller.of(identity);
        return idempotency.run(caller, key, "PUT", "/api/v1/filings/" + ref + "#" + version, request,
                () -> filings.update(ref, request, version, caller).map(this::ok));
    }

    @POST
    @Path("/{ref}/submit")
    @RolesAllowed({"exporter", "admin"})
    @Operation(summary = "Submit a draft for screening",
            description = "Stored as SUBMITTED at once; the screener screens it asynchronously, exactly once.")
    @APIResponse(responseCode = "200", description = "Submitted", content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> submit(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch,
                           @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return step(ref, Transition.SUBMIT, null, ifMatch, key, "exporter", "admin");
    }

    @POST
    @Path("/{ref}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"exporter", "admin"})
    @Operation(summary = "Withdraw a draft, submitted or held filing")
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
    @Operation(summary = "Customs: release a held filing (takes a quota slot), with a reason")
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
    @Operation(summary = "Customs: reject a held filing, with a reason")
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
    @Operation(summary = "Origin customs: the cleared vehicle has left the country (on exportDate, default today)",
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
        Long version = version(ifMatch);
        String role = caller.actingRole("customs", "admin");
        return idempotency.run(caller, key, "POST", "/api/v1/filings/" + ref + "/ship", body,
                () -> filings.ship(ref, body == null ? null : body.exportDate(), version, caller, role).map(o -> o.refused() != null
                        ? new Reply(o.refused().status(), o.refused().toProblem("/api/v1/filings/" + ref + "/ship"),
                                etag(o.filing()), null, Problem.MEDIA_TYPE)
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
    @Operation(summary = "Attach documents to a held filing and re-screen it",
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
        Long version = version(ifMatch);
        String role = caller.actingRole("customs", "exporter", "admin");
        return idempotency.run(caller, key, "POST", "/api/v1/filings/" + ref + "/documents", body,
                () -> filings.attach(ref, body, version, caller, role).map(this::ok));
    }

    @POST
    @Path("/{ref}/arrival")
    @RolesAllowed({"agency", "admin"})
    @Operation(summary = "Destination agency: the vehicle has arrived")
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
    @Operation(summary = "Destination agency: the vehicle is accepted for import")
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
    @Operation(summary = "Destination agency: the vehicle is refused, with a reason")
    @APIResponse(responseCode = "200", description = "Refused", content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> refusal(@PathParam("ref") String ref, @NotNull @Valid ReasonRequest body,
                            @HeaderParam("If-Match") String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return step(ref, Transition.REFUSE, body, ifMatch, key, "agency", "admin");
    }

    @GET
    @Path("/{ref}/events")
    @RolesAllowed({"exporter", "customs", "agency", "admin"})
    @Operation(summary = "The filing's audit trail, oldest first")
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
    @Operation(summary = "Verify the filing's hash chain; names the first broken event")
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
                                    @Schema(description = "id of the first event that fails verification") Long firstBrokenEventId,
                                    Integer firstBrokenSeq, String problem) {}

    private Uni<Response> step(String ref, Transition t, ReasonRequest body, String ifMatch, String key, String... roles) {
        Caller caller = Caller.of(identity);
        Long version = version(ifMatch);
        String reason = body == null ? null : body.reason();
        return idempotency.run(caller, key, "POST", "/api/v1/filings/" + ref + "/" + t.action(), body,
                () -> filings.act(ref, t, reason, version, caller, caller.actingRole(roles)).map(this::ok));
    }

    private Reply ok(Filing f) {
        return new Reply(200, FilingView.of(f, json), etag(f), null);
    }

    static String etag(Filing f) {
        return "\"" + f.version + "\"";
    }

    /** If-Match parsed the suite's way ({@link IfMatch}): a weak tag never matches the filing's strong ETag. */
    static Long version(String ifMatch) {
        Long v = IfMatch.version(ifMatch);
        return v != null && v == IfMatch.ANY ? null : v;
    }
}
