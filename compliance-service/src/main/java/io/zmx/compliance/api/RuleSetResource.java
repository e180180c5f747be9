package io.zmx.compliance.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.zmx.edge.Problem;
import io.smallrye.mutiny.Uni;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.service.BacktestReport;
import io.zmx.compliance.service.BacktestService;
import io.zmx.compliance.service.RuleSetAuthoring;
import io.zmx.compliance.service.RuleSetQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/rule-sets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rule sets", description = "Versioned rule sets per jurisdiction: draft, validate, publish, retire, backtest")
@RolesAllowed({Roles.ADMIN, Roles.RULE_AUTHOR, Roles.EXPORT_SERVICE, Roles.EXPORTER, Roles.MANUFACTURER, Roles.REGISTRAR,
        Roles.CUSTOMS, Roles.AGENCY, Roles.ANALYST}) // rules are public law: every role reads them, no role no read
public class RuleSetResource {

    private static final String J = "[A-Z]{2}|[A-Z]{3,8}";

    private final RuleSetQueries queries;
    private final RuleSetAuthoring authoring;
    private final BacktestService backtests;
    private final SecurityIdentity identity;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public RuleSetResource(RuleSetQueries queries, RuleSetAuthoring authoring, BacktestService backtests, SecurityIdentity identity,
            com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = json;
        this.queries = queries;
        this.authoring = authoring;
        this.backtests = backtests;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "listRuleSets", summary = "Rule sets with the version in force on a date (time travel)")
    @APIResponse(responseCode = "200", description = "Every rule set; inForce is the version in force on asOf")
    public Uni<Page<RuleSetView>> list(
            @Parameter(description = "Date to look at (default today)", example = "2025-12-31") @QueryParam("asOf") LocalDate asOf,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(io.zmx.edge.Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return queries.list(asOf == null ? LocalDate.now() : asOf)
                .map(all -> RuleViews.page(all.stream().map(RuleViews::view).toList(), page, size));
    }

    @POST
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Operation(operationId = "createRuleSet", summary = "Create a rule set for a new jurisdiction or group (rule-author, admin)")
    @APIResponse(responseCode = "201", description = "Created; Location names the rule set", content = @Content(schema = @Schema(implementation = RuleSetView.class)))
    @APIResponse(responseCode = "409", description = "Exists already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull @Valid CreateRuleSetRequest request, UriInfo uri) {
        return authoring.create(request.jurisdiction(), request.name(), request.scope(), request.members())
                .chain(s -> queries.get(s.jurisdiction, LocalDate.now()))
                .map(s -> Response.created(uri.getAbsolutePathBuilder().path(s.set().jurisdiction).build())
                        .entity(RuleViews.view(s)).build());
    }

    @GET
    @Path("/{jurisdiction}")
    @Operation(operationId = "getRuleSet", summary = "One rule set with all its versions and the one in force on a date")
    @APIResponse(responseCode = "200", description = "The rule set")
    @APIResponse(responseCode = "404", description = "Unknown jurisdiction", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RuleSetView> get(@PathParam("jurisdiction") @Pattern(regexp = J) String jurisdiction,
            @Parameter(description = "Date to look at (default today)") @QueryParam("asOf") LocalDate asOf) {
        return queries.get(jurisdiction, asOf == null ? LocalDate.now() : asOf).map(RuleViews::view);
    }

    @GET
    @Path("/{jurisdiction}/versions/{version}")
    @Operation(operationId = "getRuleSetVersion", summary = "One version with its rules; ETag for If-Match")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(schema = @Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "404", description = "Unknown version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> version(@PathParam("jurisdiction") @Pattern(regexp = J) String jurisdiction, @PathParam("version") @Min(1) int version) {
        return queries.version(jurisdiction, version).map(v -> ok(Response.ok(), v));
    }

    @POST
    @Path("/{jurisdiction}/versions")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Operation(operationId = "createDraftVersion", summary = "Save a new draft version (rule-author, admin)",
            description = "Every expression is compiled and type-checked against the evaluation context; a problem of type "
                    + "https://zmx.io/problems/invalid-rule-expression lists each error with rule code, line and column.")
    @APIResponse(responseCode = "201", description = "Draft created", content = @Content(schema = @Schema(implementation = VersionView.class)))
    public Uni<Response> createDraft(@PathParam("jurisdiction") @Pattern(regexp = J) String jurisdiction, @NotNull @Valid DraftRequest request,
            UriInfo uri) {
        return authoring.createDraft(jurisdiction, draft(request), user())
                .map(v -> ok(Response.created(uri.getAbsolutePathBuilder().path(Integer.toString(v.version)).build()), v));
    }

    @PUT
    @Path("/{jurisdiction}/versions/{version}")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Operation(operationId = "updateDraftVersion", summary = "Replace a draft (rule-author, admin); published and retired versions are immutable (409)")
    @APIResponse(responseCode = "200", description = "Draft saved", content = @Content(schema = @Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "409", description = "Not a draft", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> updateDraft(@PathParam("jurisdiction") @Pattern(regexp = J) String jurisdiction, @PathParam("version") @Min(1) int version,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid DraftRequest request) {
        Integer expected = ETags.required(ifMatch);
        return authoring.updateDraft(jurisdiction, version, draft(request), expected, user()).map(v -> ok(Response.ok(), v));
    }

    @POST
    @Path("/{jurisdiction}/versions/{version}/publish")
    @Consumes(MediaType.WILDCARD) // the body is optional
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "publishVersion", summary = "Publish a draft (admin): from then on it is immutable")
    @APIResponse(responseCode = "200", description = "Published", content = @Content(schema = @Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "409", description = "Not a draft", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> publish(@PathParam("jurisdiction") @Pattern(regexp = J) String jurisdiction, @PathParam("version") @Min(1) int version,
            @HeaderParam("If-Match") String ifMatch,
            @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublishRequest.class))) String body) {
        PublishRequest request = optionalBody(body, PublishRequest.class);
        Integer expected = ETags.required(ifMatch);
        return authoring.publish(jurisdiction, version, request == null ? null : request.effectiveFrom(),
                request == null ? null : request.effectiveTo(), expected, user()).map(v -> ok(Response.ok(), v));
    }

    @POST
    @Path("/{jurisdiction}/versions/{version}/retire")
    @Consumes(MediaType.WILDCARD) // the body is optional
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "retireVersion", summary = "Retire a published version (admin): its window closes on effectiveTo")
    @APIResponse(responseCode = "200", description = "Retired", content = @Content(schema = @Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "409", description = "Not published", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> retire(@PathParam("jurisdiction") @Pattern(regexp = J) String jurisdiction, @PathParam("version") @Min(1) int version,
            @HeaderParam("If-Match") String ifMatch,
            @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetireRequest.class))) String body) {
        RetireRequest request = optionalBody(body, RetireRequest.class);
        Integer expected = ETags.required(ifMatch);
        return authoring.retire(jurisdiction, version, request == null ? null : request.effectiveTo(), expected, user())
                .map(v -> ok(Response.ok(), v));
    }

    @POST
    @Path("/{jurisdiction}/versions/{version}/backtest")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.ADMIN})
    @Operation(operationId = "backtestVersion", summary = "Backtest a version against stored evaluations (rule-author, admin)",
            description = "Replays the stored inputs of evaluations with asOf in [from, to] with this version in place of the "
                    + "jurisdiction's version in force, and reports how many outcomes change, which way, with sample ids. Changes nothing. Evaluations stream in (asOf, id) "
                    + "order; at most zmx.compliance.backtest.max-evaluations are replayed (truncated says so). One backtest runs per "
                    + "instance at a time.",
            // replaying a year of evaluations takes seconds to tens of seconds: the gateway waits this long (RouteTable)
            extensions = @org.eclipse.microprofile.openapi.annotations.extensions.Extension(name = "x-zmx-timeout", value = "PT2M"))
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "429", description = "Another backtest is running on this instance; retry after Retry-After seconds",
            headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "Retry-After", description = "Seconds to wait",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BacktestReport> backtest(@PathParam("jurisdiction") @Pattern(regexp = J) String jurisdiction, @PathParam("version") @Min(1) int version,
            @NotNull @Valid BacktestRequest request) {
        return backtests.backtest(jurisdiction, version, request.from(), request.to(), request.sampleSize());
    }

    /** Publish and retire take an optional JSON body, also from clients that send none and no Content-Type. */
    private <T> T optionalBody(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new io.zmx.edge.ProblemException(400, "malformed-json", "Request body is not valid JSON",
                    "The body could not be read as " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    private static RuleSetAuthoring.Draft draft(DraftRequest r) {
        return new RuleSetAuthoring.Draft(r.basedOn(), r.effectiveFrom(), r.effectiveTo(), r.notes(), RuleViews.definitions(r.rules()));
    }

    private static Response ok(Response.ResponseBuilder builder, RuleSetVersion v) {
        return builder.tag(ETags.of(v.lockVersion)).entity(RuleViews.view(v)).build();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
