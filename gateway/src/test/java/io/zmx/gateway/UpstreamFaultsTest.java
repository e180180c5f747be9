package io.zmx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.zmx.gateway.client.Backend;
import io.zmx.gateway.client.Backends;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10's two gateway faults, against a real service socket that fails ({@link FaultyUpstream} stands in for
 * export-service): every caller gets exactly one answer, a problem, whatever HTTP version it speaks, when the
 * service dies with its request in flight or never answers. Test timeout for a service: 1 s.
 */
@QuarkusTest
@TestProfile(UpstreamFaultsTest.FaultyExport.class)
@Timeout(60)
class UpstreamFaultsTest {

    /** export-service and compliance-service are the faulty upstream; registry stays the WireMock stand-in. */
    public static class FaultyExport implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zmx.gateway.services.export.url", FaultyUpstream.get().url(),
                    "zmx.gateway.services.compliance.url", FaultyUpstream.get().url());
        }
    }

    static final String FILING = "{\"vin\":\"LGXCE4CB0R0123456\",\"destination\":\"KZ\",\"padding\":\"" + "x".repeat(2000) + "\"}";

    @Inject
    Backends backends;

    @BeforeEach
    void closeCircuit() {
        backends.closeCircuit(Backend.EXPORT); // each case is about one request, not a run of failures
    }

    @Test
    void theUpstreamIsTheFaultyOne() throws Exception {
        HttpResponse<String> ok = send(HttpClient.Version.HTTP_1_1, post("none"));
        assertEquals(201, ok.statusCode(), ok.body());
    }

    @Test
    void anHttp11ClientGets504WhenTheServiceNeverAnswers() throws Exception {
        assertProblem(send(HttpClient.Version.HTTP_1_1, get("hang")), 504);
    }

    /** java.net.http upgrades to HTTP/2 cleartext (h2c) by default, as partners' Java clients do. */
    @Test
    void anHttp2ClientGets504WhenTheServiceNeverAnswers() throws Exception {
        HttpResponse<String> first = send(HttpClient.Version.HTTP_2, get("hang"));
        assertProblem(first, 504);
    }

    @Test
    void anHttp2ClientGets504OnAnAlreadyUpgradedConnectionToo() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = send(client, get("hang"));
            assertProblem(r, 504);
            assertEquals(HttpClient.Version.HTTP_2, r.version(), "the gateway speaks h2c");
            backends.closeCircuit(Backend.EXPORT);
        }
    }

    /**
     * An operation its service's contract documents as slow ({@code x-zmx-timeout}: a backtest) is waited for longer
     * than the service's timeout; every other operation of that service still gets 504 at the service's timeout.
     */
    @Test
    void aSlowOperationTheContractNamesIsWaitedForAndNoOtherIs() throws Exception {
        backends.closeCircuit(Backend.COMPLIANCE);
        HttpRequest.Builder backtest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                        + "/api/v1/rule-sets/KZ/versions/3/backtest"))
                .header("Authorization", Tokens.bearer("rule-author")).header("X-Fault", "slow")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"2026-01-01\",\"to\":\"2026-12-31\"}"));
        HttpResponse<String> slow = send(HttpClient.Version.HTTP_1_1, backtest);
        assertEquals(200, slow.statusCode(), slow.body());
        assertEquals("{\"slow\":true}", slow.body());

        HttpRequest.Builder list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/rule-sets"))
                .header("Authorization", Tokens.bearer("rule-author")).header("X-Fault", "slow").GET();
        assertProblem(send(HttpClient.Version.HTTP_1_1, list), 504);
        backends.closeCircuit(Backend.COMPLIANCE);
    }

    /**
     * Callers that hang up while their request waits on the service are not the service's failures: after more
     * abandoned requests than the breaker's threshold (3 in tests) behind a service that never answers, the next
     * caller is served, not refused with 503 "circuit open". Here the abandoned calls end as stream resets, which
     * {@code Backends.guarded} does not count; callers who leave before their request is forwarded are
     * {@link #callersWhoHangUpBeforeTheirRequestIsForwardedDoNotOpenTheCircuit}.
     */
    @Test
    void callersWhoHangUpDoNotOpenTheCircuitForOthers() throws Exception {
        for (int i = 0; i < 8; i++) {
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                OutputStream out = socket.getOutputStream();
                if (i % 2 == 0) { // a GET whose service never answers
                    out.write(("GET /api/v1/filings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + Tokens.bearer("admin")
                            + "\r\nX-Fault: hang\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                } else { // a POST that stops sending its body half-way
                    out.write(("POST /api/v1/filings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + Tokens.bearer("exporter")
                            + "\r\nX-Fault: hang\r\nContent-Type: application/json\r\nContent-Length: " + FILING.length() * 2
                            + "\r\n\r\n" + FILING).getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                Thread.sleep(200); // the request is at the service, which never answers
            } // the caller hangs up
        }
        Thread.sleep(1_500); // the service's 1 s timeout passes for every abandoned request
        HttpResponse<String> next = send(HttpClient.Version.HTTP_1_1, post("none"));
        assertEquals(201, next.statusCode(), "the circuit opened on abandoned requests: " + next.body());
    }

    /**
     * A caller that announces a body and stops sending it half-way, its connection kept open, leaves the service
     * waiting for the rest: the service is well, the request is not. Before, the gateway's 1 s wait ran out, the
     * caller got a 504 "service did not answer", and the breaker counted it: more such callers than the threshold
     * (3 in tests) opened the circuit, and every other caller was refused with 503 for the reset time. Now the
     * stalled caller gets a 408 and the breaker counts nothing.
     */
    @Test
    void callersWhoStallTheirBodyGet408AndDoNotOpenTheCircuitForOthers() throws Exception {
        java.util.List<Socket> stalled = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Socket socket = new Socket("127.0.0.1", RestAssured.port);
                stalled.add(socket);
                socket.setSoTimeout(8_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/filings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + Tokens.bearer("exporter")
                        + "\r\nX-Fault: whole-body\r\nContent-Type: application/json\r\nContent-Length: " + (FILING.length() + 500)
                        + "\r\n\r\n" + FILING).getBytes(StandardCharsets.US_ASCII));
                out.flush(); // and the other half never comes
            }
            java.util.List<String> answers = new java.util.ArrayList<>();
            for (Socket socket : stalled) {
                answers.add(readResponse(socket.getInputStream()));
            }
            assertEquals(io.vertx.circuitbreaker.CircuitBreakerState.CLOSED, backends.breaker(Backend.EXPORT).state(),
                    "the circuit opened on callers' stalled bodies");
            HttpResponse<String> next = send(HttpClient.Version.HTTP_1_1, post("whole-body"));
            assertEquals(201, next.statusCode(), "another caller was refused: " + next.body());
            for (String answer : answers) {
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
                assertTrue(answer.contains("\"status\":408"), answer);
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** The other side of the case above: a service that never answers a body it was sent whole is unwell, and counts. */
    @Test
    void aServiceThatNeverAnswersWholePostsStillOpensTheCircuit() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertProblem(send(HttpClient.Version.HTTP_1_1, post("hang")), 504);
        }
        assertEquals(io.vertx.circuitbreaker.CircuitBreakerState.OPEN, backends.breaker(Backend.EXPORT).state());
        assertProblem(send(HttpClient.Version.HTTP_1_1, post("none")), 503);
    }

    /**
     * Callers that hang up right after sending their request, while the gateway still checks their token, before
     * anything was forwarded (the benchmark run of 22:27 UTC, 2026-11-29: five such requests waited out the 10 s
     * timeout, opened the registry circuit and cost 171 later callers a 503). Nothing of theirs may count.
     */
    @Test
    void callersWhoHangUpBeforeTheirRequestIsForwardedDoNotOpenTheCircuit() throws Exception {
        for (int i = 0; i < 300; i++) {
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                socket.setSoLinger(true, 0); // a reset, as wrk's close at the end of a run
                socket.getOutputStream().write(("GET /api/v1/filings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                        + Tokens.bearer("admin") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
        }
        Thread.sleep(1_500); // the service's 1 s timeout passes for anything left waiting
        assertEquals(io.vertx.circuitbreaker.CircuitBreakerState.CLOSED, backends.breaker(Backend.EXPORT).state(),
                "the circuit opened on callers who had left");
    }

    @Test
    void anHttp11PostWhoseServiceDiesMidRequestGets503() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 10; i++) {
            int before = FaultyUpstream.get().heads.get();
            assertDied(send(client, post("close")));
            assertEquals(before + 1, FaultyUpstream.get().heads.get(), "the service had the request when it died");
            backends.closeCircuit(Backend.EXPORT);
        }
    }

    @Test
    void anHttp2PostWhoseServiceDiesMidRequestGets503() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 10; i++) {
            int before = FaultyUpstream.get().heads.get();
            assertDied(send(client, post("close")));
            assertEquals(before + 1, FaultyUpstream.get().heads.get(), "the service had the request when it died");
            backends.closeCircuit(Backend.EXPORT);
        }
    }

    /** The caller is still sending its body when the service's connection closes: it still gets its one answer. */
    @Test
    void aCallerStillSendingItsBodyWhenTheServiceDiesGetsOneAnswer() throws Exception {
        byte[] body = FILING.getBytes(StandardCharsets.UTF_8);
        int before = FaultyUpstream.get().heads.get();
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/filings HTTP/1.1\r\nHost: gateway\r\nAuthorization: " + Tokens.bearer("exporter")
                    + "\r\nContent-Type: application/json\r\nX-Fault: close\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 100);
            out.flush();
            long until = System.currentTimeMillis() + 5000;
            while (FaultyUpstream.get().heads.get() == before && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertTrue(FaultyUpstream.get().heads.get() > before, "the request never reached the service");
            Thread.sleep(200); // the service has closed its connection; the rest of the body arrives late
            out.write(body, 100, body.length - 100);
            out.flush();
            String answer = readResponse(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 503") || answer.startsWith("HTTP/1.1 502"), answer);
            assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        }
    }

    private static void assertDied(HttpResponse<String> r) {
        assertTrue(r.statusCode() == 503 || r.statusCode() == 502, r.statusCode() + " " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.body());
        assertTrue(r.body().contains("export-service"), r.body());
    }

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.body());
        assertTrue(r.body().contains("\"status\":" + status), r.body());
    }

    private static HttpRequest.Builder get(String fault) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/filings"))
                .header("Authorization", Tokens.bearer("admin")).header("X-Fault", fault).GET();
    }

    private static HttpRequest.Builder post(String fault) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/filings"))
                .header("Authorization", Tokens.bearer("exporter")).header("X-Fault", fault)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(FILING));
    }

    private static HttpResponse<String> send(HttpClient.Version version, HttpRequest.Builder request) throws Exception {
        return send(HttpClient.newBuilder().version(version).build(), request);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        try {
            return client.send(request.timeout(Duration.ofSeconds(8)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            fail("the gateway sent no answer within 8 s (service timeout 1 s)");
            return null;
        }
    }

    /** One HTTP/1.1 response, head and Content-Length body. */
    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int length = -1;
        int headEnd = -1;
        byte[] buf = new byte[4096];
        while (true) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            seen.write(buf, 0, n);
            String text = seen.toString(StandardCharsets.ISO_8859_1);
            if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
                for (String line : text.substring(0, headEnd).split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
            }
            if (headEnd >= 0 && length >= 0 && seen.size() >= headEnd + 4 + length) {
                break;
            }
        }
        return seen.toString(StandardCharsets.UTF_8);
    }
}
