package io.zmx.registry.service;

import io.zmx.edge.Problem.Violation;
import io.zmx.registry.domain.InvalidVinException;
import io.zmx.registry.domain.ModelYear;
import io.zmx.registry.domain.Vin;
import io.zmx.registry.domain.VinError;
import io.zmx.registry.domain.WmiCatalog;
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
                         boolean checkDigitVerifiable, List<Violation> violations) {
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
        List<Violation> violations = new ArrayList<>();
        Vin vin;
        try {
            vin = Vin.parse(rawVin);
        } catch (InvalidVinException e) {
            for (VinError err : e.errors()) {
                violations.add(vinViolation(err));
            }
            return new Result(null, null, null, null, false, violations);
        }
        Optional<WmiCatalog.Maker> maker = catalog.maker(vin);
        String resolvedMaker = maker.map(WmiCatalog.Maker::name).orElse(blankToNull(manufacturer));
        if (resolvedMaker == null) {
            violations.add(new Violation("manufacturer", "WMI " + vin.manufacturerCode()
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
                violations.add(new Violation("modelYear", "VIN position 10 '" + code + "' means "
                        + decodedYear.get() + " for a vehicle " + against + ", not " + modelYear));
            }
        } else if (modelYear == null) {
            violations.add(new Violation("modelYear", "VIN position 10 '" + code
                    + "' is not a model-year code; send modelYear"));
        } else if (modelYear > ModelYear.latestAllowed(reference)) {
            violations.add(new Violation("modelYear", "model year " + modelYear + " is later than "
                    + ModelYear.latestAllowed(reference) + ", the latest possible for a vehicle " + against));
        }
        if (productionDate != null && year != null
                && (productionDate.getYear() > year + 1 || year > ModelYear.latestAllowed(productionDate))) {
            violations.add(new Violation("productionDate", "a model-year " + year + " vehicle is not produced in "
                    + productionDate.getYear()));
        }
        String country = plantCountry != null ? plantCountry
                : maker.map(WmiCatalog.Maker::country).orElseGet(() -> WmiCatalog.regionCountry(vin).orElse(null));
        return new Result(vin, resolvedMaker, year, country, vin.checkDigitVerifiable(), violations);
    }

    static Violation vinViolation(VinError err) {
        return new Violation(err.position() == 0 ? "vin" : "vin[" + err.position() + "]",
                err.expected() == null ? err.message() : err.message() + " (expected '" + err.expected() + "')");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
