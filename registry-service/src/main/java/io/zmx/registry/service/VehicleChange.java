package io.zmx.registry.service;

import io.zmx.registry.domain.DriveSide;
import io.zmx.registry.domain.FuelType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Replaces a vehicle's technical data (the VIN, maker and derived status do not change). */
@Schema(name = "VehicleChange")
public record VehicleChange(
        @NotBlank @Size(max = 60) @Schema(required = true) String make,
        @NotBlank @Size(max = 80) @Schema(required = true) String model,
        @Min(1980) @Max(2100) Integer modelYear,
        @NotNull @Schema(required = true) FuelType fuelType,
        @PositiveOrZero @Max(20000) Integer engineCc,
        @PositiveOrZero @Max(2000) Integer powerKw,
        @NotNull @Schema(required = true) DriveSide driveSide,
        @Size(max = 20) String emissionStandard,
        LocalDate productionDate,
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String plantCountry) {}
