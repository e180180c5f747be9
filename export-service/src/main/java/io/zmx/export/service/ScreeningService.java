package io.zmx.export.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.zmx.export.client.ComplianceClient;
import io.zmx.export.client.ComplianceDtos;
import io.zmx.export.client.RegistryClient;
import io.zmx.export.client.RegistryDtos;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.FilingStatus;
import io.zmx.export.domain.Finding;
import io.zmx.export.domain.Transition;
import io.zmx.export.domain.ZeroMileageAssessment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.FlushMode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Screens one filing: fetches the inputs (negative list, registry snapshot, reference price, exchange rates),
 * lets {@link ScreeningRules} judge them, asks compliance-service, and returns the {@link Verdict};
 * {@link #apply} stores a verdict and moves the filing on. {@link #prepare} makes the remote calls and opens no
 * transaction of its own (its reads join the caller's session, if any).
 */
@ApplicationScoped
public class ScreeningService {

    private final RegistryClient registry;
    private final ComplianceClient compliance;
    private final ScreeningRules rules;
    private final Verdicts verdicts;
    private final FilingLifecycle lifecycle;
    private final QuotaService quotas;
    private final NegativeListService negativeList;
    private final ExchangeRateService rates;
    private final ExportCalendar calendar;

    public ScreeningService(RegistryClient registry, ComplianceClient compliance, ScreeningRules rules, Verdicts verdicts,
                            FilingLifecycle lifecycle, QuotaService quotas, NegativeListService negativeList,
                            ExchangeRateService rates, ExportCalendar calendar) {
        this.registry = registry;
        this.compliance = compliance;
        this.rules = rules;
        this.verdicts = verdicts;
        this.lifecycle = lifecycle;
        this.quotas = quotas;
        this.negativeList = negativeList;
        this.rates = rates;
        this.calendar = calendar;
    }

    /** Screens against the planned export date. */
    public Uni<Verdict> prepare(Filing f) {
        return prepare(f, f.plannedExportDate);
    }

    /**
     * Remote calls and pure computation; fails when a dependency fails, so the screener retries later.
     * {@code asOf} is the export date: the planned one, or the actual one when customs ship on another day.
     */
    public Uni<Verdict> prepare(Filing f, LocalDate asOf) {
        LocalDate applicationDate = f.applicationDate != null ? f.applicationDate : calendar.today();
        LocalDate today = calendar.today();
        List<Finding> findings = new ArrayList<>();
        return negativeList.measure(f.exporterCreditCode, today.isBefore(asOf) ? today : asOf, asOf.isAfter(today) ? asOf : today)
                .map(entry -> rules.negativeList(f, entry, findings))
                .chain(negativeMeasure -> registry.historyWithReferencePrice(f.vin, asOf).chain(found -> {
                    if (found.isEmpty() || found.get().vehicle() == null) {
                        // every rule that needs no vehicle data still runs; the unknown vehicle is itself a reason to look
                        ZeroMileageAssessment a = rules.unknownVehicle(f, applicationDate, asOf, findings);
                        return compliance.evaluate(EvaluationRequests.request(f,
                                        ComplianceDtos.EvaluatedVehicle.unknown(f.vin), applicationDate, asOf, negativeMeasure, a))
                                .map(e -> rules.verdict(f, asOf, a, findings, e, ScreeningRules.UNKNOWN,
                                        ScreeningRules.UNKNOWN, null));
                    }
                    ScreeningRules.Snapshot s = ScreeningRules.Snapshot.of(found.get());
                    ZeroMileageAssessment a = rules.registry(f, s, applicationDate, asOf, findings);
                    return underValuation(f, s.history(), asOf, applicationDate, findings)
                            .chain(ratio -> compliance.evaluate(EvaluationRequests.request(f,
                                            EvaluationRequests.vehicle(f, s.history(), s.firstRegistration(), s.deregistered()),
                                            applicationDate, asOf, negativeMeasure, a))
                                    .map(e -> rules.verdict(f, asOf, a, findings, e, s.maker(), s.region(), ratio)));
                }));
    }

    /**
     * Declared value against the reference price, converted through the dated exchange-rate table when the
     * currencies differ (rate on the application date); no rate is a HOLD ("cannot compare"), never a silent skip.
     */
    private Uni<BigDecimal> underValuation(Filing f, RegistryDtos.VehicleHistory history, LocalDate asOf,
                                           LocalDate applicationDate, List<Finding> findings) {
        RegistryDtos.Vehicle v = history.vehicle();
        if (v.make() == null || v.model() == null) {
            rules.noReferencePrice("Registry has no make/model to look up a reference price", findings);
            return Uni.createFrom().nullItem();
        }
        // registry answered the price with the history (include=referencePrice); an older registry did not: ask
        RegistryDtos.ReferencePriceLookup included = history.referencePrice();
        Uni<Optional<RegistryDtos.ReferencePrice>> inForce = included != null && asOf.equals(included.asOf())
                ? Uni.createFrom().item(Optional.ofNullable(included.price()))
                : registry.referencePrice(v.make(), v.model(), v.modelYear(), asOf);
        return inForce.chain(ref -> {
            if (ref.isEmpty() || ref.get().price() == null || ref.get().price().amount() == null
                    || ref.get().price().amount().signum() <= 0) {
                rules.noReferencePrice("No reference price for " + v.make() + " " + v.model() + " " + v.modelYear(), findings);
                return Uni.createFrom().nullItem();
            }
            RegistryDtos.Money price = ref.get().price();
            return rates.convert(f.declaredCurrency, price.currency(), applicationDate).chain(conversion -> {
                if (conversion.isPresent()) {
                    return Uni.createFrom().item(rules.underValuation(f, price, conversion.get(), findings));
                }
                return rates.convert(f.declaredCurrency, rates.referenceCurrency(), applicationDate).map(toReference -> {
                    rules.notCompared(f, toReference.isEmpty() ? f.declaredCurrency : price.currency(), applicationDate,
                            price, findings);
                    return (BigDecimal) null;
                });
            });
        });
    }

    /**
     * Stores the verdict, exactly once: only if the filing is still SUBMITTED and still carries this
     * screener's claim (a withdrawn filing, or one re-claimed after the lease ran out, is left alone).
     * GREEN clears (taking a quota slot, or holds when the quota is exhausted), YELLOW holds, RED rejects.
     * Runs in the caller's transaction.
     * <p>
     * Issue 12, in few statements: the session flushes only when told to (so the quota's queries do not write the
     * filing's SCREENED state before its verdict's status, two updates of one row), both transitions' audit events,
     * feed events and the rollup count go in one statement ({@link Verdicts#record}), and the filing's row is written
     * once, by the flush before the alert checks.
     */
    public Uni<Boolean> apply(UUID filingId, UUID claim, Verdict v) {
        return Panache.getSession().invoke(s -> s.setFlushMode(FlushMode.COMMIT))
                .chain(() -> Filing.<Filing>findById(filingId, LockModeType.PESSIMISTIC_WRITE)).chain(f -> {
            if (f == null || f.status != FilingStatus.SUBMITTED || !claim.equals(f.screenClaim)) {
                return Uni.createFrom().item(false);
            }
            verdicts.store(f, v);
            f.screenClaim = null;
            f.nextScreenAt = null;
            f.lastScreenError = null;
            Caller system = Caller.SCREENER;
            FilingLifecycle.Step screened = new FilingLifecycle.Step(Transition.SCREEN, "lane " + v.lane());
            Uni<FilingLifecycle.Step> verdict = switch (v.lane()) {
                case GREEN -> quotas.take(f).map(exhausted -> exhausted.isPresent()
                        ? new FilingLifecycle.Step(Transition.HOLD, exhausted.get())
                        : new FilingLifecycle.Step(Transition.CLEAR, null));
                case YELLOW -> Uni.createFrom().item(new FilingLifecycle.Step(Transition.HOLD, v.summary("HOLD")));
                case RED -> Uni.createFrom().item(new FilingLifecycle.Step(Transition.REJECT_ON_SCREENING, v.summary("BLOCK")));
            };
            return verdict.chain(last -> {
                List<FilingLifecycle.Step> steps = List.of(screened, last);
                return lifecycle.advance(f, system, "system", steps)
                        .chain(rows -> verdicts.record(f, v, rows))
                        .chain(() -> lifecycle.verdictRecorded(f, steps));
            }).replaceWith(true);
        });
    }
}
