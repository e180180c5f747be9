package io.zmx.export.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Is this "used" car a zero-mileage car? Mileage alone decides: declared used and an odometer (the higher of the
 * declared reading and the registry's latest) at or under {@code maxKm}. Time since first registration is a
 * separate signal: {@code daysSinceFirstRegistration} counts to the export-licence application date (registration
 * day = day 0, as the 180-day guideline counts), and {@code waitingOutRule} flags exports bunched just after the
 * 180 days (window {@code waitingOutFrom}..{@code waitingOutTo}). Every input and threshold is recorded, and
 * {@code decidedBy} names what settled the verdict, so a reviewer can redo the reasoning.
 */
@Schema(name = "ZeroMileageAssessment", description = "The zero-mileage assessment with every input and threshold")
@RegisterForReflection
public record ZeroMileageAssessment(
        @Schema(description = "USED or NEW, as the exporter declared") String declaredStatus,
        int declaredOdometerKm,
        @Schema(description = "latest odometer reading in the registry (rollbacks ignored), if any", nullable = true) Integer registryOdometerKm,
        @Schema(description = "odometer used for the verdict: the higher of the declared and the registry's latest reading", nullable = true)
        Integer odometerKm,
        @Schema(description = "REGISTRY or DECLARED: whose reading odometerKm is") String odometerSource,
        @Schema(description = "zero-mileage threshold (zmx.assessment.max-km)") int maxKm,
        @Schema(nullable = true) Boolean odometerWithinThreshold,
        LocalDate firstRegistrationDate,
        @Schema(description = "export-licence application date: the Asia/Shanghai day the filing was submitted")
        LocalDate applicationDate,
        @Schema(description = "export date screened against (planned, or actual at ship)") LocalDate exportDate,
        @Schema(description = "days from first registration to the application date (registration day = day 0)", nullable = true)
        Integer daysSinceFirstRegistration,
        @Schema(description = "days from first registration to the export date", nullable = true) Integer daysRegisteredBeforeExport,
        @Schema(description = "first day of the waiting-out window (zmx.assessment.waiting-out-from)") int waitingOutFrom,
        @Schema(description = "last day of the waiting-out window (zmx.assessment.waiting-out-to)") int waitingOutTo,
        @Schema(description = "daysSinceFirstRegistration falls in the waiting-out window: exported just after the 180 days")
        boolean waitingOutRule,
        boolean deregistered,
        @Schema(description = "ZERO_MILEAGE, USED or NEW") String verdict,
        boolean zeroMileage,
        @Schema(description = "what decided the verdict: max-km or declared-new") String decidedBy) {

    /** The thresholds, from configuration. */
    public record Thresholds(int maxKm, int waitingOutFrom, int waitingOutTo) {}

    public static ZeroMileageAssessment assess(String declaredStatus, int declaredOdometerKm, Integer registryOdometerKm,
                                               LocalDate firstRegistrationDate, LocalDate applicationDate,
                                               LocalDate exportDate, boolean deregistered, Thresholds t) {
        boolean registryHigher = registryOdometerKm != null && registryOdometerKm > declaredOdometerKm;
        int km = registryHigher ? registryOdometerKm : declaredOdometerKm;
        String source = registryHigher || (registryOdometerKm != null && registryOdometerKm == declaredOdometerKm)
                ? "REGISTRY" : "DECLARED";
        Integer sinceRegistration = days(firstRegistrationDate, applicationDate);
        Integer beforeExport = days(firstRegistrationDate, exportDate);
        boolean waiting = sinceRegistration != null && sinceRegistration >= t.waitingOutFrom()
                && sinceRegistration <= t.waitingOutTo();
        boolean kmWithin = km <= t.maxKm();
        boolean declaredNew = "NEW".equals(declaredStatus);
        boolean zero = !declaredNew && kmWithin;
        return new ZeroMileageAssessment(declaredStatus, declaredOdometerKm, registryOdometerKm, km, source, t.maxKm(),
                kmWithin, firstRegistrationDate, applicationDate, exportDate, sinceRegistration, beforeExport,
                t.waitingOutFrom(), t.waitingOutTo(), waiting, deregistered,
                declaredNew ? "NEW" : zero ? "ZERO_MILEAGE" : "USED", zero, declaredNew ? "declared-new" : "max-km");
    }

    private static Integer days(LocalDate from, LocalDate to) {
        return from == null || to == null ? null : (int) ChronoUnit.DAYS.between(from, to);
    }
}
