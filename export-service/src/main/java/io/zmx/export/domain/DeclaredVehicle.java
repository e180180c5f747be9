package io.zmx.export.domain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DeclaredVehicle", description = "The vehicle as the exporter describes it; compared with the registry during screening")
public record DeclaredVehicle(@Size(max = 80) String make, @Size(max = 80) String model,
                              @Min(1950) @Max(2100) @Schema(nullable = true) Integer modelYear) {}
