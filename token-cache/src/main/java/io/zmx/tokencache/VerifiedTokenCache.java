package io.zmx.tokencache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Identities of tokens that passed quarkus-oidc's full check, keyed by the token's SHA-256. An entry
 * lives at most until the token's {@code exp} (and never longer than {@link TokenCacheConfig#maxTtl()}); the cache
 * holds at most {@link TokenCacheConfig#maxSize()} entries (least recently used go first); everything is forgotten when the
 * issuer's key set changes ({@link #keysChanged()}).
 */
@ApplicationScoped
public class VerifiedTokenCache {

    /** A verified identity and the second (epoch) its token expires. */
    record Entry(SecurityIdentity identity, long expiresAtEpochSecond) {}

    private final Cache<TokenKey, Entry> entries;
    private final boolean enabled;
    private final long maxTtlNanos;
    private final LongSupplier epochMillis;
    /** Bumped on every key-set change: a verification that started before it must not be cached after it. */
    private final AtomicLong keyGeneration = new AtomicLong();

    @Inject
    VerifiedTokenCache(TokenCacheConfig config) {
        this(config.enabled(), config.maxSize(), config.maxTtl(), System::currentTimeMillis);
    }

    VerifiedTokenCache(boolean enabled, long maxSize, Duration maxTtl, LongSupplier epochMillis) {
        this.enabled = enabled;
        this.maxTtlNanos = maxTtl.toNanos();
        this.epochMillis = epochMillis;
        this.entries = Caffeine.newBuilder()
                .maximumSize(Math.max(1, maxSize))
                .expireAfter(new Expiry<TokenKey, Entry>() {
                    @Override
                    public long expireAfterCreate(TokenKey key, Entry entry, long currentTime) {
                        long left = TimeUnit.MILLISECONDS.toNanos(
                                entry.expiresAtEpochSecond() * 1000 - VerifiedTokenCache.this.epochMillis.getAsLong());
                        return Math.max(0, Math.min(left, maxTtlNanos));
                    }

                    @Override
                    public long expireAfterUpdate(TokenKey key, Entry entry, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, entry, currentTime);
                    }

                    @Override
                    public long expireAfterRead(TokenKey key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .recordStats()
                .build();
    }

    boolean enabled() {
        return enabled;
    }

    /** The identity verified for this token, if it is cached and its token has not expired yet. */
    SecurityIdentity get(TokenKey key) {
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            return null;
        }
        // Caffeine's expiry runs on its own clock and evicts lazily: the token's exp is checked here too
        if (epochMillis.getAsLong() >= entry.expiresAtEpochSecond() * 1000) {
            entries.invalidate(key);
            return null;
        }
        return entry.identity();
    }

    long keyGeneration() {
        return keyGeneration.get();
    }

    /**
     * Remembers a freshly verified identity, unless the issuer's keys changed while it was being verified
     * (the generation read before verification differs) or the token is about to expire anyway.
     */
    void put(TokenKey key, SecurityIdentity identity, long expiresAtEpochSecond, long generationAtStart) {
        if (expiresAtEpochSecond * 1000 <= epochMillis.getAsLong()) {
            return;
        }
        entries.put(key, new Entry(identity, expiresAtEpochSecond));
        if (keyGeneration.get() != generationAtStart) {
            entries.invalidate(key); // lost a race with a key rotation: verify again next time
        }
    }

    /** The issuer's key set changed: every cached identity must pass the full check again. */
    public void keysChanged() {
        keyGeneration.incrementAndGet();
        entries.invalidateAll();
    }

    /** Entries now held (after pending evictions), for tests and metrics. */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /** Requests answered from the cache since start. */
    public long hits() {
        return entries.stats().hitCount();
    }
}
