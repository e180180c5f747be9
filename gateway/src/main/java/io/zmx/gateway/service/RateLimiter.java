package io.zmx.gateway.service;

import io.zmx.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: {@code burst} requests at once, refilled at {@code requestsPerSecond}.
 * In memory, so each gateway replica counts on its own; behind N replicas a client gets up to N times
 * the rate, which is the intended trade for having no shared store.
 */
@ApplicationScoped
public class RateLimiter {

    /** Buckets idle this long are full again and can be forgotten. */
    private static final int MAX_TRACKED = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final double perNano;
    private final double burst;

    public record Decision(boolean allowed, long retryAfterSeconds) {}

    RateLimiter(GatewayConfig config) {
        this.enabled = config.rateLimit().enabled();
        this.perNano = config.rateLimit().requestsPerSecond() / 1e9;
        this.burst = Math.max(1, config.rateLimit().burst());
    }

    public Decision acquire(String client) {
        if (!enabled) {
            return new Decision(true, 0);
        }
        long now = System.nanoTime();
        if (buckets.size() > MAX_TRACKED) {
            forgetIdle(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Decision(true, 0);
            }
            double waitSeconds = (1 - bucket.tokens) / perNano / 1e9;
            return new Decision(false, Math.max(1, (long) Math.ceil(waitSeconds)));
        }
    }

    private void forgetIdle(long now) {
        long refill = (long) (burst / perNano);
        buckets.entrySet().removeIf(e -> now - e.getValue().updated > refill);
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
