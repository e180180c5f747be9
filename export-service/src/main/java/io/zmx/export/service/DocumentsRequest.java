package io.zmx.export.service;

import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.domain.AfterSalesConfirmation;
import io.zmx.export.domain.ConformityCertificate;
import io.zmx.export.domain.LicenceApplication;
import io.zmx.export.domain.SasoCertificate;
import io.zmx.export.domain.Vin;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DocumentsRequest", description = "Documents attached to a held filing; each one given replaces the filing's")
public record DocumentsRequest(@Valid @Schema(nullable = true) AfterSalesConfirmation afterSalesConfirmation,
                               @Valid @Schema(nullable = true) ConformityCertificate conformityCertificate,
                               @Valid @Schema(nullable = true) SasoCertificate sasoCertificate,
                               @Valid @Schema(nullable = true) LicenceApplication licenceApplication,
                               @Size(max = 80) @Schema(description = "export licence number", nullable = true) String exportLicence) {

    /** At least one document, and the confirmation's VINs are VINs. */
    public void validate() {
        List<Problem.Violation> violations = new ArrayList<>();
        if (afterSalesConfirmation == null && conformityCertificate == null && sasoCertificate == null
                && licenceApplication == null && (exportLicence == null || exportLicence.isBlank())) {
            violations.add(new Problem.Violation("afterSalesConfirmation", "attach at least one document"));
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
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("validation", "Request is not valid",
                    violations.size() + " field(s) are not valid", violations);
        }
    }
}
