package io.zmx.compliance.bench;

import io.zmx.compliance.engine.EvaluationRequest;
import io.zmx.compliance.engine.Severity;
import io.zmx.compliance.engine.RuleDefinition;
import io.zmx.compliance.engine.RuleHit;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The baseline: the seeded CN and KZ rules written by hand in Java, with the same semantics as their
 * CEL expressions (including the rules' effective windows and the HOLD on an unknown age), producing
 * the same hits with the same texts. What a release-per-rule-change implementation would run.
 */
final class HandWrittenRules {

    private final Map<String, RuleDefinition> defs;

    HandWrittenRules(Map<String, RuleDefinition> definitionsByCode) {
        this.defs = definitionsByCode;
    }

    List<RuleHit> evaluate(EvaluationRequest r) {
        LocalDate asOf = r.asOf();
        EvaluationRequest.Vehicle v = r.vehicle();
        EvaluationRequest.Filing f = r.filing();
        EvaluationRequest.Assessment a = r.assessment();
        List<RuleHit> hits = new ArrayList<>();
        boolean used = "USED".equals(f.declaredStatus());

        if (used && v.firstRegistrationDate() == null && (v.registrations() == null || v.registrations().isEmpty())) {
            hit(hits, "CN", "CN-USED-NOT-REGISTERED", asOf);
        }
        if (used && f.exportLicence() == null) {
            hit(hits, "CN", "CN-EXPORT-LICENCE", asOf);
        }
        if (v.firstRegistrationDate() != null && ChronoUnit.DAYS.between(v.firstRegistrationDate(), asOf) <= 180
                && (f.afterSalesConfirmation() == null
                        || !Objects.equals(nz(f.afterSalesConfirmation().destination()), nz(f.destination())))) {
            hit(hits, "CN", "CN-180-DAY", asOf);
        }
        if (f.declaredOdometerKm() != null && v.odometerReadings() != null) {
            for (EvaluationRequest.OdometerReading o : v.odometerReadings()) {
                if (!Boolean.TRUE.equals(o.rollback()) && o.km() != null && o.km() > f.declaredOdometerKm()) {
                    hit(hits, "CN", "CN-DECLARED-ODOMETER", asOf);
                    break;
                }
            }
        }
        if (("BEV".equals(v.fuelType()) || "8703801090".equals(f.hsCode())) && f.exportLicence() == null) {
            hit(hits, "CN", "CN-BEV-LICENCE", asOf);
        }
        if (used && (Boolean.TRUE.equals(a.zeroMileage()) || "ZERO_MILEAGE".equals(a.verdict()))) {
            hit(hits, "CN", "CN-ZERO-MILEAGE", asOf);
        }
        if (!Boolean.TRUE.equals(v.deregistered())) {
            hit(hits, "CN", "CN-DEREGISTER-AFTER-EXPORT", asOf);
        }
        if ("RHD".equals(v.driveSide())) {
            hit(hits, "KZ", "KZ-RHD", asOf);
        }
        Long age = ageYears(v, asOf);
        if (age == null) {
            hold(hits, "KZ", "KZ-REGISTRATION-FEE-AGE", asOf);
        } else if (age >= 2) {
            hit(hits, "KZ", "KZ-REGISTRATION-FEE-AGE", asOf);
        }
        hits.sort(Comparator.comparing(RuleHit::severity));
        return hits;
    }

    private void hit(List<RuleHit> hits, String jurisdiction, String code, LocalDate asOf) {
        RuleDefinition d = defs.get(code);
        if (d.inForceOn(asOf)) {
            hits.add(new RuleHit(code, jurisdiction, 1, d.severity(), d.title(), d.message(), d.legalReferences()));
        }
    }

    private void hold(List<RuleHit> hits, String jurisdiction, String code, LocalDate asOf) {
        RuleDefinition d = defs.get(code);
        if (d.inForceOn(asOf)) {
            hits.add(new RuleHit(code, jurisdiction, 1, Severity.HOLD, d.title(), "Rule could not be evaluated; " + d.message(),
                    d.legalReferences()));
        }
    }

    private static Long ageYears(EvaluationRequest.Vehicle v, LocalDate asOf) {
        if (v.productionDate() != null) {
            return ChronoUnit.YEARS.between(v.productionDate(), asOf);
        }
        return v.modelYear() == null ? null : ChronoUnit.YEARS.between(LocalDate.of(v.modelYear(), 1, 1), asOf);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
