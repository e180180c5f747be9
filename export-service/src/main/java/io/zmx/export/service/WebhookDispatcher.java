package io.zmx.export.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.zmx.export.ExportConfig;
import io.zmx.export.client.EndpointAddresses;
import io.zmx.export.client.WebhookSender;
import io.zmx.export.domain.WebhookSignature;
import io.zmx.export.persistence.WebhookOutbox;
import io.zmx.export.persistence.WebhookOutbox.Claim;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Delivers the {@code event} outbox to webhook endpoints, at least once (Standard Webhooks: {@code webhook-id} is
 * the event's id, the same on every attempt, so receivers de-duplicate on it).
 * <p>
 * A pump, on one Vert.x context so that its counters need no locks: it fans new events out into delivery rows,
 * claims due deliveries ({@code FOR UPDATE SKIP LOCKED}, several instances never take the same one; endpoints
 * taken in turn, at most {@code per-endpoint} of one endpoint in flight) as long as fewer than {@code concurrency}
 * are in flight, and pumps again whenever one finishes, so a backlog drains continuously; when nothing is due it
 * stops until the timer ({@code every}) wakes it. Each attempt runs outside any transaction and holds no
 * connection: the URL is resolved and checked again (SSRF guard) and the request goes to the checked address; the
 * outcome is then recorded in one statement, only if the claim still holds. A failed attempt is retried after an
 * exponential backoff with full jitter until {@code retry-for} after the delivery was queued, then it is FAILED;
 * an endpoint that fails {@code disable-after-failures} times in a row over at least {@code disable-after-failing-for}
 * is disabled, with a {@code webhook.endpoint.disabled} event for its owner.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final WebhookOutbox outbox;
    private final WebhookSender sender;
    private final Vertx vertx;
    private final ExportConfig.Webhooks config;
    private final Counter delivered;
    private final Counter failedAttempts;
    private final Timer lag;

    // touched on `context` only
    private Context context;
    private long timerId = -1;
    private boolean claiming;
    private int inFlight;
    private final Map<UUID, Integer> inFlightByEndpoint = new HashMap<>();
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();

    public WebhookDispatcher(WebhookOutbox outbox, WebhookSender sender, Vertx vertx, ExportConfig config, MeterRegistry meters) {
        this.outbox = outbox;
        this.sender = sender;
        this.vertx = vertx;
        this.config = config.webhooks();
        this.delivered = meters.counter("zmx.webhooks.delivered");
        this.failedAttempts = meters.counter("zmx.webhooks.failed.attempts");
        this.lag = Timer.builder("zmx.webhooks.lag").description("event written to webhook delivered")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    void start(@Observes StartupEvent ignored) {
        context = vertx.getOrCreateContext();
        if (config.enabled()) {
            timerId = vertx.setPeriodic(config.every().toMillis(), id -> context.runOnContext(v -> pump()));
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timerId >= 0) vertx.cancelTimer(timerId);
    }

    /**
     * Pumps until nothing more is due right now and nothing is in flight (tests call it; the timer does the same
     * without waiting). Retries that fall due later need another call.
     */
    public void drainNow() {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        context.runOnContext(v -> {
            idleWaiters.add(idle);
            pump();
            checkIdle();
        });
        try {
            idle.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("webhook dispatcher did not become idle", e);
        }
    }

    private void pump() {
        if (claiming || inFlight >= config.concurrency()) return;
        claiming = true;
        int room = Math.min(config.batchSize(), config.concurrency() - inFlight);
        List<UUID> saturated = new ArrayList<>();
        inFlightByEndpoint.forEach((id, n) -> {
            if (n >= config.perEndpoint()) saturated.add(id);
        });
        Instant now = Instant.now();
        outbox.fanOut(config.fanOutBatch())
                .chain(fanned -> outbox.claim(now, now.plus(config.lease()), room, config.perEndpoint(), saturated)
                        .map(claims -> new Round(fanned, claims)))
                .subscribe().with(
                        round -> context.runOnContext(v -> {
                            claiming = false;
                            round.claims.forEach(this::start);
                            if (!round.claims.isEmpty() || round.fanned == config.fanOutBatch()) {
                                pump();
                            }
                            checkIdle();
                        }),
                        e -> context.runOnContext(v -> {
                            claiming = false;
                            LOG.warnf("webhook claim failed: %s", e.toString());
                            checkIdle();
                        }));
    }

    private record Round(int fanned, List<Claim> claims) {}

    private void start(Claim c) {
        inFlight++;
        inFlightByEndpoint.merge(c.endpointId(), 1, Integer::sum);
        attempt(c).subscribe().with(
                ok -> context.runOnContext(v -> finished(c)),
                e -> context.runOnContext(v -> {
                    LOG.warnf("webhook delivery %s: recording the attempt failed: %s", c.deliveryId(), e.toString());
                    finished(c);
                }));
    }

    private void finished(Claim c) {
        inFlight--;
        inFlightByEndpoint.computeIfPresent(c.endpointId(), (id, n) -> n <= 1 ? null : n - 1);
        pump();
        checkIdle();
    }

    private void checkIdle() {
        if (!claiming && inFlight == 0 && !idleWaiters.isEmpty()) {
            idleWaiters.forEach(w -> w.complete(null));
            idleWaiters.clear();
        }
    }

    /** One attempt: check the address, sign, send, record. */
    private Uni<Void> attempt(Claim c) {
        byte[] body = body(c);
        return sender.target(c.url(), config.allowLoopback())
                .onItemOrFailure().transformToUni((target, refused) -> {
                    Instant sentAt = Instant.now();
                    if (refused != null) {
                        String why = refused instanceof EndpointAddresses.Refused ? "refused: " + refused.getMessage() : refused.toString();
                        return recordFailure(c, sentAt, null, 0, why);
                    }
                    long ts = sentAt.getEpochSecond();
                    String id = c.eventId().toString();
                    String previous = c.previousSecretUntil() != null && sentAt.isBefore(c.previousSecretUntil()) ? c.previousSecret() : null;
                    Map<String, String> headers = Map.of(
                            "webhook-id", id,
                            "webhook-timestamp", Long.toString(ts),
                            "webhook-signature", WebhookSignature.header(id, ts, body, c.secret(), previous));
                    return sender.send(target, headers, body, config.requestTimeout()).chain(outcome -> {
                        Instant done = Instant.now();
                        if (outcome.delivered()) {
                            delivered.increment();
                            lag.record(Duration.between(c.occurredAt(), done));
                            return outbox.delivered(c, sentAt, outcome.statusCode(), outcome.latencyMs());
                        }
                        return recordFailure(c, sentAt, outcome.statusCode(), outcome.latencyMs(), outcome.error());
                    });
                });
    }

    private Uni<Void> recordFailure(Claim c, Instant at, Integer status, int latencyMs, String error) {
        failedAttempts.increment();
        Instant next = nextAttempt(c, at);
        return outbox.failed(c, at, status, latencyMs, error, next).chain(streak -> {
            if (streak == null || streak.consecutiveFailures() < config.disableAfterFailures()
                    || streak.failingSince().plus(config.disableAfterFailingFor()).isAfter(at)) {
                return Uni.createFrom().voidItem();
            }
            String reason = streak.consecutiveFailures() + " failed attempts in a row since " + streak.failingSince()
                    + "; last: " + error;
            return outbox.disable(c.endpointId(), at, reason).invoke(did -> {
                if (did) LOG.warnf("webhook endpoint %s disabled: %s", c.endpointId(), reason);
            }).replaceWithVoid();
        });
    }

    /** Full jitter: a random wait up to min(max, base * 2^(attempt-1)); null once the retry window is over. */
    Instant nextAttempt(Claim c, Instant now) {
        Instant deadline = c.retryFrom().plus(config.retryFor());
        if (!now.isBefore(deadline)) return null;
        long base = config.backoffBase().toMillis();
        long cap = config.backoffMax().toMillis();
        int shift = Math.min(30, Math.max(0, c.attempts() - 1));
        long ceiling = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
        Instant next = now.plusMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
        return next.isAfter(deadline) ? deadline : next;
    }

    /** The Standard Webhooks payload: type, timestamp (when the event was written) and data (the event's payload). */
    private static byte[] body(Claim c) {
        return ("{\"type\":\"" + c.eventType().replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"timestamp\":\""
                + c.occurredAt() + "\",\"data\":" + c.payload() + "}").getBytes(StandardCharsets.UTF_8);
    }
}
