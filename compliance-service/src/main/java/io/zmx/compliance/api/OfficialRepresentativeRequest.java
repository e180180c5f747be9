package io.zmx.compliance.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "OfficialRepresentativeRequest", description = "A new entry of the official-representative list")
public record OfficialRepresentativeRequest(
        @Schema(description = "Destination country (ISO 3166-1 alpha-2)", examples = "KZ")
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country,
        @Schema(description = "Make as the registry names it (vehicle.make); matched case- and whitespace-insensitively", examples = "BYD")
        @NotBlank @Size(max = 100) String make,
        @Schema(description = "Representative's name", examples = "BYD Auto Kazakhstan LLP") @NotBlank @Size(max = 300) String name,
        @Schema(description = "Registration number in the country (e.g. a KZ BIN); when both sides have one, it decides",
                examples = "230540012345") @Size(max = 50) String registrationNumber,
        @Schema(examples = "2026-01-21") @NotNull LocalDate validFrom,
        @Schema(description = "Last valid day (inclusive); open-ended when absent") LocalDate validTo,
        @Schema(description = "Where the listing comes from (register, decree, URL)", examples = "https://example.gov.kz/official-dealers")
        @NotBlank @Size(max = 500) String source) {
}
