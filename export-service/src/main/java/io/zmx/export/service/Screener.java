package io.zmx.export.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zmx.export.domain.Filing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The persistent screener. Submitted filings wait in the database, not in memory. A drain claims due rows
 * with {@code FOR UPDATE SKIP LOCKED} through the reactive PostgreSQL client (so several instances never
 * take the same filing), stamping each with a claim and a lease, and screens up to
 * {@code zmx.screener.concurrency} filings at a time; it claims the next batch as soon as there is room, and
 * goes on for as long as filings are due (a full batch came back), instead of a fixed batch per tick.
 * <p>
 * Each filing is screened on a worker thread: the registry and compliance calls run outside any transaction
 * ({@link ScreeningService#prepare}), then the verdict is stored in its own short transaction, only if the
 * claim still holds ({@link ScreeningService#apply}: exactly once). A failure (dependency down, circuit open)
 * puts the filing back with exponential backoff; a crash leaves the lease to run out, after which another
 * drain (or instance, after a restart) retries.
 */
@ApplicationScoped
public class Screener {

    private static final Logger LOG = Logger.getLogger(Screener.class);

    private final Pool pool;
    private final EntityManager em;
    private final ScreeningService screening;
    private final ScreenerConfig config;
    private final Counter screenedCount;
    private final Counter failedCount;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    public Screener(Pool pool, EntityManager em, ScreeningService screening, MeterRegistry meters, ScreenerConfig config) {
        this.pool = pool;
        this.em = em;
        this.screening = screening;
        this.config = config;
        this.screenedCount = meters.counter("zmx.screening.screened");
        this.failedCount = meters.counter("zmx.screening.failures");
        meters.gauge("zmx.screening.in.flight", inFlight);
    }

    /** The timer: a drain at the wall clock; a tick while the previous drain still runs is skipped. */
    @Scheduled(every = "${zmx.screener.every}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return drain(Instant::now).onFailure().invoke(e -> LOG.warnf("screener drain failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** A drain at virtual time {@code now} (every filing due by then); returns how many were screened. Tests call it. */
    public int screenDue(Instant now) {
        return drain(() -> now).await().indefinitely();
    }

    /**
     * Claims and screens until no filing is due: batches of {@code batch-size} are claimed as the
     * {@code concurrency} slots free up, so a burst drains at the pace the dependencies answer.
     */
    public Uni<Integer> drain(Supplier<Instant> clock) {
        int batch = config.batchSize();
        return Multi.createBy().repeating().uni(() -> claim(clock.get(), batch))
                .whilst(claims -> claims.size() == batch) // a short batch means nothing more is due
                .onItem().<Claim>disjoint()
                .onItem().transformToUni(c -> screen(c, clock)).merge(config.concurrency())
                .collect().in(AtomicInteger::new, (n, ok) -> { if (ok) n.incrementAndGet(); })
                .map(AtomicInteger::get);
    }

    /** The most filings that were in flight at once since the last call (tests show the concurrency with it). */
    public int takeMostInFlight() {
        return mostInFlight.getAndSet(0);
    }

    record Claim(UUID filingId, UUID claim, int attempts) {}

    /** One statement, so the row locks last only as long as it: the lease, not a lock, keeps the claim. */
    Uni<List<Claim>> claim(Instant now, int n) {
        return pool.preparedQuery("""
                        UPDATE filings f SET screen_claim = gen_random_uuid(), screen_attempts = f.screen_attempts + 1,
                               next_screen_at = $1
                         WHERE f.id IN (SELECT id FROM filings
                                         WHERE status = 'SUBMITTED' AND next_screen_at <= $2
                                         ORDER BY next_screen_at LIMIT $3 FOR UPDATE SKIP LOCKED)
                        RETURNING f.id, f.screen_claim, f.screen_attempts""")
                .execute(Tuple.of(at(now.plus(config.lease())), at(now), n))
                .map(rows -> {
                    List<Claim> claims = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        claims.add(new Claim(r.getUUID(0), r.getUUID(1), r.getInteger(2)));
                    }
                    return claims;
                });
    }

    /** Screens one claimed filing on a worker thread; true when its verdict was stored. */
    private Uni<Boolean> screen(Claim c, Supplier<Instant> clock) {
        return Uni.createFrom().item(() -> screenBlocking(c))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().recoverWithUni(e -> {
                    failedCount.increment();
                    LOG.warnf("screening %s failed (attempt %d): %s", c.filingId(), c.attempts(), e.toString());
                    return postpone(c, clock.get(), e).replaceWith(false);
                });
    }

    private boolean screenBlocking(Claim c) {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        try {
            Filing f = QuarkusTransaction.requiringNew().call(() -> em.find(Filing.class, c.filingId()));
            if (f == null) {
                return false;
            }
            ScreeningService.Verdict v = screening.prepare(f); // remote calls, no transaction open
            boolean stored = QuarkusTransaction.requiringNew().call(() -> screening.apply(c.filingId(), c.claim(), v));
            if (stored) {
                screenedCount.increment();
            }
            return stored;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    Uni<Void> postpone(Claim c, Instant now, Throwable e) {
        long factor = 1L << Math.min(20, Math.max(0, c.attempts() - 1));
        Duration wait = config.backoffBase().multipliedBy(factor);
        if (wait.compareTo(config.backoffMax()) > 0) wait = config.backoffMax();
        String error = e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? "" : e.getMessage());
        return pool.preparedQuery("""
                        UPDATE filings SET screen_claim = NULL, next_screen_at = $1, last_screen_error = $2
                         WHERE id = $3 AND screen_claim = $4 AND status = 'SUBMITTED'""")
                .execute(Tuple.of(at(now.plus(wait)), error.length() > 500 ? error.substring(0, 500) : error,
                        c.filingId(), c.claim()))
                .replaceWithVoid();
    }

    private static OffsetDateTime at(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
