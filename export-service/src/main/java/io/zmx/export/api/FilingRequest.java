package io.zmx.export.api;

import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.domain.CreditCode;
import io.zmx.export.domain.Vin;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FilingRequest", description = "An export filing as the exporter writes it (create or edit a draft)")
public record FilingRequest(
        @NotNull @Schema(description = "exporter's 18-character unified social credit code (GB 32100-2015, check character validated)",
                examples = "91350100M000100Y43") String exporterCreditCode,
        @NotNull @Schema(description = "17-character VIN with a valid ISO 3779 check digit") String vin,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") @Schema(examples = "KZ") String destination,
        @NotBlank @Size(max = 200) String consignee,
        @NotNull @Schema(description = "the consignee is an official representative of the manufacturer") Boolean consigneeOfficialRepresentative,
        @NotNull @Schema(description = "USED or NEW") DeclaredStatus declaredStatus,
        @NotNull @PositiveOrZero @Max(3_000_000) Integer declaredOdometerKm,
        @NotNull @Valid Money declaredValue,
        @NotNull @Pattern(regexp = "\\d{6,10}", message = "must be a 6- to 10-digit HS code") @Schema(examples = "8703801090") String hsCode,
        @NotBlank @Size(max = 80) @Schema(examples = "Khorgos") String portOfExit,
        @NotNull LocalDate plannedExportDate,
        @Size(max = 80) @Schema(description = "manufacturer-sealed after-sales service confirmation reference", nullable = true) String afterSalesConfirmation,
        @Size(max = 80) @Schema(description = "export licence number", nullable = true) String exportLicence,
        @Valid @Schema(nullable = true) DeclaredVehicle declaredVehicle) {

    public enum DeclaredStatus { USED, NEW }

    /** Checks the identifiers as value types; every bad one is reported at once. */
    public void validateIdentifiers() {
        List<Problem.Violation> violations = new ArrayList<>();
        try {
            CreditCode.of(exporterCreditCode);
        } catch (IllegalArgumentException e) {
            violations.add(new Problem.Violation("exporterCreditCode", e.getMessage()));
        }
        try {
            Vin.of(vin);
        } catch (IllegalArgumentException e) {
            violations.add(new Problem.Violation("vin", e.getMessage()));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("validation", "Request is not valid",
                    violations.size() + " field(s) are not valid", violations);
        }
    }
}
