package io.zmx.registry.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.registry.domain.FuelType;
import io.zmx.registry.domain.Vehicle;
import io.zmx.registry.domain.VehicleStatus;
import io.zmx.registry.service.VehicleChange;
import io.zmx.registry.service.VehicleInput;
import io.zmx.registry.service.VehicleService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import io.smallrye.mutiny.Uni;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A vehicle's identity and technical data: register, read, change, find. What happened to it since (registrations,
 * deregistrations, odometer readings, title brands) is {@link VehicleHistoryResource}'s, on the same root path.
 */
@Path("/api/v1/vehicles")
@Tag(name = "Vehicles")
@RolesAllowed({"admin", "registrar", "customs", "manufacturer", "exporter", "export-service"}) // Readers.VEHICLE_READERS
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VehicleResource {

    private final VehicleService vehicles;
    private final Idempotency idempotency;
    private final SecurityIdentity identity;

    public VehicleResource(VehicleService vehicles, Idempotency idempotency, SecurityIdentity identity) {
        this.vehicles = vehicles;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({"manufacturer", "admin"})
    @Operation(operationId = "registerVehicle", summary = "Register a vehicle",
            description = "Validates and decodes the VIN (maker from the WMI, model year from position 10 resolved "
                    + "against productionDate). Idempotent by VIN: the same vehicle again answers 200 with the "
                    + "stored one; different data for a known VIN is a 409. A retry with the same `Idempotency-Key` "
                    + "replays the first answer (header Idempotent-Replayed: true); the key reused with another "
                    + "body is a 422.")
    @APIResponse(responseCode = "201", description = "Created", headers = {
            @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = VehicleView.class)))
    @APIResponse(responseCode = "200", description = "Already registered with the same data (retry)",
            content = @Content(schema = @Schema(implementation = VehicleView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, VIN or data that disagrees with the VIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Needs role manufacturer or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The VIN is registered with different data",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull @Valid VehicleInput in,
                           @Parameter(description = "makes a retried POST safe") @Size(max = 200)
                           @HeaderParam("Idempotency-Key") String idempotencyKey,
                           @jakarta.ws.rs.core.Context UriInfo uri) {
        String caller = identity.getPrincipal().getName();
        return idempotency.run(caller, idempotencyKey, "POST", "/api/v1/vehicles", in, () -> vehicles.create(in)
                .map(out -> {
                    Vehicle v = out.vehicle();
                    return new io.zmx.edge.IdempotencyStore.Reply(out.created() ? 201 : 200, VehicleView.of(v), "\"" + v.version + "\"",
                            out.created() ? URI.create("/api/v1/vehicles/" + v.vin) : null);
                }));
    }

    @GET
    @Path("/{vin}")
    @Operation(operationId = "getVehicle", summary = "Read a vehicle")
    @APIResponse(responseCode = "200", description = "The vehicle; ETag carries its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = VehicleView.class)))
    @APIResponse(responseCode = "404", description = "Unknown VIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("vin") String vin) {
        return Readers.readable(vehicles, identity, vin).map(v -> Response.ok(VehicleView.of(v)).tag(String.valueOf(v.version)).build());
    }

    @PUT
    @Path("/{vin}")
    @RolesAllowed({"manufacturer", "admin"})
    @Operation(operationId = "updateVehicle", summary = "Change a vehicle's technical data",
            description = "Optimistic locking: send the ETag of the version you read as `If-Match`. A stale "
                    + "version is a 412; a missing If-Match is a 428.")
    @APIResponse(responseCode = "200", description = "Changed; ETag carries the new version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = VehicleView.class)))
    @APIResponse(responseCode = "403", description = "Needs role manufacturer or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown VIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "The vehicle changed since you read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(@PathParam("vin") String vin,
                           @Parameter(description = "the ETag you read, e.g. \"3\"") @HeaderParam("If-Match") String ifMatch,
                           @NotNull @Valid VehicleChange in) {
        long expected = expectedVersion(ifMatch);
        return vehicles.update(vin, expected, in)
                .map(v -> Response.ok(VehicleView.of(v)).tag(String.valueOf(v.version)).build());
    }

    @GET
    @Operation(operationId = "listVehicles", summary = "Find vehicles", description = "Filters combine with AND; sorted by VIN.")
    @APIResponse(responseCode = "200", description = "A page of vehicles")
    @APIResponse(responseCode = "400", description = "Invalid filter or paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<VehicleView>> list(
            @Parameter(description = "maker as decoded from the WMI, e.g. BYD Auto") @QueryParam("manufacturer") String manufacturer,
            @Parameter(description = "brand, e.g. BYD") @QueryParam("make") String make,
            @QueryParam("model") String model,
            @QueryParam("modelYear") Integer modelYear,
            @Parameter(schema = @Schema(implementation = FuelType.class)) @QueryParam("fuelType") String fuelType,
            @Parameter(schema = @Schema(implementation = VehicleStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "ISO 3166-2 region the vehicle was ever registered in, e.g. CN-SC")
            @Pattern(regexp = "[A-Za-z]{2}-[A-Za-z0-9]{1,3}", message = "must be an ISO 3166-2 code such as CN-SC")
            @QueryParam("region") String region,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(io.zmx.edge.Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        VehicleService.Filter filter = new VehicleService.Filter(manufacturer, make, model, modelYear,
                enumParam("fuelType", fuelType, FuelType.class), enumParam("status", status, VehicleStatus.class), region);
        return vehicles.list(filter, Readers.confinedToOwner(identity).orElse(null), page, size)
                .map(p -> new Page<>(p.items().stream().map(VehicleView::of).toList(), page, size, p.total()));
    }

    /** An unknown enum value in a filter is the caller's mistake: 400 naming the allowed values, not JAX-RS's 404. */
    static <E extends Enum<E>> E enumParam(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        String allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(java.util.stream.Collectors.joining(", "));
        throw ProblemException.invalid("validation", "Request is not valid", name + " must be one of " + allowed,
                java.util.List.of(new Problem.Violation(name, "must be one of " + allowed)));
    }

    /**
     * If-Match carries the ETag (strong, quoted version), parsed the suite's way ({@link io.zmx.edge.IfMatch}): a weak
     * tag never matches; without it an update could overwrite blindly (428).
     */
    static long expectedVersion(String ifMatch) {
        long v = io.zmx.edge.IfMatch.required(ifMatch);
        if (v == io.zmx.edge.IfMatch.ANY) {
            throw new ProblemException(428, "precondition-required", "If-Match required",
                    "Send the ETag of the vehicle you read as If-Match so concurrent changes are not lost");
        }
        return v;
    }
}
