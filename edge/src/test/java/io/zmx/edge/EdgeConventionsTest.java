package io.zmx.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The edge conventions on their own; the services' conformance tests check them over HTTP. */
class EdgeConventionsTest {

    record Price(String make, BigDecimal amount, int modelYear, LocalDate validFrom) {}

    static final ObjectMapper JSON = StrictJson.apply(new ObjectMapper().findAndRegisterModules());

    @Test
    void weakIfMatchNeverMatchesAStrongEtag() {
        assertEquals(3L, IfMatch.version("\"3\""));
        ProblemException weak = assertThrows(ProblemException.class, () -> IfMatch.version("W/\"3\""));
        assertEquals(412, weak.status());
        assertEquals(400, assertThrows(ProblemException.class, () -> IfMatch.version("3")).status());
        assertEquals(428, assertThrows(ProblemException.class, () -> IfMatch.required(null)).status());
        assertEquals(IfMatch.ANY, IfMatch.version("*"));
    }

    /** A busy resource answers 429 with Retry-After: thrown as ProblemException.retryAfter, the one way to say it. */
    @Test
    void aProblemThrownWithRetryAfterKeepsIt() {
        ProblemException busy = new ProblemException(429, "busy", "Busy", "Retry later").retryAfter(10);
        jakarta.ws.rs.core.Response answer = new ProblemMappers().problem(busy, null);
        assertEquals(429, answer.getStatus());
        assertEquals("10", answer.getHeaderString("Retry-After"));
        assertEquals(Problem.MEDIA_TYPE, String.valueOf(answer.getMediaType()));
        // wrapped by the framework (a reader or filter failing with it as the cause), it keeps it too
        assertEquals("10", new ProblemMappers().web(new jakarta.ws.rs.WebApplicationException(busy), null)
                .getHeaderString("Retry-After"));
        // and one thrown without it gets none
        assertEquals(null, new ProblemMappers().problem(new ProblemException(409, "conflict", "Conflict", "x"), null)
                .getHeaderString("Retry-After"));
        assertEquals(null, new ProblemMappers().web(new jakarta.ws.rs.WebApplicationException(
                Problem.of(409, "conflict", "Conflict", "x", null).toResponse()), null).getHeaderString("Retry-After"));
    }

    @Test
    void pagingNeverOverflows() {
        assertEquals(200_000_000L, Paging.offset(Paging.MAX_PAGE, Paging.MAX_SIZE));
        assertEquals(200_000_000, Paging.firstResult(Paging.MAX_PAGE, Paging.MAX_SIZE));
        assertEquals(4_294_967_294L, Paging.offset(Integer.MAX_VALUE, 2));
    }

    @Test
    void csvCellsAreNeutralisedAgainstFormulas() {
        assertEquals("'=HYPERLINK(\"\"http://x\"\")", CsvCells.cell("=HYPERLINK(\"http://x\")").replaceAll("^\"|\"$", ""));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\"", CsvCells.cell("=HYPERLINK(\"http://x\",\"a\")"));
        assertEquals("'+1", CsvCells.cell("+1"));
        assertEquals("'-1", CsvCells.cell("-1"));
        assertEquals("'@SUM(A1)", CsvCells.cell("@SUM(A1)"));
        assertEquals("'\tx", CsvCells.cell("\tx"));
        assertEquals("BYD", CsvCells.cell("BYD"));
        assertEquals("\"a,b\"", CsvCells.cell("a,b"));
        assertEquals("", CsvCells.cell(null));
    }

    @Test
    void fingerprintIsOfTheCanonicalParsedBody() throws Exception {
        Price a = JSON.readValue("{\"make\":\"BYD\",\"amount\":15000.0,\"modelYear\":2024,\"validFrom\":\"2024-01-01\"}", Price.class);
        Price b = JSON.readValue("{\"validFrom\":\"2024-01-01\",\"modelYear\":2024,\"amount\":15000.00,\"make\":\"BYD\"}", Price.class);
        Price c = JSON.readValue("{\"make\":\"BYD\",\"amount\":15000.01,\"modelYear\":2024,\"validFrom\":\"2024-01-01\"}", Price.class);
        assertEquals(IdempotencyStore.fingerprint(JSON, "POST", "/p", a), IdempotencyStore.fingerprint(JSON, "POST", "/p", b));
        assertTrue(!IdempotencyStore.fingerprint(JSON, "POST", "/p", a).equals(IdempotencyStore.fingerprint(JSON, "POST", "/p", c)));
        assertTrue(!IdempotencyStore.fingerprint(JSON, "POST", "/p", a).equals(IdempotencyStore.fingerprint(JSON, "PUT", "/p", a)));
    }

    @Test
    void jsonIsReadStrictly() {
        String ok = "{\"make\":\"BYD\",\"amount\":1,\"modelYear\":2024,\"validFrom\":\"2024-01-01\"}";
        assertThrows(JsonProcessingException.class, () -> JSON.readValue(ok + " {}", Price.class), "trailing document");
        assertThrows(JsonProcessingException.class, () -> JSON.readValue(ok + "x", Price.class), "trailing token");
        assertThrows(JsonProcessingException.class, () -> JSON.readValue(
                "{\"make\":\"BYD\",\"make\":\"NIO\",\"amount\":1,\"modelYear\":2024,\"validFrom\":\"2024-01-01\"}", Price.class));
        assertThrows(MismatchedInputException.class, () -> JSON.readValue(ok.replace("2024,", "\"2024\","), Price.class));
        assertThrows(MismatchedInputException.class, () -> JSON.readValue(ok.replace("2024,", "2024.7,"), Price.class));
        assertThrows(MismatchedInputException.class, () -> JSON.readValue(ok.replace("\"amount\":1", "\"amount\":\"1\""), Price.class));
        assertThrows(MismatchedInputException.class, () -> JSON.readValue(ok.replace("\"BYD\"", "12"), Price.class));
        assertThrows(MismatchedInputException.class, () -> JSON.readValue(ok.replace("\"2024-01-01\"", "19000"), Price.class));
        assertThrows(MismatchedInputException.class, () -> JSON.readValue(ok.replace("\"2024-01-01\"", "\"2024-01-01T00:00:00Z\""), Price.class));
        assertThrows(MismatchedInputException.class, () -> JSON.readValue(ok.replace("2024-01-01", "+999999999-12-31"), Price.class));
        assertThrows(MismatchedInputException.class, () -> JSON.readValue(ok.replace("2024-01-01", "2026-02-30"), Price.class));
        assertThrows(MismatchedInputException.class, () -> JSON.readValue(ok.replace("2024-01-01", "1899-12-31"), Price.class));
        var nul = assertThrows(MismatchedInputException.class, () -> JSON.readValue(ok.replace("BYD", "B\\u0000YD"), Price.class));
        assertInstanceOf(TextRules.ControlCharacterException.class, nul);
        assertEquals("make", ProblemMappers.jsonPath(nul));
        assertEquals("validation", ProblemMappers.jsonProblem(nul, "/p").type().toString().replaceAll(".*/", ""));
    }

    @Test
    void problemTypesOfJsonFailures() {
        String ok = "{\"make\":\"BYD\",\"amount\":1,\"modelYear\":2024,\"validFrom\":\"2024-01-01\"}";
        assertEquals("malformed-json", slug(() -> JSON.readValue(ok + " {}", Price.class)));
        assertEquals("malformed-json", slug(() -> JSON.readValue("{\"make\":", Price.class)));
        assertEquals("wrong-type", slug(() -> JSON.readValue(ok.replace("2024,", "\"2024\","), Price.class)));
        assertEquals("unknown-field", slug(() -> JSON.readValue(ok.replace("{", "{\"x\":1,"), Price.class)));
    }

    @Test
    void controlCharactersAreFoundInSingleLineText() {
        assertTrue(TextRules.hasControl("a\u0000b", true));
        assertTrue(TextRules.hasControl("a\nb", false));
        assertTrue(!TextRules.hasControl("a\nb\tc", true));
        assertEquals(400, assertThrows(ProblemException.class, () -> TextRules.requireClean("q", "x\u0001")).status());
    }

    @Test
    void aStreamedBodyIsCountedAsItIsRead() throws Exception {
        InputStream in = new BodyLimit.Limited(new ByteArrayInputStream(new byte[100]), 50);
        ProblemException e = assertThrows(ProblemException.class, () -> in.readAllBytes());
        assertEquals(413, e.status());
    }

    @Test
    void aBodyLimitHitWhileParsingIsA413() {
        byte[] big = ("{\"make\":\"" + "x".repeat(5000) + "\"}").getBytes();
        int status;
        try {
            JSON.readValue(new BodyLimit.Limited(new ByteArrayInputStream(big), 1000), Price.class);
            status = 200;
        } catch (ProblemException e) {
            status = e.status();
        } catch (Exception e) {
            status = e instanceof JsonProcessingException j ? ProblemMappers.jsonProblem(j, "/x").status() : 500;
        }
        assertEquals(413, status);
    }

    interface Read {
        Object run() throws Exception;
    }

    static String slug(Read r) {
        try {
            r.run();
            return "none";
        } catch (JsonProcessingException e) {
            return ProblemMappers.jsonProblem(e, "/x").type().toString().replaceAll(".*/", "");
        } catch (Exception e) {
            return e.toString();
        }
    }
}
