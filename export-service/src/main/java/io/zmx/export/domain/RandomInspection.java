package io.zmx.export.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Which GREEN filings go to an officer at random: SHA-256 of the filing id (its canonical lower-case text),
 * read as an unsigned number, modulo 10,000, below share x 10,000. Anyone can redo the draw from the id, so the
 * choice is reproducible and auditable, and an exporter cannot steer it (the id is assigned by the service).
 */
public final class RandomInspection {

    private RandomInspection() {}

    public record Draw(int value, int cutoff, boolean selected) {
        public String explanation() {
            return "SHA-256(filing id) mod 10000 = " + value + (selected ? " < " : " >= ") + cutoff;
        }
    }

    public static Draw draw(UUID filingId, BigDecimal share) {
        int cutoff = share.multiply(BigDecimal.valueOf(10_000)).intValue();
        int value = new BigInteger(1, sha256(filingId.toString())).mod(BigInteger.valueOf(10_000)).intValue();
        return new Draw(value, cutoff, value < cutoff);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
