package io.zmx.export.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What export-service reads from registry-service (its committed contract is the source of truth;
 * {@code RegistryContractTest} checks every field named here exists there). Tolerant reader: fields the
 * provider adds later are ignored.
 */
public final class RegistryDtos {

    private RegistryDtos() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Vehicle(String vin, String manufacturer, String make, String model, Integer modelYear, String fuelType,
                          Integer engineCc, Integer powerKw, String driveSide, String emissionStandard,
                          LocalDate productionDate, String plantCountry, String status, LocalDate firstRegistrationDate,
                          LocalDate transferForExportDate) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Registration(LocalDate date, String region, String city, String plate, String ownerType, String ownerId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Deregistration(LocalDate date, String reason, String region) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OdometerReading(LocalDate date, Integer km, String source, Boolean correction, Boolean rollback) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TitleBrand(String brand, LocalDate date) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VehicleHistory(Vehicle vehicle, List<Registration> registrations, List<Deregistration> deregistrations,
                                 List<OdometerReading> odometerReadings, List<TitleBrand> titleBrands,
                                 ReferencePriceLookup referencePrice) {

        public VehicleHistory(Vehicle vehicle, List<Registration> registrations, List<Deregistration> deregistrations,
                              List<OdometerReading> odometerReadings, List<TitleBrand> titleBrands) {
            this(vehicle, registrations, deregistrations, odometerReadings, titleBrands, null);
        }

        public List<Registration> registrations() {
            return registrations == null ? List.of() : registrations;
        }

        public List<Deregistration> deregistrations() {
            return deregistrations == null ? List.of() : deregistrations;
        }

        public List<OdometerReading> odometerReadings() {
            return odometerReadings == null ? List.of() : odometerReadings;
        }

        public List<TitleBrand> titleBrands() {
            return titleBrands == null ? List.of() : titleBrands;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Money(BigDecimal amount, String currency) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReferencePrice(String make, String model, Integer modelYear, Money price, LocalDate validFrom) {}

    /**
     * The reference price registry found in force on {@code asOf} for the vehicle ({@code include=referencePrice});
     * {@code price} null: none. The lookup itself is null when registry did not include it (a registry from before
     * issue 12 ignores the parameter): then the screener asks {@code /reference-prices} as before.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReferencePriceLookup(LocalDate asOf, ReferencePrice price) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReferencePricePage(List<ReferencePrice> items, Long total) {}
}
