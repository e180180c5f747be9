package io.zmx.export.service;

import io.zmx.export.domain.Filing;
import io.zmx.export.domain.FilingEvent;
import io.zmx.export.domain.FilingStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * Appends hash-chained events and verifies chains. Each event's hash covers the previous event's
 * hash and every field of the event; the filing keeps the head, so a removed last event shows too.
 * <p>
 * The encoding is versioned per event ({@code hash_version}): new events use {@link #CANONICAL}, a length-prefixed
 * encoding in which a null field and an empty one differ and no text can move a field boundary; events written
 * before it keep {@link #LEGACY} (fields joined by U+001F, null as "") and verify as they were written.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String GENESIS = "0".repeat(64);
    public static final int LEGACY = 1;
    public static final int CANONICAL = 2;

    /** Called only by {@link FilingLifecycle}, inside the transaction that changes the status. */
    Uni<Void> append(Filing f, FilingStatus from, FilingStatus to, String actor, String role, String reason) {
        return next(f, from, to, actor, role, reason).persist().replaceWithVoid();
    }

    /**
     * The filing's next event, chained to its head, and the head moved on to it; not yet written (the caller writes
     * it in the same transaction: {@link #append}, or {@code persistence.VerdictRows} with the verdict's other rows).
     */
    FilingEvent next(Filing f, FilingStatus from, FilingStatus to, String actor, String role, String reason) {
        FilingEvent e = new FilingEvent();
        e.filingId = f.id;
        e.seq = f.auditSeq + 1;
        e.actor = actor;
        e.actorRole = role;
        e.at = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps, so the hash survives a read
        e.fromStatus = from == null ? null : from.name();
        e.toStatus = to.name();
        e.reason = reason;
        e.prevHash = f.auditHead == null ? GENESIS : f.auditHead;
        e.hashVersion = CANONICAL;
        e.hash = hash(e);
        f.auditSeq = e.seq;
        f.auditHead = e.hash;
        return e;
    }

    public record Verification(boolean valid, int events, Long firstBrokenEventId, Integer firstBrokenSeq, String problem) {}

    public Verification verify(Filing f, List<FilingEvent> events) {
        String prev = GENESIS;
        int expectedSeq = 1;
        for (FilingEvent e : events) {
            if (e.seq != expectedSeq) {
                return new Verification(false, events.size(), e.id, e.seq, "event " + expectedSeq + " is missing");
            }
            if (!prev.equals(e.prevHash)) {
                return new Verification(false, events.size(), e.id, e.seq, "previous-hash link does not match event " + (e.seq - 1));
            }
            if (!hash(e).equals(e.hash)) {
                return new Verification(false, events.size(), e.id, e.seq, "content does not match its hash (altered)");
            }
            prev = e.hash;
            expectedSeq++;
        }
        if (f.auditSeq != events.size() || !prev.equals(f.auditHead == null ? GENESIS : f.auditHead)) {
            FilingEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
            return new Verification(false, events.size(), last == null ? null : last.id, events.size() + 1,
                    "chain ends before the filing's recorded head (event " + f.auditSeq + ")");
        }
        return new Verification(true, events.size(), null, null, null);
    }

    /** The event's hash in the encoding its {@code hashVersion} names. */
    public static String hash(FilingEvent e) {
        return switch (e.hashVersion) {
            case LEGACY -> sha256(String.join("\u001f", e.prevHash, String.valueOf(e.filingId), String.valueOf(e.seq),
                    nz(e.actor), nz(e.actorRole), e.at.toString(), nz(e.fromStatus), nz(e.toStatus), nz(e.reason))
                    .getBytes(StandardCharsets.UTF_8));
            case CANONICAL -> sha256(canonical(e.prevHash, String.valueOf(e.filingId), String.valueOf(e.seq), e.actor,
                    e.actorRole, e.at.toString(), e.fromStatus, e.toStatus, e.reason));
            default -> "unknown hash version " + e.hashVersion; // never equal to a stored hash: reported as altered
        };
    }

    /**
     * "zmx-audit-v2", then per field: {@code -} for null, or the UTF-8 byte length, {@code :}, the bytes. Unambiguous:
     * the reader of the stream always knows where a field ends and whether it was absent.
     */
    static byte[] canonical(String... fields) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
        out.writeBytes("zmx-audit-v2".getBytes(StandardCharsets.US_ASCII));
        for (String field : fields) {
            if (field == null) {
                out.write('-');
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(bytes);
            }
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] material) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(material));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
