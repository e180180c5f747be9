package io.zmx.export.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.zmx.export.client.RegistryClient;
import io.zmx.export.client.RegistryDtos;
import io.zmx.export.domain.Filing;
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
    private final ExportCalendar calendar;
    private final boolean enabled;
    private final int batchSize;

    public DeregistrationCheck(RegistryClient registry, FilingLifecycle lifecycle, ExportCalendar calendar,
                               ExportConfig config) {
        this.registry = registry;
        this.lifecycle = lifecycle;
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
                        .chain(snapshot -> cancellation(snapshot.vin)
                                .onFailure().invoke(e -> LOG.warnf("deregistration check for %s failed: %s", snapshot.number,
                                        e.toString()))
                                .chain(cancelled -> Panache.withTransaction(() -> record(id, cancelled, today)))
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

    /** The registry's cancellation of the domestic registration, if it has one (its date, or unknown date = today). */
    private Uni<Optional<LocalDate>> cancellation(String vin) {
        return registry.history(vin).map(this::cancellation);
    }

    private Optional<LocalDate> cancellation(Optional<RegistryDtos.VehicleHistory> h) {
        if (h.isEmpty()) return Optional.empty();
        Optional<LocalDate> date = h.get().deregistrations().stream().map(RegistryDtos.Deregistration::date)
                .filter(Objects::nonNull).max(Comparator.naturalOrder());
        if (date.isPresent()) return date;
        boolean status = h.get().vehicle() != null && "DEREGISTERED".equals(h.get().vehicle().status());
        return status ? Optional.of(calendar.today()) : Optional.empty();
    }

    private Uni<Boolean> record(UUID id, Optional<LocalDate> cancelled, LocalDate today) {
        return Filing.<Filing>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(f -> {
            if (f == null || f.deregisteredOn != null || f.deregistrationOverdue) return Uni.createFrom().item(false);
            f.deregistrationCheckedAt = Instant.now();
            if (cancelled.isPresent()) {
                f.deregisteredOn = cancelled.get();
                return Uni.createFrom().item(false);
            }
            f.deregistrationOverdue = true;
            return lifecycle.note(f, CHECKER, "system", "deregistration overdue: the domestic registration of " + f.vin
                    + " was not cancelled by " + f.deregistrationDue + " (exported " + f.exportDate + "; checked " + today + ")")
                    .replaceWith(true);
        });
    }
}
