package io.zmx.compliance.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What export-service sends to be judged. Everything under {@code vehicle}, {@code filing} and
 * {@code assessment} is visible to rule expressions under the same names (see the README's
 * "Evaluation context"). The vehicle part is the registry's snapshot and tolerates fields this
 * service does not know yet, so the registry can grow without breaking evaluations.
 */
@Schema(name = "EvaluationRequest", description = "A filing, the vehicle snapshot and the zero-mileage assessment to judge "
        + "against the rules in force on asOf. In rule expressions these are the variables vehicle, filing, assessment "
        + "and asOf (a timestamp at 00:00Z of the date).")
public record EvaluationRequest(
        @Schema(description = "Caller's reference, e.g. the filing id", examples = "FIL-2026-000123") @Size(max = 200) String reference,
        @Schema(description = "Origin country (ISO 3166-1 alpha-2); its ORIGIN rule set applies", examples = "CN")
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String origin,
        @Schema(description = "Destination country; its DESTINATION set and every GROUP set it belongs to apply", examples = "KZ")
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String destination,
        @Schema(description = "Date whose rules apply (normally the planned export date); asOf in expressions", examples = "2026-03-01")
        @NotNull LocalDate asOf,
        @NotNull @Valid Vehicle vehicle,
        @NotNull @Valid Filing filing,
        @NotNull @Valid Assessment assessment) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "EvaluationVehicle", description = "The registry's snapshot of the vehicle (variable vehicle, CEL type zmx.Vehicle)")
    public record Vehicle(
            @Schema(examples = "LGXCE4CB0R0123456") @Size(max = 17) String vin,
            @Schema(description = "false when the registry does not know the VIN (then only vin is sent); absent means true. "
                    + "Rules that read vehicle are then reported as not evaluable (HOLD)") Boolean known,
            @Size(max = 200) String manufacturer,
            @Size(max = 100) String make,
            @Size(max = 100) String model,
            @Schema(examples = "2025") @Min(1950) @Max(2100) Integer modelYear,
            @Schema(enumeration = {"PETROL", "DIESEL", "HEV", "PHEV", "EREV", "BEV", "FCEV", "CNG", "LPG"})
            @Pattern(regexp = "PETROL|DIESEL|HEV|PHEV|EREV|BEV|FCEV|CNG|LPG") String fuelType,
            @PositiveOrZero Integer engineCc,
            @Schema(examples = "110.0") @PositiveOrZero Double powerKw,
            @Schema(enumeration = {"LHD", "RHD"}) @Pattern(regexp = "LHD|RHD") String driveSide,
            @Schema(description = "Emission class as registered, e.g. CN6b, EURO5", examples = "CN6b") @Size(max = 20) String emissionStandard,
            LocalDate productionDate,
            @Pattern(regexp = "[A-Z]{2}") String plantCountry,
            LocalDate firstRegistrationDate,
            @Schema(description = "Date of the latest transfer-for-export registration, absent when none") LocalDate transferForExportDate,
            @Schema(description = "Domestic registration cancelled") Boolean deregistered,
            @Schema(description = "Registry status (ACTIVE, REGISTERED, DEREGISTERED)") @Size(max = 20) String status,
            @Valid @Size(max = 500) List<Registration> registrations,
            @Valid @Size(max = 2000) List<OdometerReading> odometerReadings,
            @Schema(description = "Title brands, e.g. SALVAGE, FLOOD, FIRE, REBUILT") @Size(max = 50) List<String> titleBrands) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "EvaluationRegistration", description = "CEL type zmx.Registration")
    public record Registration(String id, LocalDate date, @Size(max = 10) String region, @Size(max = 100) String city,
            @Size(max = 20) String plate, @Schema(enumeration = {"PERSON", "COMPANY", "DEALER"}) @Size(max = 20) String ownerType,
            @Size(max = 100) String ownerId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "EvaluationOdometerReading", description = "CEL type zmx.OdometerReading")
    public record OdometerReading(String id, LocalDate date, @PositiveOrZero Integer km,
            @Schema(enumeration = {"REGISTRATION", "INSPECTION", "SERVICE", "EXPORT_INSPECTION", "OWNER"}) @Size(max = 30) String source,
            Boolean correction, @Size(max = 500) String reason, Boolean rollback) {
    }

    @Schema(name = "EvaluationFiling", description = "The export filing (variable filing, CEL type zmx.Filing)")
    public record Filing(
            @Schema(description = "Must equal the request's destination when given", examples = "KZ")
            @Pattern(regexp = "[A-Z]{2}") String destination,
            @Schema(enumeration = {"USED", "NEW"}) @Pattern(regexp = "USED|NEW") String declaredStatus,
            @PositiveOrZero Integer declaredOdometerKm,
            @Valid Money declaredValue,
            @Schema(examples = "8703801090") @Pattern(regexp = "[0-9]{4,10}") String hsCode,
            @Size(max = 300) String consignee,
            @Schema(description = "Ignored on input: compliance-service decides it from its official-representative list "
                    + "(destination + vehicle.make + consignee registration number or name, valid on asOf); the stored input "
                    + "carries the value it decided") Boolean consigneeOfficialRepresentative,
            @Schema(description = "PERSON (personal import), COMPANY or OFFICIAL_REPRESENTATIVE (as declared; only the list makes "
                    + "a consignee an official representative); absent means a company for rules that ask",
                    enumeration = {"PERSON", "COMPANY", "OFFICIAL_REPRESENTATIVE"})
            @Pattern(regexp = "PERSON|COMPANY|OFFICIAL_REPRESENTATIVE") String consigneeType,
            @Schema(description = "Consignee's registration number in the destination, e.g. a KZ BIN") @Size(max = 50)
            String consigneeRegistrationNumber,
            @Valid AfterSalesConfirmation afterSalesConfirmation,
            @Valid ExportLicence exportLicence,
            @Valid ConformityCertificate conformityCertificate,
            @Valid LicenceApplication licenceApplication,
            @Valid SasoCertificate sasoCertificate,
            @Schema(description = "The exporter's measure on customs' negative list, when listed",
                    enumeration = {"HOLD", "REFUSE"}) @Pattern(regexp = "HOLD|REFUSE") String exporterNegativeListMeasure,
            @Schema(description = "Exporter's unified social credit code") @Pattern(regexp = "[0-9A-Z]{18}") String exporterCreditCode,
            LocalDate plannedExportDate,
            @Schema(description = "Export-licence application date: the day the filing was submitted (Asia/Shanghai)")
            LocalDate applicationDate,
            @Schema(description = "The export date screened against; asOf when absent") LocalDate exportDate,
            @Size(max = 100) String portOfExit) {

        /** The same filing with compliance's own decision on the official representative. */
        public Filing withOfficialRepresentative(boolean official) {
            return new Filing(destination, declaredStatus, declaredOdometerKm, declaredValue, hsCode, consignee, official,
                    consigneeType, consigneeRegistrationNumber, afterSalesConfirmation, exportLicence, conformityCertificate,
                    licenceApplication, sasoCertificate, exporterNegativeListMeasure, exporterCreditCode, plannedExportDate,
                    applicationDate, exportDate, portOfExit);
        }
    }

    /** This request with the filing replaced (compliance-decided fields). */
    public EvaluationRequest withFiling(Filing f) {
        return new EvaluationRequest(reference, origin, destination, asOf, vehicle, f, assessment);
    }

    @Schema(name = "Money")
    public record Money(@NotNull BigDecimal amount, @NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {
    }

    /** Manufacturer-sealed after-sales service confirmation (CN 180-day rule). A bare string is read as its reference. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "AfterSalesConfirmation", description = "CEL type zmx.AfterSalesConfirmation; a bare string is accepted as its reference")
    public record AfterSalesConfirmation(@Size(max = 200) String reference, @Size(max = 200) String manufacturer,
            @Schema(description = "Country the confirmation names", examples = "KZ") @Size(max = 2) String destination,
            @Schema(description = "Deprecated: the first of vins") @Size(max = 17) String vin,
            @Schema(description = "Every VIN the confirmation covers") @Size(max = 1000) List<@Size(max = 17) String> vins,
            LocalDate issuedOn, @Size(max = 100) List<String> serviceOutlets) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static AfterSalesConfirmation ofReference(String reference) {
            return new AfterSalesConfirmation(reference, null, null, null, null, null, null);
        }

        /** vins, or the single deprecated vin when only that was sent. */
        public List<String> allVins() {
            if (vins != null && !vins.isEmpty()) {
                return vins;
            }
            return vin == null || vin.isBlank() ? List.of() : List.of(vin);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "LicenceApplication", description = "The export-licence application's declared data (CEL type zmx.LicenceApplication)")
    public record LicenceApplication(@Size(max = 100) String brand, @Size(max = 100) String model, LocalDate firstRegistrationDate,
            LocalDate transferForExportDate) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "SasoCertificate", description = "Saudi SASO certificate (CEL type zmx.SasoCertificate)")
    public record SasoCertificate(@Size(max = 100) String number, LocalDate issuedOn) {
    }

    /** China's export licence for this vehicle. A bare string is read as the licence number. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "ExportLicence", description = "CEL type zmx.ExportLicence; a bare string is accepted as its number")
    public record ExportLicence(@Size(max = 100) String number, LocalDate issuedOn, LocalDate validUntil,
            @Size(max = 18) String holderCreditCode) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ExportLicence ofNumber(String number) {
            return new ExportLicence(number, null, null, null);
        }
    }

    @Schema(name = "ConformityCertificate", description = "Destination conformity certificate (CEL type zmx.ConformityCertificate)")
    public record ConformityCertificate(@Size(max = 100) String number, @Size(max = 300) String holder, LocalDate issuedOn) {
    }

    @Schema(name = "EvaluationAssessment", description = "export-service's zero-mileage assessment (variable assessment, CEL type zmx.Assessment)")
    public record Assessment(
            Boolean zeroMileage,
            @PositiveOrZero Integer odometerKm,
            Integer daysRegisteredBeforeExport,
            @Schema(description = "Days from first registration to filing.applicationDate (registration day = day 0)")
            Integer daysSinceFirstRegistration,
            @Schema(description = "Exported just after day 180, inside export-service's configured window") Boolean waitingOutRule,
            @Schema(enumeration = {"ZERO_MILEAGE", "USED", "NEW", "UNKNOWN"}) @Pattern(regexp = "ZERO_MILEAGE|USED|NEW|UNKNOWN") String verdict) {
    }
}
