package io.zmx.export.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.zmx.edge.Problem;
import io.zmx.export.domain.Alert;
import io.zmx.export.service.AlertService;
import io.zmx.export.service.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Alerts (issue 14) and the exporter risk view built on them. */
@Path("/api/v1")
@Tag(name = "Sightings and alerts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertService alerts;
    private final SecurityIdentity identity;

    public AlertResource(AlertService alerts, SecurityIdentity identity) {
        this.alerts = alerts;
        this.identity = identity;
    }

    @Schema(name = "Route", description = "origin region > declared destination > country where the car surfaced")
    @RegisterForReflection
    public record RouteView(@Schema(description = "ISO 3166-2 region of the vehicle's registration in China") String originRegion,
                            @Schema(required = true) String declaredDestination,
                            @Schema(required = true, description = "country of the sighting, the other filing's destination, "
                                    + "the destination the after-sales confirmation names, or CN (registered again in China)") String surfacedIn) {}

    @Schema(name = "Alert")
    @RegisterForReflection
    public record AlertView(@Schema(required = true) UUID id,
                            @Schema(required = true, description = "RE_EXPORT, TWO_DESTINATIONS, AFTER_SALES_DESTINATION_MISMATCH or SEEN_IN_CN_REGISTRY") String kind,
                            @Schema(required = true) OffsetDateTime raisedAt,
                            @Schema(required = true, description = "day of the cause (the sighting's date, else the screening's)") LocalDate observedOn,
                            @Schema(required = true) String vin,
                            @Schema(required = true) UUID filingId,
                            UUID otherFilingId,
                            UUID sightingId,
                            @Schema(required = true) String exporterCreditCode,
                            @Schema(required = true) RouteView route,
                            @Schema(required = true) List<String> countries,
                            String detail) {

        static AlertView of(Alert a) {
            return new AlertView(a.id(), a.kind(), a.raisedAt(), a.observedOn(), a.vin(), a.filingId(), a.otherFilingId(),
                    a.sightingId(), a.exporterCreditCode(), new RouteView(a.originRegion(), a.declaredDestination(), a.surfacedIn()),
                    a.countries(), a.detail());
        }
    }

    @Schema(name = "AlertPage")
    @RegisterForReflection
    public record AlertPage(List<AlertView> items, int page, int size, long total) {}

    @GET
    @Path("/alerts")
    @RolesAllowed({"admin", "customs", "agency"})
    @Operation(operationId = "listAlerts", summary = "Alerts the caller may see, newest first",
            description = "Origin customs and admin see all; an agency the alerts naming its country (declared destination "
                    + "or where the car surfaced).")
    @APIResponse(responseCode = "200", description = "A page of alerts", content = @Content(schema = @Schema(implementation = AlertPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AlertPage> list(@Parameter(description = "RE_EXPORT, TWO_DESTINATIONS, AFTER_SALES_DESTINATION_MISMATCH or SEEN_IN_CN_REGISTRY") @QueryParam("kind") String kind,
                               @QueryParam("vin") String vin,
                               @Parameter(description = "exporter's credit code") @QueryParam("exporter") String exporter,
                               @QueryParam("page") @DefaultValue("0") @Min(0) @Max(io.zmx.edge.Paging.MAX_PAGE) int page,
                               @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return alerts.list(Caller.of(identity), kind, vin, exporter, page, size)
                .map(l -> new AlertPage(l.items().stream().map(AlertView::of).toList(), page, size, l.total()));
    }

    @GET
    @Path("/exporters/{creditCode}/risk")
    @RolesAllowed({"admin", "customs"})
    @Operation(operationId = "getExporterRisk", summary = "An exporter's alert count and rate of alerts per cleared filing",
            description = "For customs' exporter negative list: alerts by kind, filings cleared (or gone on from clearance), "
                    + "and alerts / cleared filings (null while none was cleared).")
    @APIResponse(responseCode = "200", description = "The exporter's risk figures",
            content = @Content(schema = @Schema(implementation = AlertService.Risk.class)))
    @APIResponse(responseCode = "400", description = "Not a valid credit code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AlertService.Risk> risk(@PathParam("creditCode") String creditCode) {
        return alerts.risk(creditCode);
    }
}
