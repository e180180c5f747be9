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
import io.zmx.export.domain.NegativeListEntry;
import io.zmx.export.domain.RandomInspection;
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
    public static final String RANDOM_INSPECTION = "RANDOM_INSPECTION";

    private final RegistryClient registry;
    private final ComplianceClient compliance;
    private final FilingLifecycle lifecycle;
    private final QuotaService quotas;
    private final NegativeListService negativeList;
    private final ExchangeRateService rates;
    private final ExportCalendar calendar;
    private final EntityManager em;
    private final ObjectMapper json;
    private final ZeroMileageAssessment.Thresholds thresholds;
    private final int odometerToleranceKm;
    private final BigDecimal underValuationRatio;
    private final BigDecimal randomInspectionShare;

    public ScreeningService(RegistryClient registry, ComplianceClient compliance, FilingLifecycle lifecycle,
                            QuotaService quotas, NegativeListService negativeList, ExchangeRateService rates,
                            ExportCalendar calendar, EntityManager em, ObjectMapper json,
                            @ConfigProperty(name = "zmx.assessment.max-km") int maxKm,
                            @ConfigProperty(name = "zmx.assessment.waiting-out-from") int waitingOutFrom,
                            @ConfigProperty(name = "zmx.assessment.waiting-out-to") int waitingOutTo,
                            @ConfigProperty(name = "zmx.assessment.odometer-tolerance-km") int odometerToleranceKm,
                            @ConfigProperty(name = "zmx.assessment.under-valuation-ratio") BigDecimal underValuationRatio,
                            @ConfigProperty(name = "zmx.export.random-inspection-share") BigDecimal randomInspectionShare) {
        this.registry = registry;
        this.compliance = compliance;
        this.lifecycle = lifecycle;
        this.quotas = quotas;
        this.negativeList = negativeList;
        this.rates = rates;
        this.calendar = calendar;
        this.em = em;
        this.json = json;
        this.thresholds = new ZeroMileageAssessment.Thresholds(maxKm, waitingOutFrom, waitingOutTo);
        this.odometerToleranceKm = odometerToleranceKm;
        this.underValuationRatio = underValuationRatio;
        this.randomInspectionShare = randomInspectionShare;
    }

    /** The screening result, before it is stored; {@code asOf} is the export date it was screened against. */
    public record Verdict(LocalDate asOf, ZeroMileageAssessment assessment, List<Finding> findings,
                          ComplianceDtos.Evaluation evaluation, Lane lane, String maker, String originRegion,
                          BigDecimal underValuationRatio, boolean randomInspection) {

        /** What sends this verdict to an officer or refuses it: BLOCK/HOLD rule hits and HOLD findings, by code. */
        public java.util.Set<String> reasons() {
            java.util.Set<String> codes = new java.util.TreeSet<>();
            if (evaluation != null && evaluation.hits() != null) {
                evaluation.hits().stream().filter(h -> "BLOCK".equals(h.severity()) || "HOLD".equals(h.severity()))
                        .forEach(h -> codes.add(h.ruleCode()));
            }
            findings.stream().filter(x -> "HOLD".equals(x.severity())).forEach(x -> codes.add(x.code()));
            return codes;
        }
    }

    /** Screens against the planned export date. */
    public Verdict prepare(Filing f) {
        return prepare(f, f.plannedExportDate);
    }

    /**
     * Remote calls and pure computation; throws when a dependency fails, so the screener retries later.
     * {@code asOf} is the export date: the planned one, or the actual one when customs ship on another day.
     */
    public Verdict prepare(Filing f, LocalDate asOf) {
        LocalDate applicationDate = f.applicationDate != null ? f.applicationDate : calendar.today();
        List<Finding> findings = new ArrayList<>();
        String negativeMeasure = negativeListMeasure(f, asOf, findings);
        Optional<RegistryDtos.VehicleHistory> found = registry.history(f.vin);
        if (found.isEmpty() || found.get().vehicle() == null) {
            // every rule that needs no vehicle data still runs; the unknown vehicle is itself a reason to look
            ZeroMileageAssessment a = ZeroMileageAssessment.assess(f.declaredStatus, f.declaredOdometerKm, null, null,
                    applicationDate, asOf, false, thresholds);
            findings.add(0, Finding.hold("VEHICLE_NOT_IN_REGISTRY",
                    "Vehicle unknown to the registry: VIN " + f.vin + " has no record; an officer must review the filing"));
            ComplianceDtos.Evaluation evaluation = compliance.evaluate(request(f, ComplianceDtos.EvaluatedVehicle.unknown(f.vin),
                    applicationDate, asOf, negativeMeasure, a));
            return finish(f, asOf, a, findings, evaluation, UNKNOWN, UNKNOWN, null);
        }
        RegistryDtos.VehicleHistory h = found.get();
        RegistryDtos.Vehicle v = h.vehicle();

        Optional<RegistryDtos.OdometerReading> latest = h.odometerReadings().stream()
                .filter(r -> r.km() != null && r.date() != null && !Boolean.TRUE.equals(r.rollback()))
                .max(Comparator.comparing(RegistryDtos.OdometerReading::date).thenComparing(RegistryDtos.OdometerReading::km));
        LocalDate firstRegistration = v.firstRegistrationDate() != null ? v.firstRegistrationDate()
                : h.registrations().stream().map(RegistryDtos.Registration::date).filter(Objects::nonNull)
                        .min(Comparator.naturalOrder()).orElse(null);
        boolean deregistered = !h.deregistrations().isEmpty() || "DEREGISTERED".equals(v.status());
        ZeroMileageAssessment a = ZeroMileageAssessment.assess(f.declaredStatus, f.declaredOdometerKm,
                latest.map(RegistryDtos.OdometerReading::km).orElse(null), firstRegistration, applicationDate, asOf,
                deregistered, thresholds);

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
        if (a.waitingOutRule()) {
            findings.add(Finding.info("WAITING_OUT_RULE", "Exported " + a.daysSinceFirstRegistration()
                    + " days after first registration (application date " + applicationDate + "), within the waiting-out window "
                    + a.waitingOutFrom() + "-" + a.waitingOutTo() + " days"));
        }
        BigDecimal ratio = underValuation(f, v, asOf, applicationDate, findings);

        ComplianceDtos.Evaluation evaluation = compliance.evaluate(request(f, vehicle(f, h, firstRegistration, deregistered),
                applicationDate, asOf, negativeMeasure, a));
        String maker = v.manufacturer() != null ? v.manufacturer() : v.make() != null ? v.make() : UNKNOWN;
        String region = h.registrations().stream().filter(r -> r.region() != null && r.date() != null)
                .max(Comparator.comparing(RegistryDtos.Registration::date)).map(RegistryDtos.Registration::region)
                .orElse(UNKNOWN);
        return finish(f, asOf, a, findings, evaluation, maker, region, ratio);
    }

    /** The lane: compliance's, raised to YELLOW by any HOLD finding, and by the random draw when it would be GREEN. */
    private Verdict finish(Filing f, LocalDate asOf, ZeroMileageAssessment a, List<Finding> findings,
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

    private String negativeListMeasure(Filing f, LocalDate asOf, List<Finding> findings) {
        LocalDate today = calendar.today();
        Optional<NegativeListEntry> entry = negativeList.measure(f.exporterCreditCode, today.isBefore(asOf) ? today : asOf,
                asOf.isAfter(today) ? asOf : today);
        entry.ifPresent(e -> findings.add(Finding.hold("EXPORTER_NEGATIVE_LIST", "Exporter " + f.exporterCreditCode
                + " is on the exporter negative list (" + e.measure + " since " + e.since
                + (e.until == null ? "" : " until " + e.until) + "): " + e.reason + " [" + e.source + "]")));
        return entry.map(e -> e.measure).orElse("");
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

    /**
     * Declared value against the reference price, converted through the dated exchange-rate table when the
     * currencies differ (rate on the application date); no rate is a HOLD ("cannot compare"), never a silent skip.
     */
    private BigDecimal underValuation(Filing f, RegistryDtos.Vehicle v, LocalDate asOf, LocalDate applicationDate,
                                      List<Finding> findings) {
        if (v.make() == null || v.model() == null) {
            findings.add(Finding.info("NO_REFERENCE_PRICE", "Registry has no make/model to look up a reference price"));
            return null;
        }
        Optional<RegistryDtos.ReferencePrice> ref = registry.referencePrice(v.make(), v.model(), v.modelYear(), asOf);
        if (ref.isEmpty() || ref.get().price() == null || ref.get().price().amount() == null
                || ref.get().price().amount().signum() <= 0) {
            findings.add(Finding.info("NO_REFERENCE_PRICE", "No reference price for " + v.make() + " " + v.model() + " " + v.modelYear()));
            return null;
        }
        RegistryDtos.Money price = ref.get().price();
        Optional<ExchangeRateService.Conversion> conversion = rates.convert(f.declaredCurrency, price.currency(), applicationDate);
        if (conversion.isEmpty()) {
            String missing = rates.convert(f.declaredCurrency, rates.referenceCurrency(), applicationDate).isEmpty()
                    ? f.declaredCurrency : price.currency();
            findings.add(Finding.hold("UNDER_VALUATION_NOT_COMPARED", "Cannot compare: no exchange rate for " + missing
                    + " on " + applicationDate + " (declared value in " + f.declaredCurrency + ", reference price in "
                    + price.currency() + ")"));
            return null;
        }
        BigDecimal declared = f.declaredValue.multiply(conversion.get().factor());
        BigDecimal ratio = declared.divide(price.amount(), 4, RoundingMode.HALF_UP);
        if (ratio.compareTo(underValuationRatio) < 0) {
            String converted = f.declaredCurrency.equals(price.currency()) ? ""
                    : " (= " + declared.setScale(2, RoundingMode.HALF_UP) + " " + price.currency() + " at "
                    + conversion.get().basis() + ")";
            findings.add(Finding.hold("UNDER_VALUATION", "Declared " + f.declaredValue + " " + f.declaredCurrency + converted
                    + " is " + ratio + " of the reference price " + price.amount() + " " + price.currency()
                    + " (threshold " + underValuationRatio + ")"));
        }
        return ratio;
    }

    private static ComplianceDtos.EvaluatedVehicle vehicle(Filing f, RegistryDtos.VehicleHistory h,
                                                           LocalDate firstRegistration, boolean deregistered) {
        RegistryDtos.Vehicle v = h.vehicle();
        return new ComplianceDtos.EvaluatedVehicle(f.vin, true, v.manufacturer(), v.make(), v.model(), v.modelYear(),
                v.fuelType(), v.engineCc(), v.powerKw(), v.driveSide(), v.emissionStandard(), v.productionDate(),
                v.plantCountry(), firstRegistration, v.transferForExportDate(), deregistered, h.registrations(),
                h.odometerReadings(), h.titleBrands().stream().map(RegistryDtos.TitleBrand::brand).collect(Collectors.toList()));
    }

    private ComplianceDtos.EvaluationRequest request(Filing f, ComplianceDtos.EvaluatedVehicle vehicle,
                                                     LocalDate applicationDate, LocalDate asOf, String negativeMeasure,
                                                     ZeroMileageAssessment a) {
        ComplianceDtos.EvaluatedFiling filing = new ComplianceDtos.EvaluatedFiling(f.destination, f.declaredStatus,
                f.declaredOdometerKm, new RegistryDtos.Money(f.declaredValue, f.declaredCurrency), f.hsCode, f.consignee,
                f.consigneeType, f.consigneeRegistrationNumber,
                ComplianceDtos.AfterSalesConfirmation.of(FilingDocuments.confirmation(json, f)),
                ComplianceDtos.ExportLicence.of(f.exportLicence),
                ComplianceDtos.LicenceApplication.of(FilingDocuments.licenceApplication(json, f)),
                ComplianceDtos.ConformityCertificate.of(FilingDocuments.conformityCertificate(json, f)),
                ComplianceDtos.SasoCertificate.of(FilingDocuments.sasoCertificate(json, f)),
                // absent (not '') when the exporter is not listed: compliance reads an absent measure as ''
                f.exporterCreditCode, negativeMeasure.isEmpty() ? null : negativeMeasure, f.plannedExportDate,
                applicationDate, asOf, f.portOfExit);
        return new ComplianceDtos.EvaluationRequest(f.number, "CN", f.destination, asOf, vehicle, filing,
                new ComplianceDtos.EvaluatedAssessment(a.zeroMileage(), a.odometerKm(), a.daysRegisteredBeforeExport(),
                        a.daysSinceFirstRegistration(), a.waitingOutRule(), a.verdict()));
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
        store(f, v);
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

    /** Writes the verdict onto the filing (the caller holds the row lock). */
    void store(Filing f, Verdict v) {
        f.screenedAt = Instant.now();
        f.screenedAsOf = v.asOf();
        f.lane = v.lane();
        f.zeroMileage = v.assessment().zeroMileage();
        f.maker = v.maker();
        f.originRegion = UNKNOWN.equals(v.originRegion()) ? null : v.originRegion();
        f.underValuationRatio = v.underValuationRatio();
        f.randomInspection = v.randomInspection();
        f.assessment = write(v.assessment());
        f.findings = write(v.findings());
        f.evaluation = v.evaluation() == null ? null : write(v.evaluation());
    }

    /** The reasons the stored verdict names (BLOCK/HOLD hits and HOLD findings), by code. */
    java.util.Set<String> storedReasons(Filing f) {
        ComplianceDtos.Evaluation e = f.evaluation == null ? null : read(f.evaluation, ComplianceDtos.Evaluation.class);
        List<Finding> fs = f.findings == null ? List.of()
                : List.of(read(f.findings, Finding[].class));
        return new Verdict(f.screenedAsOf, null, fs, e, f.lane, null, null, null, f.randomInspection).reasons();
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String summary(Verdict v, String severity) {
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
