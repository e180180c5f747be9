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
 * Export filings: draft, list, read, edit. {@code {ref}} is the filing id or its readable number (ZMX-2026-000123).
 * A filing outside the caller's scope answers 404, exactly like one that does not exist. The steps of a filing's
 * life are in {@link FilingStepsResource}, its audit trail in {@link FilingAuditResource}.
 */
@Path("/api/v1/filings")
@Tag(name = "Filings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FilingResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final FilingService filings;
    private final Idempotency idempotency;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public FilingResource(FilingService filings, Idempotency idempotency, SecurityIdentity identity, ObjectMapper json) {
        this.filings = filings;
        this.idempotency = idempotency;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"exporter", "admin"})
    @Operation(operationId = "createFiling", summary = "Create a filing as a draft (or submit it at once with submit=true)",
            description = "A retry with the same Idempotency-Key replays the first answer and never creates a second filing; "
                    + "the same key with a different body is refused with 422. With submit=true the filing must fit in the "
                    + "screening backlog (429 screening-backlog-exporter past the exporter's share, 429 screening-backlog-full past the service's, both with Retry-After and "
                    + "nothing created; a refused keyed request is not stored, so its retry runs anew).")
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "ETag", description = "the filing's version"), @Header(name = "Location")},
            content = @Content(schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "400", description = "Invalid filing; each violation names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Only with submit=true (a draft is never refused): "
            + FilingStepsResource.BACKLOG_FULL,
            headers = @Header(name = "Retry-After", description = "seconds to wait before submitting again",
                    schema = @Schema(type = SchemaType.INTEGER)),
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
    @Operation(operationId = "listFilings", summary = "List the filings the caller may see, newest first")
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
    @Operation(operationId = "getFiling", summary = "Read one filing (by id or number)")
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
    @Operation(operationId = "updateFiling", summary = "Edit a draft", description = "Requires If-Match with the current ETag (optimistic locking).")
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
