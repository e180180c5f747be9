package io.zmx.export.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.zmx.edge.Writes;
import io.zmx.export.ExportConfig;
import io.zmx.export.client.RegistryClient;
import io.zmx.export.client.RegistryDtos;
import io.zmx.export.domain.Filing;
import io.zmx.export.persistence.Alerts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The deregistration deadline after export: a shipped vehicle's domestic registration must be cancelled within
 * {@code zmx.export.deregistration-deadline} (2 months) of the export date. Each round asks the registry about
 * filings whose deadline has passed; a cancellation found is recorded, a missing one flags the filing
 * ({@code deregistrationOverdue}, listed with {@code ?deregistrationOverdue=true}) and appends an audit event for
 * origin customs. Replaces the rule that fired INFO on every filing at screening time.
 */
@ApplicationScoped
public class DeregistrationCheck {

    private static final Logger LOG = Logger.getLogger(DeregistrationCheck.class);
    static final Caller CHECKER = new Caller("export-service/deregistration-check", java.util.Set.of("system"), null, null);

    private final RegistryClient registry;
    private final FilingLifecycle lifecycle;
    private final Alerts alerts;
    private final ExportCalendar calendar;
    private final boolean enabled;
    private final int batchSize;

    public DeregistrationCheck(RegistryClient registry, FilingLifecycle lifecycle, ExportCalendar calendar,
                               ExportConfig config, Alerts alerts) {
        this.registry = registry;
        this.lifecycle = lifecycle;
        this.alerts = alerts;
        this.calendar = calendar;
        this.enabled = config.export().deregistrationCheck().enabled();
        this.batchSize = config.export().deregistrationCheck().batchSize();
    }

    @Scheduled(every = "${zmx.export.deregistration-check.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return enabled ? run(calendar.today()).replaceWithVoid() : Uni.createFrom().voidItem();
    }

    /** One round as of {@code today}: returns how many filings were flagged overdue. Tests call it directly. */
    public int check(LocalDate today) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> run(today));
        } catch (Throwable e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** The round: each due filing read, the registry asked outside any transaction, the answer recorded in one. */
    Uni<Integer> run(LocalDate today) {
        AtomicInteger flagged = new AtomicInteger();
        return Panache.withSession(() -> due(today))
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> Panache.withSession(() -> Filing.<Filing>findById(id))
                        .chain(snapshot -> registry.history(snapshot.vin).map(h -> new Answer(cancellation(h),
                                        reRegistered(h, snapshot.exportDate)))
                                .onFailure().invoke(e -> LOG.warnf("deregistration check for %s failed: %s", snapshot.number,
                                        e.toString()))
                                .chain(answer -> Writes.transaction(() -> record(id, answer, today)))
                                .onFailure().recoverWithItem(false)) // asked again next round
                        .invoke(overdue -> {
                            if (overdue) flagged.incrementAndGet();
                        }))
                .collect().last().map(x -> flagged.get());
    }

    Uni<List<UUID>> due(LocalDate today) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("select f.id from Filing f where f.deregistrationDue < :today"
                        + " and f.deregisteredOn is null and f.deregistrationOverdue = false order by f.deregistrationDue", UUID.class)
                .setParameter("today", today).setMaxResults(batchSize).getResultList());
    }

    /** What the registry says: the cancellation, if any, and a registration in China after the export date, if any. */
    record Answer(Optional<LocalDate> cancelled, Optional<RegistryDtos.Registration> reRegistered) {}

    /** A registration in China dated after the export date: the car came back (or never left). */
    static Optional<RegistryDtos.Registration> reRegistered(Optional<RegistryDtos.VehicleHistory> h, LocalDate exportDate) {
        if (h.isEmpty() || exportDate == null || h.get().registrations() == null) return Optional.empty();
        return h.get().registrations().stream().filter(r -> r.date() != null && r.date().isAfter(exportDate))
                .min(Comparator.comparing(RegistryDtos.Registration::date));
    }

    private Optional<LocalDate> cancellation(Optional<RegistryDtos.VehicleHistory> h) {
        if (h.isEmpty()) return Optional.empty();
        Optional<LocalDate> date = h.get().deregistrations().stream().map(RegistryDtos.Deregistration::date)
                .filter(Objects::nonNull).max(Comparator.naturalOrder());
        if (date.isPresent()) return date;
        boolean status = h.get().vehicle() != null && "DEREGISTERED".equals(h.get().vehicle().status());
        return status ? Optional.of(calendar.today()) : Optional.empty();
    }

    private Uni<Boolean> record(UUID id, Answer answer, LocalDate today) {
        Optional<LocalDate> cancelled = answer.cancelled();
        return Filing.<Filing>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(f -> {
            if (f == null || f.deregisteredOn != null || f.deregistrationOverdue) return Uni.createFrom().item(false);
            if (answer.reRegistered().isPresent()) {
                RegistryDtos.Registration r = answer.reRegistered().get();
                // issue 14: exported, then in China's registry again; raised with the check's own outcome
                return alerts.seenInChina(f.id, r.date(), "registered again in " + (r.region() == null ? "China" : r.region())
                        + " on " + r.date() + " after export on " + f.exportDate + " (filing " + f.number + ")")
                        .chain(x -> record(f, cancelled, today));
            }
            return record(f, cancelled, today);
        });
    }

    private Uni<Boolean> record(Filing f, Optional<LocalDate> cancelled, LocalDate today) {
        f.deregistrationCheckedAt = Instant.now();
        if (cancelled.isPresent()) {
            f.deregisteredOn = cancelled.get();
            return Uni.createFrom().item(false);
        }
        f.deregistrationOverdue = true;
        return lifecycle.note(f, CHECKER, "system", "deregistration overdue: the domestic registration of " + f.vin
                + " was not cancelled by " + f.deregistrationDue + " (exported " + f.exportDate + "; checked " + today + ")")
                .replaceWith(true);
    }
}
