package io.zmx.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the reactive store shares with the blocking one without a database: the fingerprint and the answer given when
 * the key row exists already. The full round trip (insert first, concurrent duplicate, rollback) runs in the
 * services' REST tests against PostgreSQL (e.g. compliance-service's SecurityAndInputTest).
 */
class ReactiveIdempotencyTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSameRequestInAnotherNumberSpellingHasTheSameFingerprint() {
        Object body = Map.of("amount", new BigDecimal("15000.00"), "currency", "USD");
        assertEquals(IdempotencyStore.fingerprint(json, "POST", "/api/v1/x", body),
                IdempotencyStore.fingerprint(json, "POST", "/api/v1/x", Map.of("currency", "USD", "amount", 15000)));
    }

    @Test
    void aStoredAnswerIsReplayedWithItsHeaders() {
        String fp = IdempotencyStore.fingerprint(json, "POST", "/p", Map.of("a", 1));
        Response r = IdempotencyStore.storedAnswer("k", fp, new Object[] {fp + "  ", 201, "{\"id\":1}", "\"3\"", "http://h/p/1"});
        assertEquals(201, r.getStatus());
        assertEquals("true", r.getHeaderString("Idempotent-Replayed"));
        assertEquals("\"3\"", r.getHeaderString("ETag"));
        assertEquals("http://h/p/1", r.getLocation().toString());
        assertEquals("{\"id\":1}", r.getEntity());

        Response problem = IdempotencyStore.storedAnswer("k", fp, new Object[] {fp, 404, "{}", null, null});
        assertEquals(Problem.MEDIA_TYPE, String.valueOf(problem.getMediaType()));
    }

    @Test
    void theSameKeyWithAnotherRequestIs422AndAnUnansweredKeyIs409() {
        String fp = IdempotencyStore.fingerprint(json, "POST", "/p", Map.of("a", 1));
        String other = IdempotencyStore.fingerprint(json, "POST", "/p", Map.of("a", 2));
        ProblemException reused = assertThrows(ProblemException.class,
                () -> IdempotencyStore.storedAnswer("k", other, new Object[] {fp, 201, "{}", null, null}));
        assertEquals(422, reused.toProblem(null).status());
        ProblemException pending = assertThrows(ProblemException.class,
                () -> IdempotencyStore.storedAnswer("k", fp, new Object[] {fp, 0, "", null, null}));
        assertEquals(409, pending.toProblem(null).status());
    }

    @Test
    void aBadKeyFailsTheUniWithoutTouchingTheDatabase() {
        ReactiveIdempotency store = new ReactiveIdempotency(json, "idempotency_keys");
        Throwable failure = assertThrows(ProblemException.class, () -> store.run("c", "x".repeat(201), "POST", "/p",
                Map.of(), () -> { throw new AssertionError("no write"); }).await().indefinitely());
        assertEquals(400, ((ProblemException) failure).toProblem(null).status());
    }
}
