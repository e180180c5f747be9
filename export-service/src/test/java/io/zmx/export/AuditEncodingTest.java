package io.zmx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zmx.export.domain.Filing;
import io.zmx.export.domain.FilingEvent;
import io.zmx.export.service.AuditTrail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 12: the audit chain's encoding tells null from "" and field boundaries apart; old chains still verify. */
class AuditEncodingTest {

    final UUID filing = UUID.randomUUID();
    final Instant at = Instant.parse("2026-03-01T10:00:00.123456Z");

    private FilingEvent event(int version, int seq, String prev, String actor, String role, String from, String to, String reason) {
        FilingEvent e = new FilingEvent();
        e.id = (long) seq;
        e.filingId = filing;
        e.seq = seq;
        e.actor = actor;
        e.actorRole = role;
        e.at = at;
        e.fromStatus = from;
        e.toStatus = to;
        e.reason = reason;
        e.prevHash = prev;
        e.hashVersion = version;
        e.hash = AuditTrail.hash(e);
        return e;
    }

    @Test
    void aNullReasonAndAnEmptyOneHashApartAndNoTextMovesAFieldBoundary() {
        String g = AuditTrail.GENESIS;
        // the legacy encoding could not tell these apart; the canonical one can
        assertEquals(event(AuditTrail.LEGACY, 1, g, "a", "exporter", null, "DRAFT", null).hash,
                event(AuditTrail.LEGACY, 1, g, "a", "exporter", null, "DRAFT", "").hash);
        assertNotEquals(event(AuditTrail.CANONICAL, 1, g, "a", "exporter", null, "DRAFT", null).hash,
                event(AuditTrail.CANONICAL, 1, g, "a", "exporter", null, "DRAFT", "").hash);
        assertNotEquals(event(AuditTrail.CANONICAL, 1, g, "a\u001fexporter", "", null, "DRAFT", "x").hash,
                event(AuditTrail.CANONICAL, 1, g, "a", "\u001fexporter", null, "DRAFT", "x").hash);
    }

    @Test
    void aChainWrittenWithTheLegacyEncodingStillVerifiesAndGoesOnWithTheCanonicalOne() {
        List<FilingEvent> chain = new ArrayList<>();
        chain.add(event(AuditTrail.LEGACY, 1, AuditTrail.GENESIS, "exp", "exporter", null, "DRAFT", "created"));
        chain.add(event(AuditTrail.LEGACY, 2, chain.get(0).hash, "exp", "exporter", "DRAFT", "SUBMITTED", null));
        chain.add(event(AuditTrail.CANONICAL, 3, chain.get(1).hash, "exp", "exporter", "SUBMITTED", "WITHDRAWN", "cancelled"));
        Filing f = new Filing();
        f.id = filing;
        f.auditSeq = 3;
        f.auditHead = chain.get(2).hash;
        assertTrue(new AuditTrail().verify(f, chain).valid());

        chain.get(1).reason = ""; // the legacy ambiguity: still verifies, as it did
        assertTrue(new AuditTrail().verify(f, chain).valid());
        chain.get(2).reason = "changed";
        AuditTrail.Verification v = new AuditTrail().verify(f, chain);
        assertFalse(v.valid());
        assertEquals(3, v.firstBrokenSeq());
    }
}
