package io.zmx.export.api;

import io.smallrye.mutiny.Uni;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.service.AlertService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Re-export alerts for analysts, by route or by month, JSON or CSV (as the zero-mileage report). */
@Path("/api/v1/reports/re-export-alerts")
@Tag(name = "Reports")
@RolesAllowed({"analyst", "customs", "admin"})
@APIResponse(responseCode = "400", description = "Invalid filter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Only analysts, origin customs and admin read this report",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AlertReportResource {

    private final AlertService alerts;

    public AlertReportResource(AlertService alerts) {
        this.alerts = alerts;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(operationId = "getReExportAlertReport", summary = "Re-export alerts by route or by month",
            description = "Counts re-export alerts by route (origin region > declared destination > country of sighting) or "
                    + "by the month of the sighting. JSON by default; Accept: text/csv gives CSV with the columns "
                    + "<groupBy>,alerts and a total line.")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertService.Report.class)),
            @Content(mediaType = "text/csv", schema = @Schema(implementation = String.class))})
    public Uni<Response> report(@Parameter(description = "route or month") @QueryParam("groupBy") @DefaultValue("route") String groupBy,
                                @Parameter(description = "first month of sightings, YYYY-MM") @QueryParam("from") String from,
                                @Parameter(description = "last month of sightings, YYYY-MM") @QueryParam("to") String to,
                                @Context HttpHeaders headers) {
        Uni<AlertService.Report> report = alerts.reExportReport(dimension(groupBy), ReportAnswers.month("from", from), ReportAnswers.month("to", to));
        return ReportAnswers.negotiate(headers, report, r -> r.map(AlertService::csv));
    }

    private static AlertService.ReportDimension dimension(String groupBy) {
        try {
            return AlertService.ReportDimension.valueOf(groupBy.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("validation", "Request is not valid", "groupBy '" + groupBy + "' is not known",
                    List.of(new Problem.Violation("groupBy", "must be route or month")));
        }
    }
}
