package io.zmx.registry.api;

import io.zmx.registry.domain.DriveSide;
import io.zmx.registry.domain.FuelType;
import io.zmx.registry.domain.Vehicle;
import io.zmx.registry.domain.VehicleStatus;
import io.zmx.registry.domain.Vin;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Vehicle")
public record VehicleView(
        String vin,
        @Schema(description = "decoded from the WMI", examples = "BYD Auto") String manufacturer,
        String make,
        String model,
        int modelYear,
        FuelType fuelType,
        @Schema(nullable = true) Integer engineCc,
        @Schema(nullable = true) Integer powerKw,
        DriveSide driveSide,
        @Schema(nullable = true) String emissionStandard,
        @Schema(nullable = true) LocalDate productionDate,
        @Schema(nullable = true) String plantCountry,
        @Schema(description = "derived: ACTIVE (never registered), REGISTERED, DEREGISTERED (latest event)")
        VehicleStatus status,
        @Schema(nullable = true) LocalDate firstRegistrationDate,
        @Schema(nullable = true, description = "derived: the date of the latest TRANSFER_FOR_EXPORT registration")
        LocalDate transferForExportDate,
        @Schema(description = "false when the VIN's region does not mandate an ISO 3779 check digit (only 1-5, L and "
                + "H do) and position 9 does not carry it; such VINs are accepted but cannot be verified")
        boolean checkDigitVerifiable,
        @Schema(description = "optimistic-locking version; also sent as the ETag") long version) {

    public static VehicleView of(Vehicle v) {
        return new VehicleView(v.vin, v.manufacturer, v.make, v.model, v.modelYear, v.fuelType, v.engineCc, v.powerKw,
                v.driveSide, v.emissionStandard, v.productionDate, v.plantCountry, v.status, v.firstRegistrationDate,
                v.transferForExportDate, Vin.checkDigitMatches(v.vin), v.version);
    }
}
