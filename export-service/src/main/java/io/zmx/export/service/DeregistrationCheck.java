package io.zmx.export.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.zmx.export.client.RegistryClient;
import io.zmx.export.client.RegistryDtos;
import io.zmx.export.domain.Filing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    private final EntityManager em;
    private final RegistryClient registry;
    private final FilingLifecycle lifecycle;
    private final ExportCalendar calendar;
    private final boolean enabled;
    private final int batchSize;

    public DeregistrationCheck(EntityManager em, RegistryClient registry, FilingLifecycle lifecycle, ExportCalendar calendar,
                               @ConfigProperty(name = "zmx.export.deregistration-check.enabled") boolean enabled,
                               @ConfigProperty(name = "zmx.export.deregistration-check.batch-size", defaultValue = "200")
                               int batchSize) {
        this.em = em;
        this.registry = registry;
        this.lifecycle = lifecycle;
        this.calendar = calendar;
        this.enabled = enabled;
        this.batchSize = batchSize;
    }

    @Scheduled(every = "${zmx.export.deregistration-check.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (enabled) {
            check(calendar.today());
        }
    }

    /** One round as of {@code today}: returns how many filings were flagged overdue. Tests call it directly. */
    public int check(LocalDate today) {
        int flagged = 0;
        for (UUID id : QuarkusTransaction.requiringNew().call(() -> due(today))) {
            Filing snapshot = QuarkusTransaction.requiringNew().call(() -> em.find(Filing.class, id));
            Optional<LocalDate> cancelled;
            try {
                cancelled = cancellation(snapshot.vin);
            } catch (RuntimeException e) {
                LOG.warnf("deregistration check for %s failed: %s", snapshot.number, e.toString());
                continue; // asked again next round
            }
            boolean overdue = QuarkusTransaction.requiringNew().call(() -> record(id, cancelled, today));
            if (overdue) flagged++;
        }
        return flagged;
    }

    @SuppressWarnings("unchecked")
    List<UUID> due(LocalDate today) {
        return em.createQuery("select f.id from Filing f where f.deregistrationDue < :today and f.deregisteredOn is null"
                        + " and f.deregistrationOverdue = false order by f.deregistrationDue")
                .setParameter("today", today).setMaxResults(batchSize).getResultList();
    }

    /** The registry's cancellation of the domestic registration, if it has one (its date, or unknown date = today). */
    private Optional<LocalDate> cancellation(String vin) {
        Optional<RegistryDtos.VehicleHistory> h = registry.history(vin);
        if (h.isEmpty()) return Optional.empty();
        Optional<LocalDate> date = h.get().deregistrations().stream().map(RegistryDtos.Deregistration::date)
                .filter(Objects::nonNull).max(Comparator.naturalOrder());
        if (date.isPresent()) return date;
        boolean status = h.get().vehicle() != null && "DEREGISTERED".equals(h.get().vehicle().status());
        return status ? Optional.of(calendar.today()) : Optional.empty();
    }

    private boolean record(UUID id, Optional<LocalDate> cancelled, LocalDate today) {
        Filing f = em.find(Filing.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (f == null || f.deregisteredOn != null || f.deregistrationOverdue) return false;
        f.deregistrationCheckedAt = Instant.now();
        if (cancelled.isPresent()) {
            f.deregisteredOn = cancelled.get();
            return false;
        }
        f.deregistrationOverdue = true;
        lifecycle.note(f, CHECKER, "system", "deregistration overdue: the domestic registration of " + f.vin
                + " was not cancelled by " + f.deregistrationDue + " (exported " + f.exportDate + "; checked " + today + ")");
        return true;
    }
}
