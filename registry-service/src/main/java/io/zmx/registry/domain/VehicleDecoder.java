package io.zmx.registry.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that what a caller says about a vehicle agrees with its VIN, and fills in what the VIN tells:
 * maker from the WMI, model year from position 10 (resolved against the production date), plant country.
 * Used by the vehicle API and by bulk imports alike, so both accept and refuse the same vehicles.
 */
@ApplicationScoped
public class VehicleDecoder {

    private final WmiCatalog catalog;

    public VehicleDecoder(WmiCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The decoded identity, or the violations explaining why the statement and the VIN disagree.
     * {@code checkDigitVerifiable} is false for a VIN from a region without a mandatory check digit whose
     * position 9 does not match (such a VIN is accepted, and flagged).
     */
    public record Result(Vin vin, String manufacturer, Integer modelYear, String plantCountry,
                         boolean checkDigitVerifiable, List<FieldError> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    public Result decode(String rawVin, String manufacturer, Integer modelYear, LocalDate productionDate,
                         String plantCountry) {
        return decode(rawVin, manufacturer, modelYear, productionDate, plantCountry, LocalDate.now());
    }

    /** As {@link #decode(String, String, Integer, LocalDate, String)}, decoding on {@code decodingDate}. */
    public Result decode(String rawVin, String manufacturer, Integer modelYear, LocalDate productionDate,
                         String plantCountry, LocalDate decodingDate) {
        List<FieldError> violations = new ArrayList<>();
        Vin vin;
        try {
            vin = Vin.parse(rawVin);
        } catch (InvalidVinException e) {
            for (VinError err : e.errors()) {
                violations.add(vinFieldError(err));
            }
            return new Result(null, null, null, null, false, violations);
        }
        Optional<WmiCatalog.Maker> maker = catalog.maker(vin);
        String resolvedMaker = maker.map(WmiCatalog.Maker::name).orElse(blankToNull(manufacturer));
        if (resolvedMaker == null) {
            violations.add(new FieldError("manufacturer", "WMI " + vin.manufacturerCode()
                    + " is not in the catalog; send the manufacturer's name"));
        }
        // the model year may run one year ahead of production (or, production unknown, of the decoding date)
        LocalDate reference = productionDate == null ? decodingDate : productionDate;
        String against = productionDate == null ? "decoded on " + decodingDate + " without a production date"
                : "produced " + productionDate;
        char code = vin.modelYearCode();
        Optional<Integer> decodedYear = ModelYear.resolve(code, reference);
        Integer year = modelYear;
        if (decodedYear.isPresent()) {
            if (modelYear == null) {
                year = decodedYear.get();
            } else if (!ModelYear.consistent(code, modelYear, reference)) {
                violations.add(new FieldError("modelYear", "VIN position 10 '" + code + "' means "
                        + decodedYear.get() + " for a vehicle " + against + ", not " + modelYear));
            }
        } else if (modelYear == null) {
            violations.add(new FieldError("modelYear", "VIN position 10 '" + code
                    + "' is not a model-year code; send modelYear"));
        } else if (modelYear > ModelYear.latestAllowed(reference)) {
            violations.add(new FieldError("modelYear", "model year " + modelYear + " is later than "
                    + ModelYear.latestAllowed(reference) + ", the latest possible for a vehicle " + against));
        }
        if (productionDate != null && year != null
                && (productionDate.getYear() > year + 1 || year > ModelYear.latestAllowed(productionDate))) {
            violations.add(new FieldError("productionDate", "a model-year " + year + " vehicle is not produced in "
                    + productionDate.getYear()));
        }
        String country = plantCountry != null ? plantCountry
                : maker.map(WmiCatalog.Maker::country).orElseGet(() -> WmiCatalog.regionCountry(vin).orElse(null));
        return new Result(vin, resolvedMaker, year, country, vin.checkDigitVerifiable(), violations);
    }

    static FieldError vinFieldError(VinError err) {
        return new FieldError(err.position() == 0 ? "vin" : "vin[" + err.position() + "]",
                err.expected() == null ? err.message() : err.message() + " (expected '" + err.expected() + "')");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
