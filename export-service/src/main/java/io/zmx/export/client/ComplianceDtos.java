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
                                  boolean consigneeOfficialRepresentative, String afterSalesConfirmation,
                                  String exportLicence, String exporterCreditCode, LocalDate plannedExportDate,
                                  String portOfExit) {}

    public record EvaluatedAssessment(boolean zeroMileage, Integer odometerKm, Integer daysRegisteredBeforeExport,
                                      String verdict) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LegalReference(String title, String url) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleHit(String ruleCode, String jurisdiction, String version, String severity, String title,
                          String message, List<LegalReference> legalReferences) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleSetRef(String jurisdiction, String version) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evaluation(String id, String outcome, String lane, List<RuleHit> hits, List<RuleSetRef> ruleSets,
                             LocalDate asOf, Instant evaluatedAt) {}
}
