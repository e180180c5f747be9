package io.zmx.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The limiter on its own: still limits, and its memory stays bounded however many clients call. */
class RateLimiterTest {

    @Test
    void aClientOverItsBurstIsRefusedWithARetryAfter() {
        RateLimiter limiter = new RateLimiter(true, 1, 3, 1000);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.acquire("azp:partner").allowed());
        }
        RateLimiter.Decision refused = limiter.acquire("azp:partner");
        assertFalse(refused.allowed());
        assertTrue(refused.retryAfterSeconds() >= 1);
        assertTrue(limiter.acquire("azp:another").allowed(), "another client has its own bucket");
    }

    @Test
    void memoryIsBoundedUnderAFloodOfDistinctClients() {
        RateLimiter limiter = new RateLimiter(true, 50, 100, 1000);
        for (int i = 0; i < 200_000; i++) {
            limiter.acquire("sub:client-" + i);
        }
        assertTrue(limiter.trackedClients() <= 1000, "tracked " + limiter.trackedClients());
    }
}
