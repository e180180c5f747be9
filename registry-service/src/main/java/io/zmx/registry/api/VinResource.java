package io.zmx.registry.api;

import io.zmx.edge.Problem;
import io.zmx.registry.domain.InvalidVinException;
import io.zmx.registry.domain.ModelYear;
import io.zmx.registry.domain.Vin;
import io.zmx.registry.domain.WmiCatalog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

@Path("/api/v1/vins")
@Tag(name = "VINs")
@RolesAllowed({"admin", "exporter", "manufacturer", "registrar", "customs", "agency", "analyst",
        "rule-author", "export-service"}) // Readers.ANY_ROLE
@Produces(MediaType.APPLICATION_JSON)
public class VinResource {

    private final WmiCatalog catalog;

    public VinResource(WmiCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("/{vin}")
    @Operation(operationId = "decodeVin", summary = "Decode a VIN without storing it",
            description = "Validates length and alphabet, and the ISO 3779 check digit where it is mandatory "
                    + "(region codes 1-5, North America; L and H, China); elsewhere a VIN whose position 9 does not "
                    + "match is decoded with `checkDigitVerifiable: false`. Then decodes maker, country and model "
                    + "year. The model-year code repeats every 30 years: the latest year it can mean that is not "
                    + "after the production year + 1 (or, without `productionDate`, today's year + 1) is chosen.")
    @APIResponse(responseCode = "200", description = "Decoded VIN",
            content = @Content(schema = @Schema(implementation = VinDecoding.class)))
    @APIResponse(responseCode = "400", description = "Not a valid VIN; each violation names the position (and, "
            + "for a wrong mandatory check digit, the expected one)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VinDecoding decode(@PathParam("vin") String vin,
                              @Parameter(description = "production date used to resolve the model-year cycle")
                              @QueryParam("productionDate") LocalDate productionDate) {
        return VinDecoding.of(Vin.parse(vin), catalog, productionDate == null ? LocalDate.now() : productionDate);
    }

    @ServerExceptionMapper
    public Response invalidVin(InvalidVinException e, UriInfo uri) {
        List<Problem.Violation> violations = e.errors().stream()
                .map(err -> new Problem.Violation(err.position() == 0 ? "vin" : "vin[" + err.position() + "]",
                        err.expected() == null ? err.message() : err.message() + " (expected '" + err.expected() + "')"))
                .toList();
        return new Problem(Problem.type("invalid-vin"), "Not a valid VIN", 400, e.getMessage(),
                "/" + uri.getPath().replaceFirst("^/", ""), violations).toResponse();
    }

    /** What a VIN says about a vehicle on its own. */
    @Schema(name = "VinDecoding")
    public record VinDecoding(
            String vin,
            String wmi,
            String vds,
            String vis,
            @Schema(description = "WMI, extended with positions 12-14 for makers of fewer than 500 vehicles a year")
            String manufacturerCode,
            boolean smallManufacturer,
            @Schema(nullable = true) String manufacturer,
            @Schema(description = "ISO 3166-1 alpha-2 country of the maker", nullable = true) String country,
            @Schema(description = "false when the WMI is only known from secondary sources") boolean confident,
            char checkDigit,
            @Schema(description = "true when the region (position 1: 1-5 North America, L or H China) requires a "
                    + "valid ISO 3779 check digit")
            boolean checkDigitMandatory,
            @Schema(description = "false when position 9 does not carry the ISO 3779 check digit (accepted only "
                    + "where it is not mandatory; NHTSA's decoder reports error code 1 for such VINs)")
            boolean checkDigitVerifiable,
            String modelYearCode,
            @Schema(nullable = true) Integer modelYear,
            String plantCode,
            String serial) {

        public static VinDecoding of(Vin vin, WmiCatalog catalog, LocalDate reference) {
            var maker = catalog.maker(vin);
            return new VinDecoding(vin.value(), vin.wmi(), vin.vds(), vin.vis(), vin.manufacturerCode(),
                    vin.smallManufacturer(),
                    maker.map(WmiCatalog.Maker::name).orElse(null),
                    maker.map(WmiCatalog.Maker::country).orElseGet(() -> WmiCatalog.regionCountry(vin).orElse(null)),
                    maker.map(WmiCatalog.Maker::confident).orElse(false),
                    vin.value().charAt(Vin.CHECK_POSITION - 1),
                    Vin.checkDigitMandatory(vin.value()),
                    vin.checkDigitVerifiable(),
                    String.valueOf(vin.modelYearCode()),
                    ModelYear.resolve(vin.modelYearCode(), reference).orElse(null),
                    String.valueOf(vin.plantCode()),
                    vin.serial());
        }
    }
}
