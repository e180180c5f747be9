package io.zmx.export.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.zmx.export.domain.Filing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The persistent screener. Submitted filings wait in the database, not in memory: each round claims
 * due rows with {@code FOR UPDATE SKIP LOCKED} (so several instances never take the same filing),
 * stamps them with a claim and a lease, screens them, and stores each verdict only if its claim still
 * holds. A failure (dependency down, circuit open) puts the filing back with exponential backoff; a
 * crash leaves the lease to run out, after which another round (or instance, after a restart) retries.
 */
@ApplicationScoped
public class Screener {

    private static final Logger LOG = Logger.getLogger(Screener.class);

    private final EntityManager em;
    private final ScreeningService screening;
    private final boolean enabled;
    private final int batchSize;
    private final Duration lease;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Counter screenedCount;
    private final Counter failedCount;

    public Screener(EntityManager em, ScreeningService screening, MeterRegistry meters,
                    @ConfigProperty(name = "zmx.screener.enabled") boolean enabled,
                    @ConfigProperty(name = "zmx.screener.batch-size") int batchSize,
                    @ConfigProperty(name = "zmx.screener.lease") Duration lease,
                    @ConfigProperty(name = "zmx.screener.backoff-base") Duration backoffBase,
                    @ConfigProperty(name = "zmx.screener.backoff-max") Duration backoffMax) {
        this.em = em;
        this.screening = screening;
        this.enabled = enabled;
        this.batchSize = batchSize;
        this.lease = lease;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        this.screenedCount = meters.counter("zmx.screening.screened");
        this.failedCount = meters.counter("zmx.screening.failures");
    }

    @Scheduled(every = "${zmx.screener.every}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (enabled) {
            screenDue(Instant.now());
        }
    }

    /** One round at time {@code now}; returns how many filings were screened. Tests call it directly. */
    public int screenDue(Instant now) {
        int screened = 0;
        for (Claim c : QuarkusTransaction.requiringNew().call(() -> claim(now))) {
            try {
                Filing f = QuarkusTransaction.requiringNew().call(() -> em.find(Filing.class, c.filingId()));
                ScreeningService.Verdict v = screening.prepare(f);
                if (QuarkusTransaction.requiringNew().call(() -> screening.apply(c.filingId(), c.claim(), v))) {
                    screened++;
                    screenedCount.increment();
                }
            } catch (RuntimeException e) {
                failedCount.increment();
                LOG.warnf("screening %s failed (attempt %d): %s", c.filingId(), c.attempts(), e.toString());
                QuarkusTransaction.requiringNew().run(() -> postpone(c, now, e));
            }
        }
        return screened;
    }

    record Claim(UUID filingId, UUID claim, int attempts) {}

    @SuppressWarnings("unchecked")
    List<Claim> claim(Instant now) {
        List<Object[]> rows = em.createNativeQuery("""
                UPDATE filings f SET screen_claim = gen_random_uuid(), screen_attempts = f.screen_attempts + 1,
                       next_screen_at = :leaseEnd
                 WHERE f.id IN (SELECT id FROM filings
                                 WHERE status = 'SUBMITTED' AND next_screen_at <= :now
                                 ORDER BY next_screen_at LIMIT :n FOR UPDATE SKIP LOCKED)
                RETURNING CAST(f.id AS text), CAST(f.screen_claim AS text), f.screen_attempts""")
                .setParameter("leaseEnd", now.plus(lease))
                .setParameter("now", now)
                .setParameter("n", batchSize)
                .getResultList();
        List<Claim> claims = new ArrayList<>();
        for (Object[] r : rows) {
            claims.add(new Claim(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]), ((Number) r[2]).intValue()));
        }
        return claims;
    }

    void postpone(Claim c, Instant now, RuntimeException e) {
        long factor = 1L << Math.min(20, Math.max(0, c.attempts() - 1));
        Duration wait = backoffBase.multipliedBy(factor);
        if (wait.compareTo(backoffMax) > 0) wait = backoffMax;
        String error = e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? "" : e.getMessage());
        em.createNativeQuery("""
                UPDATE filings SET screen_claim = NULL, next_screen_at = :next, last_screen_error = :error
                 WHERE id = :id AND screen_claim = :claim AND status = 'SUBMITTED'""")
                .setParameter("next", now.plus(wait))
                .setParameter("error", error.length() > 500 ? error.substring(0, 500) : error)
                .setParameter("id", c.filingId())
                .setParameter("claim", c.claim())
                .executeUpdate();
    }
}
