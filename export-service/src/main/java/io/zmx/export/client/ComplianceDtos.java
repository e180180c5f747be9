package io.zmx.export.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The evaluation request export-service sends to compliance-service and the parts of the answer it reads.
 * {@code ComplianceContractTest} checks both against compliance-service's committed contract.
 */
public final class ComplianceDtos {

    private ComplianceDtos() {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EvaluationRequest(String reference, String origin, String destination, LocalDate asOf,
                                    EvaluatedVehicle vehicle, EvaluatedFiling filing, EvaluatedAssessment assessment) {}

    public record EvaluatedVehicle(String vin, String manufacturer, String make, String model, Integer modelYear,
                                   String fuelType, Integer engineCc, Integer powerKw, String driveSide,
                                   String emissionStandard, LocalDate productionDate, String plantCountry,
                                   LocalDate firstRegistrationDate, boolean deregistered,
                                   List<RegistryDtos.Registration> registrations,
                                   List<RegistryDtos.OdometerReading> odometerReadings, List<String> titleBrands) {}

    public record EvaluatedFiling(String destination, String declaredStatus, int declaredOdometerKm,
                                  RegistryDtos.Money declaredValue, String hsCode, String consignee,
                                  boolean consigneeOfficialRepresentative, AfterSalesConfirmation afterSalesConfirmation,
                                  ExportLicence exportLicence, String exporterCreditCode, LocalDate plannedExportDate,
                                  String portOfExit) {}

    /** The filing records only the confirmation's reference; compliance's schema has room for more. */
    public record AfterSalesConfirmation(String reference) {
        static AfterSalesConfirmation of(String reference) {
            return reference == null ? null : new AfterSalesConfirmation(reference);
        }
    }

    public record ExportLicence(String number) {
        static ExportLicence of(String number) {
            return number == null ? null : new ExportLicence(number);
        }
    }

    public static EvaluatedFiling filing(String destination, String declaredStatus, int declaredOdometerKm,
                                         RegistryDtos.Money declaredValue, String hsCode, String consignee,
                                         boolean consigneeOfficialRepresentative, String afterSalesConfirmation,
                                         String exportLicence, String exporterCreditCode, LocalDate plannedExportDate,
                                         String portOfExit) {
        return new EvaluatedFiling(destination, declaredStatus, declaredOdometerKm, declaredValue, hsCode, consignee,
                consigneeOfficialRepresentative, AfterSalesConfirmation.of(afterSalesConfirmation),
                ExportLicence.of(exportLicence), exporterCreditCode, plannedExportDate, portOfExit);
    }

    public record EvaluatedAssessment(boolean zeroMileage, Integer odometerKm, Integer daysRegisteredBeforeExport,
                                      String verdict) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LegalReference(String title, String url) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleHit(String ruleCode, String jurisdiction, Integer version, String severity, String title,
                          String message, List<LegalReference> legalReferences) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleSetRef(String jurisdiction, Integer version) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evaluation(String id, String outcome, String lane, List<RuleHit> hits, List<RuleSetRef> ruleSets,
                             LocalDate asOf, Instant evaluatedAt) {}
}
