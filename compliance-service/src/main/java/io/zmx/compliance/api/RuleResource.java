package io.zmx.compliance.api;

import io.zmx.edge.Problem;
import io.smallrye.mutiny.Uni;
import io.zmx.compliance.service.RuleSetQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules", description = "The rules in force on any date")
@RolesAllowed({Roles.ADMIN, Roles.RULE_AUTHOR, Roles.EXPORT_SERVICE, Roles.EXPORTER, Roles.MANUFACTURER, Roles.REGISTRAR,
        Roles.CUSTOMS, Roles.AGENCY, Roles.ANALYST}) // rules are public law: every role reads them, no role no read
public class RuleResource {

    private final RuleSetQueries service;

    public RuleResource(RuleSetQueries service) {
        this.service = service;
    }

    @GET
    @Operation(operationId = "listRulesInForce", summary = "Rules in force on a date (time travel)",
            description = "Rules of the version in force of each set whose own window contains asOf. With origin and/or "
                    + "destination, only the sets that judge such a filing (the origin's set; the destination's and its groups').")
    @APIResponse(responseCode = "200", description = "Rules in force")
    public Uni<Page<RuleInForce>> inForce(
            @Parameter(description = "Date (default today)", example = "2026-01-15") @QueryParam("asOf") LocalDate asOf,
            @Parameter(description = "Only this jurisdiction's set", example = "CN") @QueryParam("jurisdiction") @Pattern(regexp = "[A-Z]{2}|[A-Z]{3,8}") String jurisdiction,
            @Parameter(example = "CN") @QueryParam("origin") @Pattern(regexp = "[A-Z]{2}") String origin,
            @Parameter(example = "KZ") @QueryParam("destination") @Pattern(regexp = "[A-Z]{2}") String destination,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(io.zmx.edge.Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return service.rulesInForce(asOf == null ? LocalDate.now() : asOf, jurisdiction, origin, destination)
                .map(all -> RuleViews.page(all.stream().map(RuleViews::view).toList(), page, size));
    }
}
