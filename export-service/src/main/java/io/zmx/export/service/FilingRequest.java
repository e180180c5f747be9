package io.zmx.export.service;

import io.zmx.export.domain.Money;
import io.zmx.export.domain.DeclaredVehicle;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.domain.AfterSalesConfirmation;
import io.zmx.export.domain.ConformityCertificate;
import io.zmx.export.domain.ConsigneeType;
import io.zmx.export.domain.CreditCode;
import io.zmx.export.domain.LicenceApplication;
import io.zmx.export.domain.SasoCertificate;
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
        @NotNull @Schema(description = "17-character VIN; the ISO 3779 check digit is mandatory for North American (1-5) and Chinese (L, H) VINs") String vin,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") @Schema(examples = "KZ") String destination,
        @NotBlank @Size(max = 200) String consignee,
        @NotNull @Schema(description = "PERSON (personal import), COMPANY or OFFICIAL_REPRESENTATIVE; whether the consignee "
                + "really is the maker's official representative is checked by compliance-service against its list")
        ConsigneeType consigneeType,
        @Size(max = 50) @Schema(description = "consignee's company registration number in the destination (e.g. KZ BIN)",
                nullable = true) String consigneeRegistrationNumber,
        @NotNull @Schema(description = "USED or NEW") DeclaredStatus declaredStatus,
        @NotNull @PositiveOrZero @Max(3_000_000) Integer declaredOdometerKm,
        @NotNull @Valid Money declaredValue,
        @Pattern(regexp = "\\d{6,10}", message = "must be a 6- to 10-digit HS code")
        @Schema(examples = "8703801090", nullable = true) String hsCode,
        @NotBlank @Size(max = 80) @Schema(examples = "Khorgos") String portOfExit,
        @NotNull @Schema(description = "not before today (Asia/Shanghai), at most zmx.export.planned-date-horizon days ahead")
        LocalDate plannedExportDate,
        @Valid @Schema(nullable = true) AfterSalesConfirmation afterSalesConfirmation,
        @Size(max = 80) @Schema(description = "export licence number", nullable = true) String exportLicence,
        @Valid @Schema(nullable = true) LicenceApplication licenceApplication,
        @Valid @Schema(nullable = true) ConformityCertificate conformityCertificate,
        @Valid @Schema(nullable = true) SasoCertificate sasoCertificate,
        @Valid @Schema(nullable = true) DeclaredVehicle declaredVehicle) {

    public enum DeclaredStatus { USED, NEW }

    /** A planned export date may be neither in the past nor beyond the horizon: screening uses it as asOf. */
    public static Problem.Violation plannedExportDateViolation(LocalDate date, LocalDate today, int horizonDays) {
        if (date.isBefore(today)) {
            return new Problem.Violation("plannedExportDate", "must not be before today (" + today + ", Asia/Shanghai)");
        }
        if (date.isAfter(today.plusDays(horizonDays))) {
            return new Problem.Violation("plannedExportDate", "must be at most " + horizonDays + " days ahead (on or before "
                    + today.plusDays(horizonDays) + ")");
        }
        return null;
    }

    /**
     * Checks the identifiers as value types and the planned export date against today's calendar day
     * (Asia/Shanghai) and the horizon; every bad field is reported at once.
     */
    public void validate(LocalDate today, int horizonDays) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (plannedExportDate != null) {
            Problem.Violation v = plannedExportDateViolation(plannedExportDate, today, horizonDays);
            if (v != null) violations.add(v);
        }
        if (afterSalesConfirmation != null && afterSalesConfirmation.vins() != null) {
            for (int i = 0; i < afterSalesConfirmation.vins().size(); i++) {
                try {
                    Vin.of(afterSalesConfirmation.vins().get(i));
                } catch (IllegalArgumentException e) {
                    violations.add(new Problem.Violation("afterSalesConfirmation.vins[" + i + "]", e.getMessage()));
                }
            }
        }
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
