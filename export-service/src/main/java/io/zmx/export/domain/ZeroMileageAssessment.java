package io.zmx.export.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Is this "used" car a zero-mileage car? Declared used, odometer at or under {@code maxKm}, and exported
 * within {@code maxDays} of first registration. Every input and both thresholds are recorded, and
 * {@code decidedBy} names what settled the verdict, so a reviewer can redo the reasoning.
 */
@Schema(name = "ZeroMileageAssessment", description = "The zero-mileage assessment with every input and the threshold that decided it")
@RegisterForReflection
public record ZeroMileageAssessment(
        @Schema(description = "USED or NEW, as the exporter declared") String declaredStatus,
        int declaredOdometerKm,
        @Schema(description = "latest odometer reading in the registry (rollbacks ignored), if any") Integer registryOdometerKm,
        @Schema(description = "odometer used for the verdict: the registry's latest reading when there is one, else the declared one")
        Integer odometerKm,
        @Schema(description = "REGISTRY or DECLARED") String odometerSource,
        LocalDate firstRegistrationDate,
        @Schema(description = "planned export date the window is measured to") LocalDate exportDate,
        Integer daysRegisteredBeforeExport,
        boolean deregistered,
        int maxKm,
        int maxDays,
        Boolean odometerWithinThreshold,
        Boolean daysWithinThreshold,
        @Schema(description = "ZERO_MILEAGE, USED, NEW or UNKNOWN") String verdict,
        boolean zeroMileage,
        @Schema(description = "what decided the verdict: max-km, max-days, max-km+max-days, declared-new, no-registration")
        String decidedBy) {

    public static ZeroMileageAssessment assess(String declaredStatus, int declaredOdometerKm, Integer registryOdometerKm,
                                               LocalDate firstRegistrationDate, LocalDate exportDate, boolean deregistered,
                                               int maxKm, int maxDays) {
        Integer km = registryOdometerKm != null ? registryOdometerKm : declaredOdometerKm;
        String source = registryOdometerKm != null ? "REGISTRY" : "DECLARED";
        Integer days = firstRegistrationDate == null ? null
                : (int) ChronoUnit.DAYS.between(firstRegistrationDate, exportDate);
        Boolean kmWithin = km <= maxKm;
        Boolean daysWithin = days == null ? null : days <= maxDays;
        if ("NEW".equals(declaredStatus)) {
            return new ZeroMileageAssessment(declaredStatus, declaredOdometerKm, registryOdometerKm, km, source,
                    firstRegistrationDate, exportDate, days, deregistered, maxKm, maxDays, kmWithin, daysWithin,
                    "NEW", false, "declared-new");
        }
        if (days == null) {
            return new ZeroMileageAssessment(declaredStatus, declaredOdometerKm, registryOdometerKm, km, source,
                    null, exportDate, null, deregistered, maxKm, maxDays, kmWithin, null,
                    "UNKNOWN", false, "no-registration");
        }
        boolean zero = kmWithin && daysWithin;
        String decidedBy;
        if (zero) {
            decidedBy = "max-km+max-days";
        } else if (!kmWithin && !daysWithin) {
            decidedBy = "max-km+max-days";
        } else {
            decidedBy = !kmWithin ? "max-km" : "max-days";
        }
        return new ZeroMileageAssessment(declaredStatus, declaredOdometerKm, registryOdometerKm, km, source,
                firstRegistrationDate, exportDate, days, deregistered, maxKm, maxDays, kmWithin, daysWithin,
                zero ? "ZERO_MILEAGE" : "USED", zero, decidedBy);
    }
}
