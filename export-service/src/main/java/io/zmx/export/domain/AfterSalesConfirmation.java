package io.zmx.export.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The manufacturer-sealed after-sales service confirmation the 180-day rule asks for: who issued it (as listed
 * in MIIT's announcement), the VINs it covers, the destination country and the overseas service outlets there.
 * Stored whole, so the rule can check that it names this VIN and this destination.
 */
@Schema(name = "AfterSalesConfirmation", description = "Manufacturer's after-sales service confirmation (MOFCOM 180-day rule)")
@RegisterForReflection
public record AfterSalesConfirmation(
        @NotBlank @Size(max = 200) String reference,
        @NotBlank @Size(max = 200) @Schema(description = "issuing manufacturer as listed in MIIT's announcement") String manufacturer,
        @NotEmpty @Size(max = 500) @Schema(description = "VINs the confirmation covers") List<@NotBlank String> vins,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
        @Schema(description = "destination country the confirmation names", examples = "KZ") String destination,
        @NotEmpty @Size(max = 100) @Schema(description = "overseas service outlets in the destination (at least one)")
        List<@NotBlank @Size(max = 300) String> serviceOutlets,
        @NotNull LocalDate issuedOn) {}
