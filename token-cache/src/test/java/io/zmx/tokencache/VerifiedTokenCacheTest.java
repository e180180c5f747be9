package io.zmx.tokencache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache's bounds on their own, with a clock the test moves. */
class VerifiedTokenCacheTest {

    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
    private final SecurityIdentity someone = QuarkusSecurityIdentity.builder().setPrincipal(() -> "someone").build();

    private VerifiedTokenCache cache(long maxSize) {
        return new VerifiedTokenCache(true, maxSize, Duration.ofMinutes(10), clock::get);
    }

    private long nowSeconds() {
        return clock.get() / 1000;
    }

    @Test
    void holdsNoMoreThanItsMaximumSizeHoweverManyTokensItSees() {
        VerifiedTokenCache cache = cache(100);
        for (int i = 0; i < 20_000; i++) {
            cache.put(TokenKey.of("token-" + i), someone, nowSeconds() + 300, cache.keyGeneration());
        }
        assertTrue(cache.size() <= 100, "size " + cache.size());
    }

    @Test
    void neverAnswersForATokenPastItsExp() {
        VerifiedTokenCache cache = cache(10);
        TokenKey key = TokenKey.of("a.b.c");
        cache.put(key, someone, nowSeconds() + 60, cache.keyGeneration());
        assertNotNull(cache.get(key));
        clock.addAndGet(59_999);
        assertNotNull(cache.get(key), "still valid one millisecond before exp");
        clock.addAndGet(1);
        assertNull(cache.get(key), "exp reached");
    }

    @Test
    void anAlreadyExpiredTokenIsNotCached() {
        VerifiedTokenCache cache = cache(10);
        cache.put(TokenKey.of("old"), someone, nowSeconds(), cache.keyGeneration());
        assertEquals(0, cache.size());
    }

    @Test
    void aKeyChangeDropsEverythingAndAVerificationThatRacedItIsNotKept() {
        VerifiedTokenCache cache = cache(10);
        TokenKey before = TokenKey.of("before");
        cache.put(before, someone, nowSeconds() + 60, cache.keyGeneration());
        long generationWhenVerificationStarted = cache.keyGeneration();
        cache.keysChanged();
        assertNull(cache.get(before));
        TokenKey raced = TokenKey.of("raced");
        cache.put(raced, someone, nowSeconds() + 60, generationWhenVerificationStarted);
        assertNull(cache.get(raced), "verified with the old keys, finished after the change");
    }

    @Test
    void tokensWithTheSameHashPrefixAreStillDifferentKeys() {
        assertEquals(TokenKey.of("x.y.z"), TokenKey.of("x.y.z"));
        assertTrue(!TokenKey.of("x.y.z").equals(TokenKey.of("x.y.z2")));
    }
}
