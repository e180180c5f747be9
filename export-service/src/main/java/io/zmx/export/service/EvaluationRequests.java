package io.zmx.export.service;

import io.zmx.export.client.ComplianceDtos;
import io.zmx.export.client.RegistryDtos;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.ZeroMileageAssessment;
import java.time.LocalDate;
import java.util.stream.Collectors;

/** What compliance-service is asked to evaluate: the filing, the registry snapshot and the assessment. */
final class EvaluationRequests {

    private EvaluationRequests() {}

    static ComplianceDtos.EvaluatedVehicle vehicle(Filing f, RegistryDtos.VehicleHistory h, LocalDate firstRegistration,
                                                   boolean deregistered) {
        RegistryDtos.Vehicle v = h.vehicle();
        return new ComplianceDtos.EvaluatedVehicle(f.vin, true, v.manufacturer(), v.make(), v.model(), v.modelYear(),
                v.fuelType(), v.engineCc(), v.powerKw(), v.driveSide(), v.emissionStandard(), v.productionDate(),
                v.plantCountry(), firstRegistration, v.transferForExportDate(), deregistered, h.registrations(),
                h.odometerReadings(), h.titleBrands().stream().map(RegistryDtos.TitleBrand::brand).collect(Collectors.toList()));
    }

    static ComplianceDtos.EvaluationRequest request(Filing f, ComplianceDtos.EvaluatedVehicle vehicle,
                                                    LocalDate applicationDate, LocalDate asOf, String negativeMeasure,
                                                    ZeroMileageAssessment a) {
        ComplianceDtos.EvaluatedFiling filing = new ComplianceDtos.EvaluatedFiling(f.destination, f.declaredStatus,
                f.declaredOdometerKm, new RegistryDtos.Money(f.declaredValue, f.declaredCurrency), f.hsCode, f.consignee,
                f.consigneeType, f.consigneeRegistrationNumber,
                ComplianceDtos.AfterSalesConfirmation.of(f.afterSalesConfirmation),
                ComplianceDtos.ExportLicence.of(f.exportLicence),
                ComplianceDtos.LicenceApplication.of(f.licenceApplication),
                ComplianceDtos.ConformityCertificate.of(f.conformityCertificate),
                ComplianceDtos.SasoCertificate.of(f.sasoCertificate),
                // absent (not '') when the exporter is not listed: compliance reads an absent measure as ''
                f.exporterCreditCode, negativeMeasure.isEmpty() ? null : negativeMeasure, f.plannedExportDate,
                applicationDate, asOf, f.portOfExit);
        return new ComplianceDtos.EvaluationRequest(f.number, "CN", f.destination, asOf, vehicle, filing,
                new ComplianceDtos.EvaluatedAssessment(a.zeroMileage(), a.odometerKm(), a.daysRegisteredBeforeExport(),
                        a.daysSinceFirstRegistration(), a.waitingOutRule(), a.verdict()));
    }
}
