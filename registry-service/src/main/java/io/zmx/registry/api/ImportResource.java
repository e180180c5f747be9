package io.zmx.registry.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.registry.domain.ImportFormat;
import io.zmx.registry.domain.ImportJob;
import io.zmx.registry.service.imports.ImportLine;
import io.zmx.registry.service.imports.ImportService;
import io.zmx.registry.domain.ImportState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bulk uploads of vehicles and their history. The body is an {@code InputStream}: on this blocking endpoint
 * Quarkus REST buffers only the first few KB (quarkus.rest.input-buffer-size) and then hands over a stream that
 * reads from the connection as we consume it, so a large file goes to the spool file, not to the heap.
 */
@Path("/api/v1/imports")
@Tag(name = "Bulk imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportService imports;
    private final SecurityIdentity identity;

    public ImportResource(ImportService imports, SecurityIdentity identity) {
        this.imports = imports;
        this.identity = identity;
    }

    @Schema(name = "ImportJob")
    public record ImportJobView(
            UUID id,
            ImportFormat format,
            @Schema(description = "RECEIVING, QUEUED, RUNNING, COMPLETED (bad lines are listed under errors), "
                    + "FAILED (the file as a whole could not be read) or INTERRUPTED (the service stopped)")
            ImportState state,
            String submittedBy,
            @Schema(description = "bytes received") long bytes,
            @Schema(description = "lines read so far (header and blank lines not counted)") long processed,
            @Schema(description = "lines refused so far; see errors") long failed,
            @Schema(description = "lines per second since the job started") double rowsPerSecond,
            @Schema(nullable = true) String message,
            Instant createdAt,
            @Schema(nullable = true) Instant startedAt,
            @Schema(nullable = true) Instant finishedAt,
            String errors) {

        static ImportJobView of(ImportJob j) {
            double rate = 0;
            if (j.startedAt() != null) {
                Instant end = j.finishedAt() != null ? j.finishedAt() : Instant.now();
                double seconds = Math.max(Duration.between(j.startedAt(), end).toMillis(), 1) / 1000.0;
                rate = Math.round(j.processed() / seconds * 10) / 10.0;
            }
            return new ImportJobView(j.id(), j.format(), j.state(), j.submittedBy(), j.bytes(), j.processed(),
                    j.failed(), rate, j.message(), j.createdAt(), j.startedAt(), j.finishedAt(),
                    "/api/v1/imports/" + j.id() + "/errors");
        }
    }

    @Schema(name = "ImportError")
    public record ImportErrorView(@Schema(description = "1-based line number in the uploaded file") long line,
                                  @Schema(nullable = true) String vin,
                                  @Schema(description = "every reason, '; '-separated, each starting with the field") String reason) {}

    @POST
    @Consumes({"application/x-ndjson", "text/csv"})
    @RolesAllowed({"manufacturer", "registrar", "admin"})
    @Operation(operationId = "startImport", summary = "Upload vehicles (and their history) in bulk",
            description = "NDJSON (one ImportLine per line) or CSV (header line, then one flat vehicle per line with "
                    + "an optional first registration and odometer reading); see the service README. Idempotent "
                    + "upsert by VIN. Runs as a job: good lines are stored, every bad line is reported with its "
                    + "line number and reason. Vehicle data needs manufacturer or admin; history needs registrar "
                    + "or admin (a line with data the caller may not send is reported as a bad line).")
    @RequestBody(required = true, content = {
            @Content(mediaType = "application/x-ndjson", schema = @Schema(implementation = ImportLine.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING,
                    examples = "vin,make,model,fuelType,driveSide,productionDate,registrationDate,registrationRegion,ownerType,odometerDate,odometerKm,odometerSource"))})
    @APIResponse(responseCode = "202", description = "Accepted; follow Location for progress",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ImportJobView.class)))
    @APIResponse(responseCode = "403", description = "Needs role manufacturer, registrar or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Neither application/x-ndjson nor text/csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Blocking // the body is a stream read from the connection as it is spooled: a worker thread, never the event loop
    public Response submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        ImportFormat format = ImportFormat.of(contentType).orElseThrow(() -> new ProblemException(415,
                "unsupported-media-type", "Unsupported Media Type", "Send application/x-ndjson or text/csv"));
        ImportJob job = imports.submit(body, format, identity.getPrincipal().getName(), identity.getRoles());
        return Response.accepted(ImportJobView.of(job)).location(URI.create("/api/v1/imports/" + job.id())).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"manufacturer", "registrar", "admin"})
    @Operation(operationId = "getImport", summary = "Progress of an import job", description = "Visible to its submitter and to admins.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = ImportJobView.class)))
    @APIResponse(responseCode = "404", description = "Unknown job (or not yours)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ImportJobView> get(@PathParam("id") UUID id) {
        return visible(id).map(ImportJobView::of);
    }

    @GET
    @Path("/{id}/errors")
    @RolesAllowed({"manufacturer", "registrar", "admin"})
    @Operation(operationId = "listImportErrors", summary = "The refused lines of an import job, by line number")
    @APIResponse(responseCode = "200", description = "A page of refused lines")
    @APIResponse(responseCode = "404", description = "Unknown job (or not yours)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<ImportErrorView>> errors(@PathParam("id") UUID id,
                                        @QueryParam("page") @DefaultValue("0") @Min(0) @Max(io.zmx.edge.Paging.MAX_PAGE) int page,
                                        @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return visible(id).flatMap(job -> imports.errors(id, page, size))
                .map(s -> new Page<>(s.items().stream().map(e -> new ImportErrorView(e.line(), e.vin(), e.reason()))
                        .toList(), page, size, s.total()));
    }

    private Uni<ImportJob> visible(UUID id) {
        String caller = identity.getPrincipal().getName();
        boolean admin = identity.hasRole("admin");
        return imports.visible(id, caller, admin)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("Import job", id)));
    }
}
