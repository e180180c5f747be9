package io.zmx.tokencache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A token's SHA-256, the only thing the cache keeps of the token itself: a heap dump of the cache shows
 * no usable bearer token as a key, and a key is 32 bytes whatever the token's size. Four longs make
 * equality and hashing cheap.
 */
record TokenKey(long a, long b, long c, long d) {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    static TokenKey of(String token) {
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
