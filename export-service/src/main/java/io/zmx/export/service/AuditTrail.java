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
 */
@ApplicationScoped
public class AuditTrail {

    public static final String GENESIS = "0".repeat(64);

    /** Called only by {@link FilingLifecycle}, inside the transaction that changes the status. */
    Uni<Void> append(Filing f, FilingStatus from, FilingStatus to, String actor, String role, String reason) {
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
        e.hash = hash(e);
        f.auditSeq = e.seq;
        f.auditHead = e.hash;
        return e.persist().replaceWithVoid();
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

    static String hash(FilingEvent e) {
        String material = String.join("\u001f", e.prevHash, String.valueOf(e.filingId), String.valueOf(e.seq),
                nz(e.actor), nz(e.actorRole), e.at.toString(), nz(e.fromStatus), nz(e.toStatus), nz(e.reason));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
