package io.zmx.export.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.zmx.edge.Writes;
import io.zmx.export.ExportConfig;
import io.zmx.export.domain.Filing;
import io.zmx.export.persistence.ScreeningQueue;
import io.zmx.export.persistence.ScreeningQueue.Claim;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
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
 * Each filing is screened on its own duplicated Vert.x context (its own Hibernate Reactive sessions), without
 * blocking a thread: the registry and compliance calls run outside any transaction and hold no database
 * connection ({@link ScreeningService#prepare}), then the verdict is stored in its own short transaction, only if
 * the claim still holds ({@link ScreeningService#apply}: exactly once). A failure (dependency down, circuit open)
 * puts the filing back with exponential backoff; a crash leaves the lease to run out, after which another
 * drain (or instance, after a restart) retries.
 */
@ApplicationScoped
public class Screener {

    private static final Logger LOG = Logger.getLogger(Screener.class);

    private final ScreeningQueue queue;
    private final Vertx vertx;
    private final ScreeningService screening;
    private final ExportConfig.Screener config;
    private final Counter screenedCount;
    private final Counter failedCount;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    public Screener(ScreeningQueue queue, Vertx vertx, ScreeningService screening, MeterRegistry meters, ExportConfig config) {
        this.queue = queue;
        this.vertx = vertx;
        this.screening = screening;
        this.config = config.screener();
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
        return Multi.createBy().repeating().uni(() -> {
                    Instant now = clock.get();
                    return queue.claim(now, now.plus(config.lease()), batch);
                })
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

    /** Screens one claimed filing on a context of its own; true when its verdict was stored. */
    private Uni<Boolean> screen(Claim c, Supplier<Instant> clock) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        return Uni.createFrom().deferred(() -> screenOne(c, onContext))
                .runSubscriptionOn(onContext)
                .onFailure().recoverWithUni(e -> {
                    failedCount.increment();
                    LOG.warnf("screening %s failed (attempt %d): %s", c.filingId(), c.attempts(), e.toString());
                    return postpone(c, clock.get(), e).replaceWith(false);
                });
    }

    private Uni<Boolean> screenOne(Claim c, Executor onContext) {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        return Panache.withSession(() -> Filing.<Filing>findById(c.filingId()))
                .chain(f -> f == null ? Uni.createFrom().item(false)
                        : screening.prepare(f) // remote calls: no transaction, no connection held
                                .emitOn(onContext)
                                .chain(v -> Writes.transaction(() -> screening.apply(c.filingId(), c.claim(), v))))
                .invoke(stored -> {
                    if (stored) screenedCount.increment();
                })
                .onTermination().invoke(inFlight::decrementAndGet);
    }

    private Uni<Void> postpone(Claim c, Instant now, Throwable e) {
        long factor = 1L << Math.min(20, Math.max(0, c.attempts() - 1));
        Duration wait = config.backoffBase().multipliedBy(factor);
        if (wait.compareTo(config.backoffMax()) > 0) wait = config.backoffMax();
        String error = e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? "" : e.getMessage());
        return queue.postpone(c, now.plus(wait), error.length() > 500 ? error.substring(0, 500) : error);
    }
}
