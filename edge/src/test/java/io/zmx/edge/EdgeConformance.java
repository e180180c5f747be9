package io.zmx.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The same bad requests against every service, with the same answers: the edge conventions are one
 * implementation, and this proves each service is wired to it. A service's {@code EdgeConformanceTest}
 * extends this (as a {@code @QuarkusTest}) and names one JSON write and one list of its own.
 */
public abstract class EdgeConformance {

    protected static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code Authorization} header value allowed to make {@link #writePath()} and read {@link #listPath()}. */
    protected abstract String authorization();

    /** A POST taking JSON, e.g. {@code /api/v1/vehicles}. */
    protected abstract String writePath();

    /** A body {@link #writePath()} accepts (it is never sent as it is: every test spoils it). */
    protected abstract String validBody();

    /** An integer field of {@link #validBody()}, as a dotted path. */
    protected abstract String integerField();

    /** A top-level text field of {@link #validBody()}. */
    protected abstract String textField();

    /** A paged list (takes page and size), e.g. {@code /api/v1/vehicles}. */
    protected abstract String listPath();

    /** A list query parameter holding an enum value, on {@link #listPath()}; null when the service has none. */
    protected abstract String enumParam();

    /** A URL whose {@code %s} is a date query parameter, e.g. {@code /api/v1/quotas?on=%s}. */
    protected abstract String dateUrl();

    @Test
    void malformedJson() {
        post("{\"" + textField() + "\": \"x").statusCode(400).body("type", equalTo(type("malformed-json")))
                .body(not(containsString("Exception")));
    }

    @Test
    void trailingTokensAndSecondDocuments() {
        post(validBody() + " x").statusCode(400).body("type", equalTo(type("malformed-json")));
        post(validBody() + " {}").statusCode(400).body("type", equalTo(type("malformed-json")));
    }

    @Test
    void duplicateKeys() throws Exception {
        String body = validBody().trim();
        String dup = "{\"" + textField() + "\":\"a\"," + body.substring(1);
        post(dup).statusCode(400).body("type", equalTo(type("malformed-json")));
    }

    @Test
    void wrongTypes() throws Exception {
        post(with(integerField(), JSON.getNodeFactory().textNode("15"))).statusCode(400)
                .body("type", equalTo(type("wrong-type"))).body("violations.field", hasItem(integerField()));
        post(with(integerField(), JSON.getNodeFactory().numberNode(15.7))).statusCode(400)
                .body("type", equalTo(type("wrong-type"))).body("violations.field", hasItem(integerField()));
        post(with(textField(), JSON.getNodeFactory().numberNode(15))).statusCode(400)
                .body("type", equalTo(type("wrong-type"))).body("violations.field", hasItem(textField()));
    }

    @Test
    void controlCharactersInJsonStrings() throws Exception {
        post(with(textField(), JSON.getNodeFactory().textNode("a\u0000b"))).statusCode(400)
                .body("type", equalTo(type("validation"))).body("violations.field", hasItem(textField()));
    }

    @Test
    void controlCharactersInQueryParameters() {
        String param = enumParam() == null ? "size" : enumParam();
        get(listPath() + "?" + param + "=A%00B").statusCode(400)
                .body("type", equalTo(type("validation"))).body("violations.field", hasItem(param));
    }

    @Test
    void hugePagesAndSizes() {
        get(listPath() + "?page=2147483647&size=200").statusCode(400)
                .body("type", equalTo(type("validation"))).body("violations.field", hasItem("page"));
        get(listPath() + "?page=0&size=100000").statusCode(400)
                .body("type", equalTo(type("validation"))).body("violations.field", hasItem("size"));
        get(listPath() + "?page=abc").statusCode(400)
                .body("type", equalTo(type("validation"))).body("violations.field", hasItem("page"));
        given().header("Authorization", authorization()).get(listPath() + "?page=1000000&size=200").then()
                .statusCode(200);
    }

    @Test
    void badEnums() {
        if (enumParam() == null) return;
        get(listPath() + "?" + enumParam() + "=BOGUS").statusCode(400)
                .body("type", equalTo(type("validation"))).body("violations.field", hasItem(enumParam()));
    }

    @Test
    void badDates() {
        for (String bad : new String[] {"2026-02-30", "+999999999-12-31", "1000-01-01", "20260101", "abc"}) {
            get(String.format(dateUrl(), bad)).statusCode(400).body("type", equalTo(type("validation")));
        }
    }

    @Test
    void oversizedBodies() throws Exception {
        byte[] big = ("{\"" + textField() + "\":\"" + "x".repeat(1_600_000) + "\"}").getBytes();
        // declared
        HttpResponse<String> declared = send(HttpRequest.newBuilder(uri(writePath()))
                .header("Authorization", authorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
        assertProblem(declared, 413, "payload-too-large");
        // chunked: no Content-Length, counted as it streams
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(uri(writePath()))
                .header("Authorization", authorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertProblem(chunked, 413, "payload-too-large");
    }

    @Test
    void httpLayerRefusalsAreProblemsToo() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri(listPath() + "?q=" + "a".repeat(10_000)))
                .header("Authorization", authorization()).GET().build()), 414, "uri-too-long");
        assertProblem(send(HttpRequest.newBuilder(uri(listPath())).header("Authorization", authorization())
                .header("X-Padding", "a".repeat(30_000)).GET().build()), 431, "headers-too-large");
        get("/api/v1/no-such-thing").statusCode(404).body("type", equalTo(type("not-found")));
        given().header("Authorization", authorization()).contentType("text/plain").body("x").post(writePath())
                .then().statusCode(415).contentType(PROBLEM).body("type", equalTo(type("unsupported-media-type")));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    protected static String type(String slug) {
        return "https://zmx.io/problems/" + slug;
    }

    protected ValidatableResponse post(String body) {
        return given().header("Authorization", authorization()).contentType("application/json").body(body)
                .post(writePath()).then().contentType(PROBLEM);
    }

    protected ValidatableResponse get(String url) {
        return given().urlEncodingEnabled(false).header("Authorization", authorization()).get(url).then()
                .contentType(PROBLEM).log().ifValidationFails();
    }

    /** The valid body with one field (a dotted path, e.g. {@code vehicle.modelYear}) replaced. */
    private String with(String field, com.fasterxml.jackson.databind.JsonNode value) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(validBody());
        ObjectNode node = root;
        String[] parts = field.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
        return JSON.writeValueAsString(root);
    }

    private static URI uri(String path) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String slug) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(PROBLEM, r.headers().firstValue("Content-Type").orElse(""), "status " + status);
        assertTrue(r.body().contains("\"type\":\"" + type(slug) + "\""), r.body());
    }
}
