package io.zmx.export.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Something screening found by comparing the filing with the registry; HOLD findings send a GREEN filing to review. */
@Schema(name = "Finding")
@RegisterForReflection
public record Finding(
        @Schema(description = "VEHICLE_NOT_IN_REGISTRY, IDENTITY_MISMATCH, DECLARED_STATUS_MISMATCH, ODOMETER_MISMATCH, "
                + "ODOMETER_ROLLBACK, UNDER_VALUATION, NO_REFERENCE_PRICE") String code,
        @Schema(description = "HOLD or INFO") String severity,
        String message) {

    public static Finding hold(String code, String message) {
        return new Finding(code, "HOLD", message);
    }

    public static Finding info(String code, String message) {
        return new Finding(code, "INFO", message);
    }
}
