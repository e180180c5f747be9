package io.zmx.export.service;

import io.zmx.export.ExportConfig;
import io.zmx.export.client.ComplianceDtos;
import io.zmx.export.client.RegistryDtos;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.Finding;
import io.zmx.export.domain.Lane;
import io.zmx.export.domain.NegativeListEntry;
import io.zmx.export.domain.RandomInspection;
import io.zmx.export.domain.ZeroMileageAssessment;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The screening rules export-service itself evaluates, on data already fetched (no I/O): the zero-mileage
 * assessment, the registry comparisons (identity, declared status, odometer, rollback, waiting-out window),
 * the exporter negative list, under-valuation, and the lane (compliance's, raised by HOLD findings and the
 * random draw).
 */
@ApplicationScoped
public class ScreeningRules {

    static final String UNKNOWN = "unknown";
    public static final String RANDOM_INSPECTION = "RANDOM_INSPECTION";

    private final ZeroMileageAssessment.Thresholds thresholds;
    private final int odometerToleranceKm;
    private final BigDecimal underValuationRatio;
    private final BigDecimal randomInspectionShare;

    public ScreeningRules(ExportConfig config) {
        ExportConfig.Assessment a = config.assessment();
        this.thresholds = new ZeroMileageAssessment.Thresholds(a.maxKm(), a.waitingOutFrom(), a.waitingOutTo());
        this.odometerToleranceKm = a.odometerToleranceKm();
        this.underValuationRatio = a.underValuationRatio();
        this.randomInspectionShare = config.export().randomInspectionShare();
    }

    /** A HOLD finding when the exporter is on the negative list; returns the measure for compliance ('' if none). */
    String negativeList(Filing f, Optional<NegativeListEntry> entry, List<Finding> findings) {
        entry.ifPresent(e -> findings.add(Finding.hold("EXPORTER_NEGATIVE_LIST", "Exporter " + f.exporterCreditCode
                + " is on the exporter negative list (" + e.measure + " since " + e.since
                + (e.until == null ? "" : " until " + e.until) + "): " + e.reason + " [" + e.source + "]")));
        return entry.map(e -> e.measure).orElse("");
    }

    /** The assessment of a vehicle the registry does not know, with the finding that sends it to an officer. */
    ZeroMileageAssessment unknownVehicle(Filing f, LocalDate applicationDate, LocalDate asOf, List<Finding> findings) {
        findings.add(0, Finding.hold("VEHICLE_NOT_IN_REGISTRY",
                "Vehicle unknown to the registry: VIN " + f.vin + " has no record; an officer must review the filing"));
        return ZeroMileageAssessment.assess(f.declaredStatus, f.declaredOdometerKm, null, null, applicationDate, asOf,
                false, thresholds);
    }

    /** What the registry snapshot says about the vehicle, read once. */
    record Snapshot(RegistryDtos.VehicleHistory history, LocalDate firstRegistration, boolean deregistered,
                    Optional<RegistryDtos.OdometerReading> latestReading) {

        static Snapshot of(RegistryDtos.VehicleHistory h) {
            RegistryDtos.Vehicle v = h.vehicle();
            Optional<RegistryDtos.OdometerReading> latest = h.odometerReadings().stream()
                    .filter(r -> r.km() != null && r.date() != null && !Boolean.TRUE.equals(r.rollback()))
                    .max(Comparator.comparing(RegistryDtos.OdometerReading::date).thenComparing(RegistryDtos.OdometerReading::km));
            LocalDate first = v.firstRegistrationDate() != null ? v.firstRegistrationDate()
                    : h.registrations().stream().map(RegistryDtos.Registration::date).filter(Objects::nonNull)
                            .min(Comparator.naturalOrder()).orElse(null);
            boolean deregistered = !h.deregistrations().isEmpty() || "DEREGISTERED".equals(v.status());
            return new Snapshot(h, first, deregistered, latest);
        }

        String maker() {
            RegistryDtos.Vehicle v = history.vehicle();
            return v.manufacturer() != null ? v.manufacturer() : v.make() != null ? v.make() : UNKNOWN;
        }

        String region() {
            return history.registrations().stream().filter(r -> r.region() != null && r.date() != null)
                    .max(Comparator.comparing(RegistryDtos.Registration::date)).map(RegistryDtos.Registration::region)
                    .orElse(UNKNOWN);
        }
    }

    /** The zero-mileage assessment and the registry comparisons of a known vehicle. */
    ZeroMileageAssessment registry(Filing f, Snapshot s, LocalDate applicationDate, LocalDate asOf, List<Finding> findings) {
        ZeroMileageAssessment a = ZeroMileageAssessment.assess(f.declaredStatus, f.declaredOdometerKm,
                s.latestReading().map(RegistryDtos.OdometerReading::km).orElse(null), s.firstRegistration(),
                applicationDate, asOf, s.deregistered(), thresholds);
        compareIdentity(f, s.history().vehicle(), findings);
        if ("USED".equals(f.declaredStatus) && s.firstRegistration() == null) {
            findings.add(Finding.hold("DECLARED_STATUS_MISMATCH", "Declared USED, but the registry has no registration"));
        } else if ("NEW".equals(f.declaredStatus) && s.firstRegistration() != null) {
            findings.add(Finding.hold("DECLARED_STATUS_MISMATCH",
                    "Declared NEW, but the registry shows a first registration on " + s.firstRegistration()));
        }
        s.latestReading().ifPresent(r -> {
            if (f.declaredOdometerKm + odometerToleranceKm < r.km()) {
                findings.add(Finding.hold("ODOMETER_MISMATCH", "Declared " + f.declaredOdometerKm + " km, but the registry "
                        + "recorded " + r.km() + " km on " + r.date() + " (" + r.source() + ")"));
            }
        });
        if (s.history().odometerReadings().stream().anyMatch(r -> Boolean.TRUE.equals(r.rollback()))) {
            findings.add(Finding.hold("ODOMETER_ROLLBACK", "The registry flags an odometer rollback for this vehicle"));
        }
        if (a.waitingOutRule()) {
            findings.add(Finding.info("WAITING_OUT_RULE", "Exported " + a.daysSinceFirstRegistration()
                    + " days after first registration (application date " + applicationDate + "), within the waiting-out window "
                    + a.waitingOutFrom() + "-" + a.waitingOutTo() + " days"));
        }
        return a;
    }

    private static void compareIdentity(Filing f, RegistryDtos.Vehicle v, List<Finding> findings) {
        List<String> diffs = new ArrayList<>();
        if (v.vin() != null && !v.vin().equalsIgnoreCase(f.vin)) diffs.add("VIN " + v.vin());
        if (f.declaredMake != null && v.make() != null && !f.declaredMake.equalsIgnoreCase(v.make())) {
            diffs.add("make '" + f.declaredMake + "' vs registry '" + v.make() + "'");
        }
        if (f.declaredModel != null && v.model() != null && !f.declaredModel.equalsIgnoreCase(v.model())) {
            diffs.add("model '" + f.declaredModel + "' vs registry '" + v.model() + "'");
        }
        if (f.declaredModelYear != null && v.modelYear() != null && !f.declaredModelYear.equals(v.modelYear())) {
            diffs.add("model year " + f.declaredModelYear + " vs registry " + v.modelYear());
        }
        if (!diffs.isEmpty()) {
            findings.add(Finding.hold("IDENTITY_MISMATCH", "Declared vehicle differs from the registry: " + String.join("; ", diffs)));
        }
    }

    /** No usable reference price: nothing to compare with (INFO). */
    void noReferencePrice(String what, List<Finding> findings) {
        findings.add(Finding.info("NO_REFERENCE_PRICE", what));
    }

    /** No exchange rate to compare the declared value with the reference price: a HOLD, never a silent skip. */
    void notCompared(Filing f, String missing, LocalDate applicationDate, RegistryDtos.Money price, List<Finding> findings) {
        findings.add(Finding.hold("UNDER_VALUATION_NOT_COMPARED", "Cannot compare: no exchange rate for " + missing
                + " on " + applicationDate + " (declared value in " + f.declaredCurrency + ", reference price in "
                + price.currency() + ")"));
    }

    /** The declared value (converted at {@code conversion}) as a share of the reference price; a HOLD below the ratio. */
    BigDecimal underValuation(Filing f, RegistryDtos.Money price, ExchangeRateService.Conversion conversion,
                              List<Finding> findings) {
        BigDecimal declared = f.declaredValue.multiply(conversion.factor());
        BigDecimal ratio = declared.divide(price.amount(), 4, RoundingMode.HALF_UP);
        if (ratio.compareTo(underValuationRatio) < 0) {
            String converted = f.declaredCurrency.equals(price.currency()) ? ""
                    : " (= " + declared.setScale(2, RoundingMode.HALF_UP) + " " + price.currency() + " at "
                    + conversion.basis() + ")";
            findings.add(Finding.hold("UNDER_VALUATION", "Declared " + f.declaredValue + " " + f.declaredCurrency + converted
                    + " is " + ratio + " of the reference price " + price.amount() + " " + price.currency()
                    + " (threshold " + underValuationRatio + ")"));
        }
        return ratio;
    }

    /** The lane: compliance's, raised to YELLOW by any HOLD finding, and by the random draw when it would be GREEN. */
    Verdict verdict(Filing f, LocalDate asOf, ZeroMileageAssessment a, List<Finding> findings,
                    ComplianceDtos.Evaluation evaluation, String maker, String region, BigDecimal ratio) {
        Lane lane = Lane.valueOf(evaluation.lane());
        if (findings.stream().anyMatch(x -> "HOLD".equals(x.severity()))) {
            lane = lane.worst(Lane.YELLOW);
        }
        boolean random = false;
        if (lane == Lane.GREEN) {
            RandomInspection.Draw draw = RandomInspection.draw(f.id, randomInspectionShare);
            if (draw.selected()) {
                random = true;
                lane = Lane.YELLOW;
                findings.add(Finding.hold(RANDOM_INSPECTION, "Selected for random inspection ("
                        + randomInspectionShare.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString()
                        + "% of GREEN filings): " + draw.explanation()));
            }
        }
        return new Verdict(asOf, a, findings, evaluation, lane, maker, region, ratio, random);
    }
}
