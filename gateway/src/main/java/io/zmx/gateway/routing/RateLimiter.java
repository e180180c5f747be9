package io.zmx.gateway.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.zmx.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * A token bucket per client: {@code burst} requests at once, refilled at {@code requestsPerSecond}.
 * In memory, so each gateway replica counts on its own; behind N replicas a client gets up to N times
 * the rate, which is the intended trade for having no shared store.
 * <p>
 * Memory is bounded however many distinct clients call: the buckets live in a Caffeine cache of at most
 * {@code max-clients} entries, and a bucket nobody used for as long as a refill takes (it would be full
 * again) is dropped, so it costs nothing to forget it. Eviction is amortised by Caffeine, never a sweep of
 * the whole map on a request. Under a flood of more distinct clients than the bound, the least recently
 * seen are forgotten first, which can only make the limiter more lenient to them, never stricter.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Decision ALLOWED = new Decision(true, 0);

    private final Cache<String, Bucket> buckets;
    private final boolean enabled;
    private final double perNano;
    private final double burst;

    public record Decision(boolean allowed, long retryAfterSeconds) {}

    @Inject
    RateLimiter(GatewayConfig config) {
        this(config.rateLimit().enabled(), config.rateLimit().requestsPerSecond(), config.rateLimit().burst(),
                config.rateLimit().maxClients());
    }

    RateLimiter(boolean enabled, double requestsPerSecond, int burst, long maxClients) {
        this.enabled = enabled;
        this.perNano = requestsPerSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(Math.max(1, maxClients))
                .expireAfterAccess(Duration.ofNanos(Math.max(1_000_000L, (long) Math.ceil(burst / perNano))))
                .build();
    }

    public Decision acquire(String client) {
        if (!enabled) {
            return ALLOWED;
        }
        long now = System.nanoTime();
        Bucket bucket = buckets.get(client, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return ALLOWED;
            }
            double waitSeconds = (1 - bucket.tokens) / perNano / 1e9;
            return new Decision(false, Math.max(1, (long) Math.ceil(waitSeconds)));
        }
    }

    /** Clients tracked now (after pending evictions); for tests and metrics. */
    public long trackedClients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
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
