package io.zmx.export.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the export-licence application declares; the rules compare it with the registration record. */
@Schema(name = "LicenceApplication", description = "The export-licence application's declared vehicle data")
@RegisterForReflection
public record LicenceApplication(
        @NotBlank @Size(max = 100) String brand,
        @NotBlank @Size(max = 100) String model,
        @NotNull LocalDate firstRegistrationDate,
        @Schema(description = "date of the transfer-for-export registration, when there was one") LocalDate transferForExportDate) {}
