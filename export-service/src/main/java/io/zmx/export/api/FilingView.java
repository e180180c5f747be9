package io.zmx.export.api;

import io.zmx.export.domain.Money;
import io.zmx.export.domain.DeclaredVehicle;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.export.client.ComplianceDtos;
import io.zmx.export.domain.AfterSalesConfirmation;
import io.zmx.export.domain.ConformityCertificate;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.LicenceApplication;
import io.zmx.export.domain.SasoCertificate;
import io.zmx.export.service.Verdicts;
import io.zmx.export.domain.Finding;
import io.zmx.export.domain.ZeroMileageAssessment;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Filing", description = "An export filing with its status and, once screened, its verdict")
@RegisterForReflection
public record FilingView(
        @Schema(required = true) UUID id,
        @Schema(description = "readable filing number", examples = "ZMX-2026-000123", required = true) String number,
        @Schema(description = "DRAFT, SUBMITTED, SCREENED, CLEARED, HELD, REJECTED, SHIPPED, ARRIVED, ACCEPTED, REFUSED, WITHDRAWN", required = true) String status,
        @Schema(description = "optimistic-locking version; also sent as the ETag", required = true) long version,
        @Schema(required = true) String exporterCreditCode,
        @Schema(required = true) String vin,
        @Schema(required = true) String destination,
        @Schema(required = true) String consignee,
        @Schema(description = "PERSON, COMPANY or OFFICIAL_REPRESENTATIVE") String consigneeType,
        String consigneeRegistrationNumber,
        @Schema(required = true) String declaredStatus,
        @Schema(required = true) int declaredOdometerKm,
        @Schema(required = true) Money declaredValue,
        String hsCode,
        String portOfExit,
        LocalDate plannedExportDate,
        @Schema(description = "export-licence application date: the Asia/Shanghai day the filing was submitted (read-only)")
        LocalDate applicationDate,
        @Schema(description = "actual export date, recorded when customs ship it") LocalDate exportDate,
        AfterSalesConfirmation afterSalesConfirmation,
        String exportLicence,
        LicenceApplication licenceApplication,
        ConformityCertificate conformityCertificate,
        SasoCertificate sasoCertificate,
        DeclaredVehicle declaredVehicle,
        @Schema(description = "after shipping: the domestic registration's cancellation, once the deadline has passed")
        Deregistration deregistration,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt,
        Instant submittedAt,
        @Schema(description = "reason given with the latest status change") String statusReason,
        @Schema(description = "screener bookkeeping while the filing waits to be screened") ScreeningProgress screening,
        @Schema(description = "present once screened") Verdict verdict) {

    @Schema(name = "ScreeningProgress")
    @RegisterForReflection
    public record ScreeningProgress(int attempts, Instant nextAttemptAt, String lastError) {}

    @Schema(name = "DeregistrationDeadline", description = "The domestic registration must be cancelled by dueOn after export")
    @RegisterForReflection
    public record Deregistration(LocalDate dueOn, @Schema(description = "cancellation date the registry reported") LocalDate deregisteredOn,
                                 @Schema(description = "not cancelled by dueOn") boolean overdue, Instant checkedAt) {}

    @Schema(name = "Verdict")
    @RegisterForReflection
    public record Verdict(Instant screenedAt,
                          @Schema(description = "export date the verdict was screened against (asOf)") LocalDate asOf,
                          @Schema(description = "GREEN, YELLOW or RED") String lane, boolean zeroMileage,
                          @Schema(description = "a GREEN filing sent to YELLOW by the reproducible random draw (see the RANDOM_INSPECTION finding)")
                          boolean randomInspection,
                          String maker, @Schema(description = "ISO 3166-2 region of the vehicle's registration") String originRegion,
                          @Schema(description = "declared value / reference price, when comparable", nullable = true) BigDecimal underValuationRatio,
                          ZeroMileageAssessment assessment, List<Finding> findings,
                          @Schema(description = "compliance-service evaluation")
                          ComplianceDtos.Evaluation evaluation) {}

    public static FilingView of(Filing f, ObjectMapper json) {
        DeclaredVehicle dv = f.declaredMake == null && f.declaredModel == null && f.declaredModelYear == null ? null
                : new DeclaredVehicle(f.declaredMake, f.declaredModel, f.declaredModelYear);
        ScreeningProgress progress = f.status == io.zmx.export.domain.FilingStatus.SUBMITTED
                ? new ScreeningProgress(f.screenAttempts, f.nextScreenAt, f.lastScreenError) : null;
        Verdict verdict = f.screenedAt == null ? null : new Verdict(f.screenedAt, f.screenedAsOf,
                f.lane == null ? null : f.lane.name(), Boolean.TRUE.equals(f.zeroMileage), f.randomInspection, f.maker, f.originRegion, f.underValuationRatio,
                f.assessment, f.findings, Verdicts.storedEvaluation(json, f));
        Deregistration dereg = f.deregistrationDue == null ? null
                : new Deregistration(f.deregistrationDue, f.deregisteredOn, f.deregistrationOverdue, f.deregistrationCheckedAt);
        return new FilingView(f.id, f.number, f.status.name(), f.version, f.exporterCreditCode, f.vin, f.destination,
                f.consignee, f.consigneeType, f.consigneeRegistrationNumber, f.declaredStatus, f.declaredOdometerKm,
                new Money(f.declaredValue, f.declaredCurrency), f.hsCode, f.portOfExit, f.plannedExportDate,
                f.applicationDate, f.exportDate, f.afterSalesConfirmation, f.exportLicence,
                f.licenceApplication, f.conformityCertificate, f.sasoCertificate, dv, dereg, f.createdAt, f.updatedAt, f.submittedAt,
                f.statusReason, progress, verdict);
    }
}
