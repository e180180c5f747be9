package io.zmx.export.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The evaluation request export-service sends to compliance-service and the parts of the answer it reads.
 * {@code ProviderContractsTest} checks both against compliance-service's committed contract.
 * Every filing field a rule reads is sent (issue 9): consignee type and registration number, the whole
 * after-sales confirmation, the licence application, conformity and SASO certificates, the application and
 * export dates, the exporter's negative-list measure. {@code consigneeOfficialRepresentative} is not sent:
 * compliance-service decides it from its own list.
 */
public final class ComplianceDtos {

    private ComplianceDtos() {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EvaluationRequest(String reference, String origin, String destination, LocalDate asOf,
                                    EvaluatedVehicle vehicle, EvaluatedFiling filing, EvaluatedAssessment assessment) {}

    /** The registry snapshot; for a VIN the registry does not know, only {@code vin} and {@code known=false}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvaluatedVehicle(String vin, Boolean known, String manufacturer, String make, String model,
                                   Integer modelYear, String fuelType, Integer engineCc, Integer powerKw, String driveSide,
                                   String emissionStandard, LocalDate productionDate, String plantCountry,
                                   LocalDate firstRegistrationDate, LocalDate transferForExportDate, Boolean deregistered,
                                   List<RegistryDtos.Registration> registrations,
                                   List<RegistryDtos.OdometerReading> odometerReadings, List<String> titleBrands) {

        public static EvaluatedVehicle unknown(String vin) {
            return new EvaluatedVehicle(vin, false, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvaluatedFiling(String destination, String declaredStatus, int declaredOdometerKm,
                                  RegistryDtos.Money declaredValue, String hsCode, String consignee, String consigneeType,
                                  String consigneeRegistrationNumber, AfterSalesConfirmation afterSalesConfirmation,
                                  ExportLicence exportLicence, LicenceApplication licenceApplication,
                                  ConformityCertificate conformityCertificate, SasoCertificate sasoCertificate,
                                  String exporterCreditCode, String exporterNegativeListMeasure,
                                  LocalDate plannedExportDate, LocalDate applicationDate, LocalDate exportDate,
                                  String portOfExit) {}

    /** {@code vin} is the first of {@code vins} (compliance keeps it for rule versions written before vins existed). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AfterSalesConfirmation(String reference, String manufacturer, String vin, List<String> vins,
                                         String destination, List<String> serviceOutlets, LocalDate issuedOn) {

        public static AfterSalesConfirmation of(io.zmx.export.domain.AfterSalesConfirmation c) {
            if (c == null) return null;
            List<String> vins = c.vins() == null ? List.of() : c.vins();
            return new AfterSalesConfirmation(c.reference(), c.manufacturer(), vins.isEmpty() ? null : vins.get(0), vins,
                    c.destination(), c.serviceOutlets(), c.issuedOn());
        }
    }

    public record ExportLicence(String number) {
        public static ExportLicence of(String number) {
            return number == null ? null : new ExportLicence(number);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LicenceApplication(String brand, String model, LocalDate firstRegistrationDate,
                                     LocalDate transferForExportDate) {
        public static LicenceApplication of(io.zmx.export.domain.LicenceApplication a) {
            return a == null ? null : new LicenceApplication(a.brand(), a.model(), a.firstRegistrationDate(),
                    a.transferForExportDate());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConformityCertificate(String number, String holder, LocalDate issuedOn) {
        public static ConformityCertificate of(io.zmx.export.domain.ConformityCertificate c) {
            return c == null ? null : new ConformityCertificate(c.number(), c.holder(), c.issuedOn());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SasoCertificate(String number, LocalDate issuedOn) {
        public static SasoCertificate of(io.zmx.export.domain.SasoCertificate c) {
            return c == null ? null : new SasoCertificate(c.number(), c.issuedOn());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvaluatedAssessment(boolean zeroMileage, Integer odometerKm, Integer daysRegisteredBeforeExport,
                                      Integer daysSinceFirstRegistration, boolean waitingOutRule, String verdict) {}

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
