package io.zmx.export.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.export.client.ComplianceClient;
import io.zmx.export.client.ComplianceDtos;
import io.zmx.export.client.RegistryClient;
import io.zmx.export.client.RegistryDtos;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.FilingStatus;
import io.zmx.export.domain.Finding;
import io.zmx.export.domain.Lane;
import io.zmx.export.domain.Transition;
import io.zmx.export.domain.ZeroMileageAssessment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Screens one filing: the registry snapshot, the zero-mileage assessment, the registry comparisons
 * (identity, declared status, odometer, under-valuation), the compliance evaluation, and the lane.
 * {@link #prepare} makes the remote calls outside any transaction; {@link #apply} stores the verdict.
 */
@ApplicationScoped
public class ScreeningService {

    static final String UNKNOWN = "unknown";

    private final RegistryClient registry;
    private final ComplianceClient compliance;
    private final FilingLifecycle lifecycle;
    private final QuotaService quotas;
    private final EntityManager em;
    private final ObjectMapper json;
    private final int maxKm;
    private final int maxDays;
    private final int odometerToleranceKm;
    private final BigDecimal underValuationRatio;

    public ScreeningService(RegistryClient registry, ComplianceClient compliance, FilingLifecycle lifecycle,
                            QuotaService quotas, EntityManager em, ObjectMapper json,
                            @ConfigProperty(name = "zmx.assessment.max-km") int maxKm,
                            @ConfigProperty(name = "zmx.assessment.max-days") int maxDays,
                            @ConfigProperty(name = "zmx.assessment.odometer-tolerance-km") int odometerToleranceKm,
                            @ConfigProperty(name = "zmx.assessment.under-valuation-ratio") BigDecimal underValuationRatio) {
        this.registry = registry;
        this.compliance = compliance;
        this.lifecycle = lifecycle;
        this.quotas = quotas;
        this.em = em;
        this.json = json;
        this.maxKm = maxKm;
        this.maxDays = maxDays;
        this.odometerToleranceKm = odometerToleranceKm;
        this.underValuationRatio = underValuationRatio;
    }

    /** The screening result, before it is stored. */
    public record Verdict(ZeroMileageAssessment assessment, List<Finding> findings, ComplianceDtos.Evaluation evaluation,
                          Lane lane, String maker, String originRegion, BigDecimal underValuationRatio) {}

    /** Remote calls and pure computation; throws when a dependency fails, so the screener retries later. */
    public Verdict prepare(Filing f) {
        Optional<RegistryDtos.VehicleHistory> found = registry.history(f.vin);
        if (found.isEmpty() || found.get().vehicle() == null) {
            ZeroMileageAssessment a = ZeroMileageAssessment.assess(f.declaredStatus, f.declaredOdometerKm, null, null,
                    f.plannedExportDate, false, maxKm, maxDays);
            return new Verdict(a, List.of(Finding.hold("VEHICLE_NOT_IN_REGISTRY",
                    "VIN " + f.vin + " is not in the vehicle registry; an officer must review the filing")),
                    null, Lane.YELLOW, UNKNOWN, UNKNOWN, null);
        }
        RegistryDtos.VehicleHistory h = found.get();
        RegistryDtos.Vehicle v = h.vehicle();
        List<Finding> findings = new ArrayList<>();

        Optional<RegistryDtos.OdometerReading> latest = h.odometerReadings().stream()
                .filter(r -> r.km() != null && r.date() != null && !Boolean.TRUE.equals(r.rollback()))
                .max(Comparator.comparing(RegistryDtos.OdometerReading::date).thenComparing(RegistryDtos.OdometerReading::km));
        LocalDate firstRegistration = v.firstRegistrationDate() != null ? v.firstRegistrationDate()
                : h.registrations().stream().map(RegistryDtos.Registration::date).filter(Objects::nonNull)
                        .min(Comparator.naturalOrder()).orElse(null);
        boolean deregistered = !h.deregistrations().isEmpty() || "DEREGISTERED".equals(v.status());
        ZeroMileageAssessment a = ZeroMileageAssessment.assess(f.declaredStatus, f.declaredOdometerKm,
                latest.map(RegistryDtos.OdometerReading::km).orElse(null), firstRegistration, f.plannedExportDate,
                deregistered, maxKm, maxDays);

        compareIdentity(f, v, findings);
        if ("USED".equals(f.declaredStatus) && firstRegistration == null) {
            findings.add(Finding.hold("DECLARED_STATUS_MISMATCH", "Declared USED, but the registry has no registration"));
        } else if ("NEW".equals(f.declaredStatus) && firstRegistration != null) {
            findings.add(Finding.hold("DECLARED_STATUS_MISMATCH",
                    "Declared NEW, but the registry shows a first registration on " + firstRegistration));
        }
        latest.ifPresent(r -> {
            if (f.declaredOdometerKm + odometerToleranceKm < r.km()) {
                findings.add(Finding.hold("ODOMETER_MISMATCH", "Declared " + f.declaredOdometerKm + " km, but the registry "
                        + "recorded " + r.km() + " km on " + r.date() + " (" + r.source() + ")"));
            }
        });
        if (h.odometerReadings().stream().anyMatch(r -> Boolean.TRUE.equals(r.rollback()))) {
            findings.add(Finding.hold("ODOMETER_ROLLBACK", "The registry flags an odometer rollback for this vehicle"));
        }
        BigDecimal ratio = underValuation(f, v, findings);

        ComplianceDtos.Evaluation evaluation = compliance.evaluate(request(f, h, firstRegistration, deregistered, a));
        Lane lane = Lane.valueOf(evaluation.lane());
        if (findings.stream().anyMatch(x -> "HOLD".equals(x.severity()))) {
            lane = lane.worst(Lane.YELLOW);
        }
        String maker = v.manufacturer() != null ? v.manufacturer() : v.make() != null ? v.make() : UNKNOWN;
        String region = h.registrations().stream().filter(r -> r.region() != null && r.date() != null)
                .max(Comparator.comparing(RegistryDtos.Registration::date)).map(RegistryDtos.Registration::region)
                .orElse(UNKNOWN);
        return new Verdict(a, findings, evaluation, lane, maker, region, ratio);
    }

    private void compareIdentity(Filing f, RegistryDtos.Vehicle v, List<Finding> findings) {
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

    private BigDecimal underValuation(Filing f, RegistryDtos.Vehicle v, List<Finding> findings) {
        if (v.make() == null || v.model() == null) {
            findings.add(Finding.info("NO_REFERENCE_PRICE", "Registry has no make/model to look up a reference price"));
            return null;
        }
        Optional<RegistryDtos.ReferencePrice> ref = registry.referencePrice(v.make(), v.model(), v.modelYear(), f.plannedExportDate);
        if (ref.isEmpty()) {
            findings.add(Finding.info("NO_REFERENCE_PRICE", "No reference price for " + v.make() + " " + v.model() + " " + v.modelYear()));
            return null;
        }
        RegistryDtos.Money price = ref.get().price();
        if (!f.declaredCurrency.equals(price.currency()) || price.amount().signum() <= 0) {
            findings.add(Finding.info("NO_REFERENCE_PRICE", "Reference price is in " + price.currency()
                    + ", declared value in " + f.declaredCurrency + "; not compared"));
            return null;
        }
        BigDecimal ratio = f.declaredValue.divide(price.amount(), 4, RoundingMode.HALF_UP);
        if (ratio.compareTo(underValuationRatio) < 0) {
            findings.add(Finding.hold("UNDER_VALUATION", "Declared " + f.declaredValue + " " + f.declaredCurrency
                    + " is " + ratio + " of the reference price " + price.amount() + " (threshold " + underValuationRatio + ")"));
        }
        return ratio;
    }

    private static ComplianceDtos.EvaluationRequest request(Filing f, RegistryDtos.VehicleHistory h, LocalDate firstRegistration,
                                                            boolean deregistered, ZeroMileageAssessment a) {
        RegistryDtos.Vehicle v = h.vehicle();
        ComplianceDtos.EvaluatedVehicle vehicle = new ComplianceDtos.EvaluatedVehicle(f.vin, v.manufacturer(), v.make(),
                v.model(), v.modelYear(), v.fuelType(), v.engineCc(), v.powerKw(), v.driveSide(), v.emissionStandard(),
                v.productionDate(), v.plantCountry(), firstRegistration, deregistered, h.registrations(),
                h.odometerReadings(), h.titleBrands().stream().map(RegistryDtos.TitleBrand::brand).collect(Collectors.toList()));
        ComplianceDtos.EvaluatedFiling filing = ComplianceDtos.filing(f.destination, f.declaredStatus,
                f.declaredOdometerKm, new RegistryDtos.Money(f.declaredValue, f.declaredCurrency), f.hsCode, f.consignee,
                f.consigneeOfficialRepresentative, f.afterSalesConfirmation, f.exportLicence, f.exporterCreditCode,
                f.plannedExportDate, f.portOfExit);
        return new ComplianceDtos.EvaluationRequest(f.number, "CN", f.destination, f.plannedExportDate, vehicle, filing,
                new ComplianceDtos.EvaluatedAssessment(a.zeroMileage(), a.odometerKm(), a.daysRegisteredBeforeExport(), a.verdict()));
    }

    /**
     * Stores the verdict, exactly once: only if the filing is still SUBMITTED and still carries this
     * screener's claim (a withdrawn filing, or one re-claimed after the lease ran out, is left alone).
     * GREEN clears (taking a quota slot, or holds when the quota is exhausted), YELLOW holds, RED rejects.
     * Runs in the caller's transaction.
     */
    public boolean apply(UUID filingId, UUID claim, Verdict v) {
        Filing f = em.find(Filing.class, filingId, LockModeType.PESSIMISTIC_WRITE);
        if (f == null || f.status != FilingStatus.SUBMITTED || !claim.equals(f.screenClaim)) {
            return false;
        }
        f.screenedAt = Instant.now();
        f.lane = v.lane();
        f.zeroMileage = v.assessment().zeroMileage();
        f.maker = v.maker();
        f.originRegion = UNKNOWN.equals(v.originRegion()) ? null : v.originRegion();
        f.underValuationRatio = v.underValuationRatio();
        f.assessment = write(v.assessment());
        f.findings = write(v.findings());
        f.evaluation = v.evaluation() == null ? null : write(v.evaluation());
        f.screenClaim = null;
        f.nextScreenAt = null;
        f.lastScreenError = null;
        Caller system = Caller.SCREENER;
        lifecycle.apply(f, Transition.SCREEN, system, "system", "lane " + v.lane());
        switch (v.lane()) {
            case GREEN -> {
                Optional<String> exhausted = quotas.take(f);
                if (exhausted.isPresent()) {
                    lifecycle.apply(f, Transition.HOLD, system, "system", exhausted.get());
                } else {
                    lifecycle.apply(f, Transition.CLEAR, system, "system", null);
                }
            }
            case YELLOW -> lifecycle.apply(f, Transition.HOLD, system, "system", summary(v, "HOLD"));
            case RED -> lifecycle.apply(f, Transition.REJECT_ON_SCREENING, system, "system", summary(v, "BLOCK"));
        }
        em.createNativeQuery("""
                INSERT INTO zero_mileage_rollup AS r (month, destination, maker, origin_region, filings, zero_mileage)
                VALUES (:month, :dest, :maker, :region, 1, :zero)
                ON CONFLICT (month, destination, maker, origin_region)
                DO UPDATE SET filings = r.filings + 1, zero_mileage = r.zero_mileage + EXCLUDED.zero_mileage""")
                .setParameter("month", f.plannedExportDate.withDayOfMonth(1))
                .setParameter("dest", f.destination)
                .setParameter("maker", v.maker())
                .setParameter("region", v.originRegion())
                .setParameter("zero", v.assessment().zeroMileage() ? 1 : 0)
                .executeUpdate();
        return true;
    }

    private static String summary(Verdict v, String severity) {
        List<String> parts = new ArrayList<>();
        if (v.evaluation() != null && v.evaluation().hits() != null) {
            v.evaluation().hits().stream().filter(h -> severity.equals(h.severity()))
                    .forEach(h -> parts.add(h.ruleCode() + ": " + h.title()));
        }
        v.findings().stream().filter(x -> "HOLD".equals(x.severity())).forEach(x -> parts.add(x.code() + ": " + x.message()));
        return parts.isEmpty() ? "lane " + v.lane() : String.join("; ", parts);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
