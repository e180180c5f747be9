package io.zmx.compliance.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.smallrye.mutiny.Uni;
import io.zmx.compliance.service.OfficialRepresentatives;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The official-representative list (EAEU: new cars only through a make's official representative). Read by
 * any authenticated caller; written by admin, or by a destination agency for its own country. Evaluations
 * decide filing.consigneeOfficialRepresentative from it.
 */
@Path("/api/v1/official-representatives")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Official representatives", description = "Manufacturers' official representatives per destination and make")
@APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OfficialRepresentativeResource {

    private final OfficialRepresentatives service;
    private final SecurityIdentity identity;

    public OfficialRepresentativeResource(OfficialRepresentatives service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.RULE_AUTHOR, Roles.EXPORT_SERVICE, Roles.EXPORTER, Roles.MANUFACTURER, Roles.REGISTRAR,
            Roles.CUSTOMS, Roles.AGENCY, Roles.ANALYST}) // who may import as a maker's representative is public: every role reads it
    @Operation(operationId = "listOfficialRepresentatives", summary = "List entries (every role)", description = "Filters are optional; page is 0-based.")
    @APIResponse(responseCode = "200", description = "One page of entries")
    @APIResponse(responseCode = "400", description = "Bad filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<OfficialRepresentativeView>> list(
            @Parameter(description = "Country (alpha-2)") @QueryParam("country") @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country,
            @Parameter(description = "Make (case- and whitespace-insensitive)") @QueryParam("make") @Size(max = 100) String make,
            @Parameter(description = "Part of the name (case-insensitive)") @QueryParam("name") @Size(max = 300) String name,
            @Parameter(description = "Only entries valid on this date (ISO 8601)", example = "2026-12-15") @QueryParam("validOn")
            @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be an ISO 8601 date (yyyy-mm-dd)") String validOn,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(io.zmx.edge.Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return service.list(country, make, name, date("validOn", validOn), page, size)
                .map(p -> new Page<>(p.items().stream().map(OfficialRepresentativeView::of).toList(), page, size, p.total()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.RULE_AUTHOR, Roles.EXPORT_SERVICE, Roles.EXPORTER, Roles.MANUFACTURER, Roles.REGISTRAR,
            Roles.CUSTOMS, Roles.AGENCY, Roles.ANALYST})
    @Operation(operationId = "getOfficialRepresentative", summary = "One entry (every role)")
    @APIResponse(responseCode = "200", description = "The entry")
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OfficialRepresentativeView> get(@PathParam("id") long id) {
        return service.get(id).map(OfficialRepresentativeView::of);
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.AGENCY})
    @Operation(operationId = "addOfficialRepresentative", summary = "Add an entry (admin; agency for its own zmx_country)",
            description = "Entries are not edited: to change one, delete it and add a new one. A retried call with the same "
                    + "Idempotency-Key returns the first entry (Idempotent-Replayed: true).")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = OfficialRepresentativeView.class)))
    @APIResponse(responseCode = "400", description = "Bad input", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not admin, or an agency writing another country", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Idempotency-Key used by another caller", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(
            @Parameter(description = "Makes retries safe") @HeaderParam("Idempotency-Key") @Size(max = 200) String idempotencyKey,
            @NotNull @Valid OfficialRepresentativeRequest request, UriInfo uri) {
        var entry = new OfficialRepresentatives.NewEntry(request.country(), request.make(), request.name(),
                request.registrationNumber(), request.validFrom(), request.validTo(), request.source());
        return service.create(entry, writer(), idempotencyKey)
                .map(c -> Response.created(uri.getAbsolutePathBuilder().path(c.entry().id.toString()).build())
                        .header("Idempotent-Replayed", Boolean.toString(c.replayed()))
                        .entity(OfficialRepresentativeView.of(c.entry())).build());
    }

    @DELETE
    // nothing to negotiate on success (204); a client that accepts only problem+json (the SDK, as the contract lists no
    // other content for this operation) must not get 406 from the class's application/json
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.AGENCY})
    @Operation(operationId = "removeOfficialRepresentative", summary = "Remove an entry (admin; agency for its own zmx_country)",
            description = "Evaluations already stored keep the decision they took (it is part of their stored input).")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Not admin, or an agency of another country", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") long id) {
        return service.delete(id, writer()).map(ignored -> Response.noContent().build());
    }

    private static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid("validation", "Request is not valid", field + " is not a date",
                    java.util.List.of(new Problem.Violation(field, "must be a valid ISO 8601 date")));
        }
    }

    private OfficialRepresentatives.Writer writer() {
        String country = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("zmx_country") != null) {
            country = jwt.getClaim("zmx_country").toString().replace("\"", "").trim().toUpperCase(java.util.Locale.ROOT);
        }
        return new OfficialRepresentatives.Writer(identity.getPrincipal().getName(), identity.hasRole(Roles.ADMIN), country);
    }
}
