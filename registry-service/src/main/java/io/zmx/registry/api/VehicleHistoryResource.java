package io.zmx.registry.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.zmx.registry.service.HistoryInputs.DeregistrationInput;
import io.zmx.registry.service.HistoryInputs.OdometerReadingInput;
import io.zmx.registry.service.HistoryInputs.RegistrationInput;
import io.zmx.registry.service.HistoryInputs.TitleBrandInput;
import io.zmx.registry.api.HistoryViews.DeregistrationView;
import io.zmx.registry.api.HistoryViews.OdometerReadingView;
import io.zmx.registry.api.HistoryViews.RegistrationView;
import io.zmx.registry.api.HistoryViews.TitleBrandView;
import io.zmx.registry.api.HistoryViews.VehicleHistory;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.registry.service.ReferencePriceService;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import io.zmx.registry.service.HistoryService;
import io.zmx.registry.service.VehicleService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A vehicle's history: read it whole, and record what registrars report (registrations, deregistrations, odometer
 * readings, title brands). Same root path and roles as {@link VehicleResource}, which owns the vehicle itself.
 */
@Path("/api/v1/vehicles")
@Tag(name = "Vehicles")
@RolesAllowed({"admin", "registrar", "customs", "manufacturer", "exporter", "export-service"}) // Readers.VEHICLE_READERS
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VehicleHistoryResource {

    private final VehicleService vehicles;
    private final HistoryService history;
    private final SecurityIdentity identity;
    private final ReferencePriceService prices;

    public VehicleHistoryResource(VehicleService vehicles, HistoryService history, SecurityIdentity identity,
                                  ReferencePriceService prices) {
        this.vehicles = vehicles;
        this.history = history;
        this.identity = identity;
        this.prices = prices;
    }

    @GET
    @Path("/{vin}/history")
    @Operation(operationId = "getVehicleHistory", summary = "Everything recorded about a vehicle, in time order")
    @APIResponse(responseCode = "200", description = "The history",
            content = @Content(schema = @Schema(implementation = VehicleHistory.class)))
    @APIResponse(responseCode = "400", description = "include names something else than referencePrice, or asOf is no date",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown VIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<VehicleHistory> history(@PathParam("vin") String vin,
                                       @Parameter(description = "referencePrice: also answer the reference price in force "
                                               + "on asOf for the vehicle's make, model and model year (what a screening "
                                               + "reads beside the history), in the field referencePrice")
                                       @QueryParam("include") String include,
                                       @Parameter(description = "the date of the included reference price; today when absent")
                                       @QueryParam("asOf") LocalDate asOf) {
        boolean withPrice = includesReferencePrice(include);
        boolean full = Readers.seesOwners(identity) || Readers.confinedToOwner(identity).isPresent();
        return Readers.readable(vehicles, identity, vin).flatMap(history::history).flatMap(h -> {
            VehicleHistory view = Readers.visible(HistoryViews.of(h), full);
            if (!withPrice) {
                return Uni.createFrom().item(view);
            }
            LocalDate on = asOf == null ? LocalDate.now() : asOf;
            return prices.inForce(h.vehicle().make, h.vehicle().model, h.vehicle().modelYear, on)
                    .map(p -> view.withReferencePrice(new HistoryViews.ReferencePriceLookup(on,
                            p == null ? null : ReferencePriceResource.ReferencePriceView.of(p))));
        });
    }

    /** {@code include} names what the history answers besides itself: nothing, or {@code referencePrice}. */
    static boolean includesReferencePrice(String include) {
        if (include == null || include.isBlank()) {
            return false;
        }
        boolean price = false;
        for (String part : include.split(",")) {
            String p = part.trim();
            if (p.equals("referencePrice")) {
                price = true;
            } else if (!p.isEmpty()) {
                throw ProblemException.invalidField("include", "must be referencePrice, not " + p);
            }
        }
        return price;
    }

    @POST
    @Path("/{vin}/registrations")
    @RolesAllowed({"registrar", "admin"})
    @Operation(operationId = "recordRegistration", summary = "Record a registration", description = "Idempotent: the same registration again answers 200.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = RegistrationView.class)))
    @APIResponse(responseCode = "200", description = "Already recorded",
            content = @Content(schema = @Schema(implementation = RegistrationView.class)))
    @APIResponse(responseCode = "403", description = "Needs role registrar or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown VIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The same registration is recorded with another kind "
            + "(type .../registration-kind-conflict)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> register(@PathParam("vin") String vin, @NotNull @Valid RegistrationInput in) {
        return history.register(vin, in)
                .map(out -> status(out.created(), vin, "registrations", out.item().id, RegistrationView.of(out.item())));
    }

    @POST
    @Path("/{vin}/deregistrations")
    @RolesAllowed({"registrar", "admin"})
    @Operation(operationId = "recordDeregistration", summary = "Record a deregistration (e.g. reason EXPORT)",
            description = "Idempotent: the same deregistration again answers 200.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = DeregistrationView.class)))
    @APIResponse(responseCode = "200", description = "Already recorded",
            content = @Content(schema = @Schema(implementation = DeregistrationView.class)))
    @APIResponse(responseCode = "403", description = "Needs role registrar or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown VIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> deregister(@PathParam("vin") String vin, @NotNull @Valid DeregistrationInput in) {
        return history.deregister(vin, in)
                .map(out -> status(out.created(), vin, "deregistrations", out.item().id, DeregistrationView.of(out.item())));
    }

    @POST
    @Path("/{vin}/odometer-readings")
    @RolesAllowed({"registrar", "admin"})
    @Operation(operationId = "recordOdometerReading", summary = "Record an odometer reading",
            description = "A reading lower than an earlier one (or higher than a later one) is refused with 409 "
                    + "unless sent with `correction: true` and a `reason`; it is then stored with `rollback: true`.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = OdometerReadingView.class)))
    @APIResponse(responseCode = "200", description = "Already recorded",
            content = @Content(schema = @Schema(implementation = OdometerReadingView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (e.g. a correction without a reason)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Needs role registrar or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown VIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The reading contradicts the record (type .../odometer-rollback)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> addReading(@PathParam("vin") String vin, @NotNull @Valid OdometerReadingInput in) {
        return history.addReading(vin, in)
                .map(out -> status(out.created(), vin, "odometer-readings", out.item().id, OdometerReadingView.of(out.item())));
    }

    @POST
    @Path("/{vin}/title-brands")
    @RolesAllowed({"registrar", "admin"})
    @Operation(operationId = "addTitleBrand", summary = "Brand a vehicle's title (salvage, flood, fire, rebuilt)",
            description = "Idempotent: the same brand on the same date again answers 200.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = TitleBrandView.class)))
    @APIResponse(responseCode = "200", description = "Already recorded",
            content = @Content(schema = @Schema(implementation = TitleBrandView.class)))
    @APIResponse(responseCode = "403", description = "Needs role registrar or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown VIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> addBrand(@PathParam("vin") String vin, @NotNull @Valid TitleBrandInput in) {
        return history.addBrand(vin, in)
                .map(out -> status(out.created(), vin, "title-brands", out.item().id, TitleBrandView.of(out.item())));
    }

    private static Response status(boolean created, String vin, String kind, Long id, Object body) {
        if (!created) {
            return Response.ok(body).build();
        }
        return Response.created(URI.create("/api/v1/vehicles/" + vin.trim().toUpperCase() + "/history#" + kind + "-" + id))
                .entity(body).build();
    }
}
