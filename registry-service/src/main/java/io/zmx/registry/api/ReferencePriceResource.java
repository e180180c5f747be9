package io.zmx.registry.api;

import io.zmx.edge.Problem;
import io.zmx.registry.domain.ReferencePrice;
import io.zmx.registry.service.ReferencePriceService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reference-prices")
@Tag(name = "Reference prices")
@RolesAllowed({"admin", "exporter", "manufacturer", "registrar", "customs", "agency", "analyst",
        "export-service"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReferencePriceResource {

    private final ReferencePriceService prices;

    public ReferencePriceResource(ReferencePriceService prices) {
        this.prices = prices;
    }

    @Schema(name = "ReferencePriceInput")
    public record ReferencePriceInput(
            @NotBlank @Size(max = 60) @Schema(required = true, examples = "BYD") String make,
            @NotBlank @Size(max = 80) @Schema(required = true, examples = "Song Plus") String model,
            @NotNull @Min(1980) @Max(2100) @Schema(required = true) Integer modelYear,
            @NotNull @Valid @Schema(required = true) Money price,
            @NotNull @Schema(required = true, description = "the price applies from this date until a later one")
            LocalDate validFrom) {}

    @Schema(name = "ReferencePrice")
    public record ReferencePriceView(long id, String make, String model, int modelYear, Money price, LocalDate validFrom,
                                     long version) {
        public static ReferencePriceView of(ReferencePrice p) {
            return new ReferencePriceView(p.id, p.make, p.model, p.modelYear, new Money(p.amount, p.currency),
                    p.validFrom, p.version);
        }
    }

    @GET
    @Operation(operationId = "listReferencePrices", summary = "Find reference prices", description = "Filters match exactly (make and model ignore case); "
            + "sorted by make, model, model year and validFrom.")
    @APIResponse(responseCode = "200", description = "A page of prices")
    public Uni<Page<ReferencePriceView>> list(@QueryParam("make") String make, @QueryParam("model") String model,
                                         @QueryParam("modelYear") Integer modelYear,
                                         @QueryParam("page") @DefaultValue("0") @Min(0) @Max(io.zmx.edge.Paging.MAX_PAGE) int page,
                                         @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return prices.list(make, model, modelYear, page, size)
                .map(p -> new Page<>(p.items().stream().map(ReferencePriceView::of).toList(), page, size, p.total()));
    }

    @GET
    @Path("/current")
    @Operation(operationId = "getCurrentReferencePrice", summary = "The price in force for a make, model and model year on a date")
    @APIResponse(responseCode = "200", description = "The price with the latest validFrom on or before asOf",
            content = @Content(schema = @Schema(implementation = ReferencePriceView.class)))
    @APIResponse(responseCode = "400", description = "Missing parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No price known",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReferencePriceView> current(@NotBlank @QueryParam("make") String make, @NotBlank @QueryParam("model") String model,
                                      @NotNull @QueryParam("modelYear") Integer modelYear,
                                      @Parameter(description = "today when absent") @QueryParam("asOf") LocalDate asOf) {
        return prices.current(make, model, modelYear, asOf == null ? LocalDate.now() : asOf).map(ReferencePriceView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getReferencePrice", summary = "Read a reference price")
    @APIResponse(responseCode = "200", description = "The price",
            content = @Content(schema = @Schema(implementation = ReferencePriceView.class)))
    @APIResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReferencePriceView> get(@PathParam("id") long id) {
        return prices.get(id).map(ReferencePriceView::of);
    }

    @POST
    @RolesAllowed({"manufacturer", "admin"})
    @Operation(operationId = "addReferencePrice", summary = "Publish a reference price",
            description = "Idempotent on (make, model, modelYear, validFrom): the same price again answers 200, "
                    + "a different price for the same key is a 409.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ReferencePriceView.class)))
    @APIResponse(responseCode = "200", description = "Already published",
            content = @Content(schema = @Schema(implementation = ReferencePriceView.class)))
    @APIResponse(responseCode = "403", description = "Needs role manufacturer or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another price exists for the same key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull @Valid ReferencePriceInput in) {
        return prices.publish(in.make(), in.model(), in.modelYear(), in.price().amount(), in.price().currency(),
                in.validFrom()).map(out -> {
            ReferencePriceView view = ReferencePriceView.of(out.price());
            return out.created()
                    ? Response.created(URI.create("/api/v1/reference-prices/" + view.id())).entity(view).build()
                    : Response.ok(view).build();
        });
    }
}
