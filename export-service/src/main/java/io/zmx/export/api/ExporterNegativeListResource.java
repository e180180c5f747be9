package io.zmx.export.api;

import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.domain.CreditCode;
import io.zmx.export.domain.NegativeListEntry;
import io.zmx.export.service.Caller;
import io.zmx.export.service.NegativeListService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Customs' exporter negative list (dishonest exporters, the 2025 notice's dynamic management): filings from an
 * exporter listed HOLD are held, REFUSE are refused (by compliance-service's CN rules, which read
 * {@code filing.exporterNegativeListMeasure}).
 */
@Path("/api/v1/exporter-negative-list")
@Tag(name = "Exporter negative list")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow this operation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ExporterNegativeListResource {

    private final NegativeListService list;
    private final SecurityIdentity identity;

    public ExporterNegativeListResource(NegativeListService list, SecurityIdentity identity) {
        this.list = list;
        this.identity = identity;
    }

    @Schema(name = "NegativeListEntryRequest")
    @RegisterForReflection
    public record EntryRequest(
            @NotNull @Schema(examples = "91350100M000100Y43") String creditCode,
            @NotNull @Schema(description = "HOLD or REFUSE") NegativeListEntry.Measure measure,
            @NotBlank @Size(max = 1000) String reason,
            @NotNull LocalDate since,
            @Schema(nullable = true, description = "last day listed; open-ended when absent") LocalDate until,
            @NotBlank @Size(max = 500) @Schema(description = "the decision or notice that listed the exporter") String source) {}

    @Schema(name = "NegativeListEntry")
    @RegisterForReflection
    public record EntryView(UUID id, String creditCode, String measure, String reason, LocalDate since, LocalDate until,
                            String source, String createdBy, Instant createdAt) {
        static EntryView of(NegativeListEntry e) {
            return new EntryView(e.id, e.creditCode, e.measure, e.reason, e.since, e.until, e.source, e.createdBy, e.createdAt);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"customs", "admin"})
    @Operation(operationId = "addNegativeListEntry", summary = "List an exporter (HOLD or REFUSE its filings)")
    @APIResponse(responseCode = "201", description = "Listed", content = @Content(schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "400", description = "Invalid entry; each violation names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> add(@NotNull @Valid EntryRequest r) {
        String code;
        try {
            code = CreditCode.of(r.creditCode()).value();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("validation", "Request is not valid", "1 field(s) are not valid",
                    List.of(new Problem.Violation("creditCode", e.getMessage())));
        }
        if (r.until() != null && r.until().isBefore(r.since())) {
            throw ProblemException.invalid("validation", "Request is not valid", "1 field(s) are not valid",
                    List.of(new Problem.Violation("until", "must not be before since")));
        }
        return list.add(code, r.measure(), r.reason(), r.since(), r.until(), r.source(), Caller.of(identity))
                .map(e -> Response.created(URI.create("/api/v1/exporter-negative-list/" + e.id)).entity(EntryView.of(e)).build());
    }

    @GET
    @RolesAllowed({"customs", "admin"})
    @Operation(operationId = "listNegativeListEntries", summary = "The negative list, newest first")
    @APIResponse(responseCode = "200", description = "Entries",
            content = @Content(schema = @Schema(implementation = EntryView.class, type = SchemaType.ARRAY)))
    public Uni<List<EntryView>> list(@QueryParam("creditCode") String creditCode) {
        return list.list(creditCode).map(l -> l.stream().map(EntryView::of).toList());
    }

    @DELETE
    // nothing to negotiate on success (204); a client that accepts only problem+json (the SDK, as the contract lists no
    // other content for this operation) must not get 406 from the class's application/json
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{id}")
    @RolesAllowed({"customs", "admin"})
    @Operation(operationId = "removeNegativeListEntry", summary = "Remove an entry (to end a listing keep the entry and set its until date instead)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return list.delete(id);
    }
}
