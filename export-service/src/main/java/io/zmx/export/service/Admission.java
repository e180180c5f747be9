package io.zmx.export.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.zmx.edge.ProblemException;
import io.zmx.export.ExportConfig;
import io.zmx.export.persistence.Backlog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Admission control for submits (issue 12): the screener drains ~25-63 filings/s while the service accepts ~74
 * submits/s, so without a bound the SUBMITTED backlog grows as long as the load lasts, and one exporter's flood
 * delays every other exporter's verdicts (claims go in {@code next_screen_at} order). A submit (create with
 * {@code submit=true}, or {@code /submit} of a draft) is refused when the exporter already has
 * {@code zmx.screening.max-backlog-per-exporter} filings waiting (429 {@code screening-backlog-exporter}), or the
 * service {@code zmx.screening.max-backlog} (429 {@code screening-backlog-full}), both with Retry-After. Both are 429,
 * not 503: the service is well and sheds one kind of write on purpose, and a 503 would count as an outage in the
 * gateway's circuit breaker, which would then cut every caller off every export operation, reads included. Drafts are
 * never refused. A refusal is thrown inside the write's transaction before anything is written, so it rolls back
 * the Idempotency-Key row too: a retry with the same key runs anew.
 *
 * <p><b>No count per submit.</b> The backlog is counted from the database ({@link Backlog}: one {@code GROUP BY
 * exporter} over the SUBMITTED rows) every {@code zmx.screening.backlog-refresh} (1 s), and the submits this pod
 * admitted since that count began are added in memory. Within one pod the check and the reservation are one
 * synchronized step, so concurrent submits cannot pass the limit together.
 *
 * <p><b>How far the bound can be exceeded.</b>
 * <ul>
 *   <li>One pod: a submit admitted just before a count starts but committed only after the count's snapshot is in
 *       neither number until the next count: the bound can be passed by the submits in flight at that instant (at
 *       most the reactive pool's connections, 24), for at most one refresh interval. Screened filings leaving the
 *       backlog are seen only at the next count, which errs towards refusing.</li>
 *   <li>N replicas: each pod adds only its own admissions to the shared database count, so between two counts each
 *       may admit the room it saw: the backlog can exceed the bound by up to (N - 1) times what one pod admits in one
 *       refresh interval (~75 at 74 submits/s and 1 s), plus the in-flight submits above.</li>
 *   <li>A submit admitted whose transaction then fails still counts until the next count (errs towards refusing).</li>
 * </ul>
 */
@ApplicationScoped
public class Admission {

    private static final Logger LOG = Logger.getLogger(Admission.class);

    private final Backlog backlog;
    private final ExportConfig.Screening config;
    private final Counter refusedForExporter;
    private final Counter refusedForService;

    /** The last database count; null until the first one. Guarded by {@code this}. */
    private Backlog.Count counted;
    /** Admitted since the count now running began (or since the last count, when none runs). */
    private Map<String, Long> admitted = new HashMap<>();
    /** Admitted before the running count began: dropped when it answers, since it includes them. */
    private Map<String, Long> admittedBefore = new HashMap<>();
    private long admittedTotal;
    private long admittedBeforeTotal;
    /** The count in flight, shared by the timer and submits that find no count yet. */
    private Uni<Void> counting;

    public Admission(Backlog backlog, ExportConfig config, MeterRegistry meters) {
        this.backlog = backlog;
        this.config = config.screening();
        this.refusedForExporter = meters.counter("zmx.screening.refused", "limit", "exporter");
        this.refusedForService = meters.counter("zmx.screening.refused", "limit", "service");
        meters.gauge("zmx.screening.backlog", this, Admission::backlog);
    }

    /**
     * Admits one more submitted filing of {@code exporter}, or fails with the refusal (429, Retry-After).
     * Call it before the submit writes anything, inside its transaction.
     */
    public Uni<Void> admit(String exporter) {
        boolean noCountYet;
        synchronized (this) {
            noCountYet = counted == null;
        }
        Uni<Void> ready = noCountYet ? refresh() : Uni.createFrom().voidItem();
        return ready.chain(() -> {
            ProblemException refused = reserve(exporter);
            return refused == null ? Uni.createFrom().voidItem() : Uni.createFrom().failure(refused);
        });
    }

    private synchronized ProblemException reserve(String exporter) {
        long mine = counted.of(exporter) + admitted.getOrDefault(exporter, 0L) + admittedBefore.getOrDefault(exporter, 0L);
        long retryAfter = Math.max(1, config.retryAfter().toSeconds());
        if (mine >= config.maxBacklogPerExporter()) {
            refusedForExporter.increment();
            return new ProblemException(429, "screening-backlog-exporter", "Too many filings awaiting screening",
                    "Exporter " + exporter + " has " + mine + " filings awaiting screening, the most one exporter may have ("
                            + config.maxBacklogPerExporter() + "); nothing was changed, submit again after "
                            + retryAfter + " s").retryAfter(retryAfter);
        }
        long all = counted.total() + admittedTotal + admittedBeforeTotal;
        if (all >= config.maxBacklog()) {
            refusedForService.increment();
            return new ProblemException(429, "screening-backlog-full", "Screening backlog is full",
                    all + " filings are awaiting screening, the most the service accepts (" + config.maxBacklog()
                            + "); nothing was changed, submit again after " + retryAfter + " s").retryAfter(retryAfter);
        }
        admitted.merge(exporter, 1L, Long::sum);
        admittedTotal++;
        return null;
    }

    /** The timer: counts the backlog again (a count still running is not started twice). */
    @Scheduled(every = "${zmx.screening.backlog-refresh}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!config.backlogTimer()) {
            return Uni.createFrom().voidItem();
        }
        return refresh().onFailure().invoke(e -> LOG.warnf("counting the screening backlog failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Counts the backlog from the database; the submits admitted until the count begins are then in it (or rolled
     * back) and stop being added. A failed count keeps them. Tests call it to see a drained backlog.
     */
    public Uni<Void> refresh() {
        synchronized (this) {
            if (counting != null) {
                return counting;
            }
            admittedBefore.forEach((k, v) -> admitted.merge(k, v, Long::sum)); // none unless a count failed
            admittedBefore = admitted;
            admittedBeforeTotal += admittedTotal;
            admitted = new HashMap<>();
            admittedTotal = 0;
            counting = backlog.count()
                    .invoke(this::counted)
                    .onFailure().invoke(this::countFailed)
                    .replaceWithVoid()
                    .memoize().indefinitely();
            return counting;
        }
    }

    private synchronized void counted(Backlog.Count count) {
        counted = count;
        admittedBefore = new HashMap<>();
        admittedBeforeTotal = 0;
        counting = null;
    }

    private synchronized void countFailed(Throwable e) {
        counting = null; // the admitted-before stay counted; the next count folds them back
    }

    /** What admission counts as awaiting screening now (the gauge {@code zmx_screening_backlog}); -1 before the first count. */
    public synchronized long backlog() {
        return counted == null ? -1 : counted.total() + admittedTotal + admittedBeforeTotal;
    }
}
