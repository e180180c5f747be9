package io.zmx.tokencache;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A token's SHA-256, the only thing the cache keeps of the token itself: a heap dump of the cache shows
 * no usable bearer token as a key, and a key is 32 bytes whatever the token's size. Four longs make
 * equality and hashing cheap.
 */
record TokenKey(long a, long b, long c, long d) {

    /** The routing-context attribute holding this request's token and its key, so a request hashes its token once. */
    private static final String ATTRIBUTE = TokenKey.class.getName();

    /** Tokens hashed since start (tests: a request hashes its token once, whether the cache has it or not). */
    static final LongAdder COMPUTED = new LongAdder();

    /** A token and its key, as left on the routing context by the first of this request's lookups. */
    private record Computed(String token, TokenKey key) {}

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    /**
     * The key of this request's token: the fast path ({@link CachedBearerMechanism}) hashes it and, on a miss,
     * {@link CachingTokenIdentityProvider} asks again for the same request; the key is reused only for the very
     * same token string, so a request whose token was read differently is hashed again, never given another key.
     */
    static TokenKey of(String token, RoutingContext rc) {
        if (rc == null) {
            return of(token);
        }
        if (rc.get(ATTRIBUTE) instanceof Computed computed && computed.token().equals(token)) {
            return computed.key();
        }
        TokenKey key = of(token);
        rc.put(ATTRIBUTE, new Computed(token, key));
        return key;
    }

    static TokenKey of(String token) {
        COMPUTED.increment();
        byte[] h = SHA_256.get().digest(token.getBytes(StandardCharsets.US_ASCII));
        return new TokenKey(longAt(h, 0), longAt(h, 8), longAt(h, 16), longAt(h, 24));
    }

    private static long longAt(byte[] b, int i) {
        long v = 0;
        for (int k = i; k < i + 8; k++) {
            v = (v << 8) | (b[k] & 0xFF);
        }
        return v;
    }
}
