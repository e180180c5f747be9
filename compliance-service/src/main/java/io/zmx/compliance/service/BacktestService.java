package io.zmx.compliance.service;

import com.fasterxml.jackson.core.JsonParser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.zmx.compliance.domain.Applicability;
import io.zmx.compliance.domain.RuleSet;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.engine.Activation;
import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.engine.Outcome;
import io.zmx.compliance.engine.RuleHit;
import io.zmx.compliance.persistence.JsonColumns;
import io.zmx.compliance.persistence.ReplayRows;
import io.zmx.compliance.persistence.RuleSetVersions;
import io.zmx.compliance.persistence.RuleSets;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays stored evaluation inputs with a candidate version (usually a draft) in place of its
 * jurisdiction's version in force, and counts how outcomes would have changed. Read-only.
 *
 * <p>A backtest may cover a million stored evaluations, so nothing is held whole: the rule sets are read in one
 * session (a fixed number of statements), then the evaluations stream in pages in {@code (as_of, id)} order
 * ({@link ReplayRows}), and while one page is replayed the next is already being read. A page is replayed on the
 * backtest's own threads ({@code zmx.compliance.backtest.threads}, split evenly, merged in order so the report is
 * the same whatever the thread count), never on the event loop. One instance runs at most
 * {@code zmx.compliance.backtest.concurrent} backtests at a time; another caller meanwhile gets 429 with
 * Retry-After, so a rule author's replay cannot take the CPU every evaluation needs.
 */
@ApplicationScoped
public class BacktestService {

    private final RuleSetQueries queries;
    private final RuleSets sets;
    private final RuleSetVersions versions;
    private final ReplayRows rows;
    private final CompiledRuleSets compiled;
    private final ComplianceConfig.Backtest config;
    private final Semaphore running;
    private final ExecutorService replayers;

    public BacktestService(RuleSetQueries queries, RuleSets sets, RuleSetVersions versions, ReplayRows rows,
            CompiledRuleSets compiled, ComplianceConfig config) {
        this.queries = queries;
        this.sets = sets;
        this.versions = versions;
        this.rows = rows;
        this.compiled = compiled;
        this.config = config.backtest();
        this.running = new Semaphore(Math.max(1, this.config.concurrent()));
        AtomicInteger n = new AtomicInteger();
        this.replayers = Executors.newFixedThreadPool(threads(), r -> {
            Thread t = new Thread(r, "backtest-replay-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Replay threads: configured, else one per core. */
    private int threads() {
        return Math.max(1, config.threads().orElse(Runtime.getRuntime().availableProcessors()));
    }

    @PreDestroy
    void stop() {
        replayers.shutdownNow();
    }

    /** The rule sets one backtest judges with, read once before it replays. */
    private record Rules(RuleSet set, CompiledRuleSet candidate, List<RuleSet> sets, List<RuleSetVersion> versions,
            Map<Long, CompiledRuleSet> compiledVersions, long considered) {}

    public Uni<BacktestReport> backtest(String jurisdiction, int version, LocalDate from, LocalDate to, Integer sampleSize) {
        if (to.isBefore(from)) {
            throw ProblemException.invalid("validation", "Request is not valid", "to is before from",
                    List.of(new Problem.Violation("to", "must not be before from")));
        }
        if (!running.tryAcquire()) {
            return Uni.createFrom().failure(busy());
        }
        int samples = sampleSize == null ? 5 : sampleSize;
        return Panache.withSession(() -> rules(jurisdiction, version, from, to))
                .chain(rules -> {
                    Tally tally = new Tally(samples, rules.considered());
                    return replayAll(rules, tally, from, to);
                })
                .map(tally -> tally.report(jurisdiction, version, from, to))
                .onTermination().invoke(running::release);
    }

    private static ProblemException busy() {
        return new ProblemException(429, "backtest-busy", "A backtest is already running",
                "This instance replays one backtest at a time; retry when it has finished").retryAfter(10);
    }

    private Uni<Rules> rules(String jurisdiction, int version, LocalDate from, LocalDate to) {
        return queries.ruleSet(jurisdiction).chain(set -> queries.version(jurisdiction, version)
                .chain(compiled::of)
                .chain(candidate -> sets.all().chain(all -> versions.notDraftsOf(all.stream().map(s -> s.jurisdiction).toList())
                        .chain(vs -> compiled.of(vs).chain(cs -> {
                            Map<Long, CompiledRuleSet> byId = new HashMap<>();
                            for (int i = 0; i < vs.size(); i++) {
                                byId.put(vs.get(i).id, cs.get(i));
                            }
                            return rows.count(from, to).map(considered -> new Rules(set, candidate, all, vs, byId, considered));
                        })))));
    }

    /**
     * Replays page after page, each while the next one is read, until a page comes back short or the cap is reached.
     * A loop of callbacks, not a chain of Unis: a chain nested per page keeps every page it has seen reachable until
     * the last one completes (a million evaluations did not fit in 384 MB that way); here a page is garbage once it
     * is replayed. Each replay hops to a worker thread, so the stack never grows with the page count.
     */
    private Uni<Tally> replayAll(Rules rules, Tally tally, LocalDate from, LocalDate to) {
        return Uni.createFrom().emitter(emitter -> {
            java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
            emitter.onTermination(() -> cancelled.set(true));
            step(rules, tally, from, to, fetch(judged(rules.set()), from, to, null), emitter, cancelled);
        });
    }

    private java.util.concurrent.CompletableFuture<List<ReplayRows.Row>> fetch(ReplayRows.Judged judged, LocalDate from, LocalDate to,
            ReplayRows.After after) {
        return rows.page(from, to, judged, after, config.pageSize()).subscribeAsCompletionStage(); // starts reading now
    }

    /** The evaluations {@code set} judges, as {@link RuleSet#applies} says, for the database to select. */
    static ReplayRows.Judged judged(RuleSet set) {
        return switch (set.scope) {
            case ORIGIN -> new ReplayRows.Judged(true, List.of(set.jurisdiction));
            case DESTINATION -> new ReplayRows.Judged(false, List.of(set.jurisdiction));
            case GROUP -> new ReplayRows.Judged(false, List.copyOf(set.members()));
        };
    }

    private void step(Rules rules, Tally tally, LocalDate from, LocalDate to,
            java.util.concurrent.CompletableFuture<List<ReplayRows.Row>> fetching,
            io.smallrye.mutiny.subscription.UniEmitter<? super Tally> emitter, java.util.concurrent.atomic.AtomicBoolean cancelled) {
        fetching.whenComplete((page, failure) -> {
            if (failure != null) {
                emitter.fail(failure);
                return;
            }
            int room = config.maxEvaluations() - tally.read;
            if (cancelled.get() || page.isEmpty() || room <= 0) {
                tally.truncated |= room <= 0 && !page.isEmpty(); // judged evaluations left beyond the cap
                emitter.complete(tally);
                return;
            }
            List<ReplayRows.Row> mine = page.size() > room ? page.subList(0, room) : page;
            tally.truncated |= mine.size() < page.size();
            boolean last = page.size() < config.pageSize() || mine.size() < page.size();
            ReplayRows.Row end = mine.get(mine.size() - 1);
            java.util.concurrent.CompletableFuture<List<ReplayRows.Row>> next = last
                    ? java.util.concurrent.CompletableFuture.completedFuture(List.of())
                    : fetch(judged(rules.set()), from, to, new ReplayRows.After(end.asOf(), end.id()));
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    replay(rules, tally, mine);
                } catch (RuntimeException e) {
                    emitter.fail(e);
                    return;
                }
                step(rules, tally, from, to, next, emitter, cancelled);
            });
        });
    }

    /** CPU only: one page split across the replay threads, the parts merged in page order. */
    private Tally replay(Rules rules, Tally tally, List<ReplayRows.Row> page) {
        int parts = Math.max(1, Math.min(threads(), page.size()));
        int size = (page.size() + parts - 1) / parts;
        List<Future<Part>> futures = new ArrayList<>();
        for (int p = 1; p < parts; p++) {
            List<ReplayRows.Row> slice = page.subList(Math.min(page.size(), p * size), Math.min(page.size(), (p + 1) * size));
            futures.add(replayers.submit(() -> replaySlice(rules, tally, slice)));
        }
        List<Part> done = new ArrayList<>();
        done.add(replaySlice(rules, tally, page.subList(0, Math.min(page.size(), size))));
        for (Future<Part> f : futures) {
            try {
                done.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("backtest interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        tally.read += page.size();
        done.forEach(tally::add);
        return tally;
    }

    /** What one slice of a page changed: counts and, per transition, the ids in slice order. */
    private static final class Part {
        int replayed;
        final List<Move> moves = new ArrayList<>();
    }

    private record Move(Outcome was, Outcome now, UUID id) {}

    /** Which sets judge a stored evaluation: the same for every evaluation with this route and date. */
    private record Judging(String origin, String destination, LocalDate asOf) {}

    /**
     * Every row of the slice is one the candidate's set judges: the query selected only those ({@link #judged}),
     * so the replay does not ask {@link RuleSet#applies} again.
     */
    private Part replaySlice(Rules rules, Tally tally, List<ReplayRows.Row> slice) {
        Part part = new Part();
        for (ReplayRows.Row e : slice) {
            part.replayed++;
            List<CompiledRuleSet> judging = tally.setsByKey.computeIfAbsent(new Judging(e.origin(), e.destination(), e.asOf()),
                    k -> withCandidate(Applicability.inForce(Applicability.judging(rules.sets(), e.origin(), e.destination()),
                            rules.versions(), e.asOf()).stream().map(v -> rules.compiledVersions().get(v.id)).toList(), rules.candidate()));
            List<RuleHit> hits = compiled.engine().evaluate(judging, activation(e), e.asOf());
            Outcome now = Outcome.of(hits.stream().map(RuleHit::severity).toList());
            if (now != e.outcome()) {
                part.moves.add(new Move(e.outcome(), now, e.id()));
            }
        }
        return part;
    }

    /** The stored input parsed straight into the values CEL sees (no request objects in between): {@link Activation#read}. */
    private static Map<String, Object> activation(ReplayRows.Row e) {
        try (JsonParser p = JsonColumns.MAPPER.createParser(e.input())) {
            return Activation.read(p);
        } catch (IOException x) {
            throw new IllegalStateException("stored input of evaluation " + e.id() + " is unreadable: " + x.getMessage(), x);
        }
    }

    /** The running totals of one backtest; touched by one page's merge at a time. */
    private final class Tally {
        final int samples;
        final Map<Judging, List<CompiledRuleSet>> setsByKey = new ConcurrentHashMap<>();
        final Map<Outcome, Map<Outcome, List<UUID>>> moves = new EnumMap<>(Outcome.class);
        final Map<Outcome, Map<Outcome, Integer>> counts = new EnumMap<>(Outcome.class);
        long considered;
        int read, replayed, changed, stricter;
        boolean truncated;

        Tally(int samples, long considered) {
            this.samples = samples;
            this.considered = considered;
        }

        void add(Part part) {
            replayed += part.replayed;
            for (Move m : part.moves) {
                changed++;
                if (m.now().ordinal() > m.was().ordinal()) {
                    stricter++;
                }
                counts.computeIfAbsent(m.was(), o -> new EnumMap<>(Outcome.class)).merge(m.now(), 1, Integer::sum);
                List<UUID> ids = moves.computeIfAbsent(m.was(), o -> new EnumMap<>(Outcome.class))
                        .computeIfAbsent(m.now(), o -> new ArrayList<>());
                if (ids.size() < samples) {
                    ids.add(m.id());
                }
            }
        }

        BacktestReport report(String jurisdiction, int version, LocalDate from, LocalDate to) {
            List<BacktestReport.Transition> transitions = new ArrayList<>();
            counts.forEach((was, tos) -> tos.forEach((now, n) -> transitions.add(
                    new BacktestReport.Transition(was, now, n, moves.get(was).get(now)))));
            return new BacktestReport(jurisdiction, version, from, to, (int) Math.min(considered, Integer.MAX_VALUE),
                    replayed, replayed - changed, changed, stricter, changed - stricter, truncated, transitions);
        }
    }

    /** The sets in force then, with the candidate in place of (or added for) its jurisdiction. */
    private static List<CompiledRuleSet> withCandidate(List<CompiledRuleSet> inForce, CompiledRuleSet candidate) {
        List<CompiledRuleSet> sets = new ArrayList<>();
        boolean placed = false;
        for (CompiledRuleSet s : inForce) {
            if (s.jurisdiction().equals(candidate.jurisdiction())) {
                sets.add(candidate);
                placed = true;
            } else {
                sets.add(s);
            }
        }
        if (!placed) {
            sets.add(candidate);
        }
        return sets;
    }
}
