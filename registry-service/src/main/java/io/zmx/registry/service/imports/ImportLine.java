package io.zmx.registry.service.imports;

import io.zmx.registry.service.HistoryInputs.DeregistrationInput;
import io.zmx.registry.service.HistoryInputs.OdometerReadingInput;
import io.zmx.registry.service.HistoryInputs.RegistrationInput;
import io.zmx.registry.service.HistoryInputs.TitleBrandInput;
import io.zmx.registry.domain.DriveSide;
import io.zmx.registry.domain.FuelType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One line of an NDJSON import: a vehicle (the fields of VehicleInput) with, optionally, its history. A line
 * with only {@code vin} and history adds history to a vehicle already in the registry.
 */
@Schema(name = "ImportLine", description = "One NDJSON line: a vehicle and optionally its history. make, model, "
        + "fuelType and driveSide are required when any vehicle field is present.")
public record ImportLine(
        @NotBlank @Schema(required = true) String vin,
        @Size(max = 120) String manufacturer,
        @Size(max = 60) String make,
        @Size(max = 80) String model,
        @Min(1980) @Max(2100) Integer modelYear,
        FuelType fuelType,
        @PositiveOrZero @Max(20000) Integer engineCc,
        @PositiveOrZero @Max(2000) Integer powerKw,
        DriveSide driveSide,
        @Size(max = 20) String emissionStandard,
        LocalDate productionDate,
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String plantCountry,
        @Size(max = 50) List<@Valid RegistrationInput> registrations,
        @Size(max = 50) List<@Valid DeregistrationInput> deregistrations,
        @Size(max = 500) List<@Valid OdometerReadingInput> odometerReadings,
        @Size(max = 50) List<@Valid TitleBrandInput> titleBrands) {

    public boolean hasVehicleData() {
        return manufacturer != null || make != null || model != null || modelYear != null || fuelType != null
                || engineCc != null || powerKw != null || driveSide != null || emissionStandard != null
                || productionDate != null || plantCountry != null;
    }

    public boolean hasHistory() {
        return notEmpty(registrations) || notEmpty(deregistrations) || notEmpty(odometerReadings) || notEmpty(titleBrands);
    }

    private static boolean notEmpty(List<?> l) {
        return l != null && !l.isEmpty();
    }
}
