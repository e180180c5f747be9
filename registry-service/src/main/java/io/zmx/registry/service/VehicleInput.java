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

/**
 * A vehicle as a manufacturer declares it. The VIN is validated and decoded: the maker comes from its WMI,
 * the model year from position 10 resolved against {@code productionDate}.
 */
@Schema(name = "VehicleInput")
public record VehicleInput(
        @NotBlank @Schema(examples = "LGXCE4CB0R0123456", required = true) String vin,
        @Size(max = 120) @Schema(description = "only used when the WMI is not in the catalog; otherwise decoded from the VIN")
        String manufacturer,
        @NotBlank @Size(max = 60) @Schema(examples = "BYD", required = true) String make,
        @NotBlank @Size(max = 80) @Schema(examples = "Song Plus", required = true) String model,
        @Min(1980) @Max(2100) @Schema(description = "decoded from VIN position 10 when absent; must agree with it when given")
        Integer modelYear,
        @NotNull @Schema(required = true) FuelType fuelType,
        @PositiveOrZero @Max(20000) Integer engineCc,
        @PositiveOrZero @Max(2000) Integer powerKw,
        @NotNull @Schema(required = true) DriveSide driveSide,
        @Size(max = 20) @Schema(examples = "CN6b") String emissionStandard,
        @Schema(description = "resolves the 30-year model-year cycle; today when absent") LocalDate productionDate,
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
        @Schema(description = "ISO 3166-1 alpha-2; the WMI's country when absent", examples = "CN") String plantCountry) {}
