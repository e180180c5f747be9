package io.zmx.export.api;

import io.smallrye.mutiny.Uni;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.service.ReportService;
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

/** Aggregates for analysts: how many screened filings were zero-mileage cars, by one dimension, with filters. */
@Path("/api/v1/reports/zero-mileage")
@Tag(name = "Reports")
@RolesAllowed({"analyst", "admin"})
@APIResponse(responseCode = "400", description = "Invalid filter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Only analysts read reports",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReportResource {

    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(operationId = "getZeroMileageReport", summary = "Zero-mileage share and counts",
            description = "Counts screened filings by the month of their planned export date, destination, maker or origin "
                    + "region (ISO 3166-2 of the vehicle's registration). JSON by default; Accept: text/csv gives CSV "
                    + "with the columns <groupBy>,filings,zero_mileage,share.")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportService.Report.class)),
            @Content(mediaType = "text/csv", schema = @Schema(implementation = String.class))})
    public Uni<Response> zeroMileage(@Parameter(description = "month, destination, maker or region")
                                @QueryParam("groupBy") @DefaultValue("month") String groupBy,
                                @Parameter(description = "first month, YYYY-MM") @QueryParam("from") String from,
                                @Parameter(description = "last month, YYYY-MM") @QueryParam("to") String to,
                                @QueryParam("destination") String destination,
                                @QueryParam("maker") String maker,
                                @Parameter(description = "ISO 3166-2 origin region") @QueryParam("region") String region,
                                @Context HttpHeaders headers) {
        Uni<ReportService.Report> report = reports.zeroMileage(dimension(groupBy), filters(from, to, destination, maker, region));
        return ReportAnswers.negotiate(headers, report, reports::csv);
    }

    private static ReportService.Dimension dimension(String groupBy) {
        try {
            return ReportService.Dimension.valueOf(groupBy.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("validation", "Request is not valid", "groupBy '" + groupBy + "' is not known",
                    List.of(new Problem.Violation("groupBy", "must be one of month, destination, maker, region")));
        }
    }

    private static ReportService.Filters filters(String from, String to, String destination, String maker, String region) {
        return new ReportService.Filters(ReportAnswers.month("from", from), ReportAnswers.month("to", to),
                destination == null ? null : destination.toUpperCase(), maker,
                region == null ? null : region.toUpperCase());
    }
}
