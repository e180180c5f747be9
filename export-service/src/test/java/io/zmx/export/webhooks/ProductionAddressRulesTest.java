package io.zmx.export.webhooks;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zmx.export.Fixtures;
import io.zmx.export.Tokens;
import io.zmx.export.service.WebhookDispatcher;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard with production's rules (loopback not admitted, as in every profile but dev, test and the local
 * stack): loopback URLs are refused at registration, and an endpoint that points at loopback anyway (stored before
 * a configuration change, or a name that now resolves there) is refused again at delivery, without a request.
 */
@QuarkusTest
@TestProfile(ProductionAddressRulesTest.Production.class)
class ProductionAddressRulesTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zmx.webhooks.allow-loopback", "false");
        }
    }

    @Inject
    Pool pool;

    @Inject
    WebhookDispatcher dispatcher;

    @Test
    void loopbackAndPlainHttpAreRefused() {
        String kg = Tokens.agency("kg-customs", "KG");
        for (String url : List.of("https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook", "https://127.1.2.3:8443/",
                "https://[::ffff:127.0.0.1]/", "http://127.0.0.1:8080/hook", "http://localhost/hook", "https://10.0.0.1/",
                "https://169.254.169.254/", "https://intranet.zmx.test/")) {
            ExtractableResponse<Response> r = given().header("Authorization", kg).contentType(ContentType.JSON)
                    .body(Map.of("url", url, "eventTypes", List.of("filing.cleared"))).post("/api/v1/webhooks").then().extract();
            assertEquals(400, r.statusCode(), url + " -> " + r.asString());
            assertEquals("application/problem+json", r.contentType());
            assertEquals("https://zmx.io/problems/webhook-url-refused", r.path("type"), url);
            assertEquals("url", r.path("violations[0].field"));
        }
    }

    @Test
    void aDeliveryToAnAddressThatIsNoLongerAllowedIsNotSent() throws Exception {
        try (Receiver receiver = new Receiver()) {
            UUID endpoint = UUID.randomUUID();
            pool.preparedQuery("""
                            INSERT INTO webhook_endpoint (id, owner_kind, owner, url, event_types, secret, after_seq, created_by)
                            VALUES ($1, 'country', 'KG', $2, '{filing.cleared}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
                                    (SELECT coalesce(max(seq), 0) FROM event), 'test')""")
                    .executeAndAwait(Tuple.of(endpoint, receiver.url().replace("127.0.0.1", "localhost")));
            Events.insert(pool, "filing.cleared", Fixtures.creditCode(), "KG");
            for (int i = 0; i < 20; i++) {
                dispatcher.drainNow();
                Thread.sleep(20);
            }
            assertTrue(receiver.requests.isEmpty(), "nothing was sent to loopback");
            String error = pool.preparedQuery("SELECT last_error FROM webhook_delivery WHERE endpoint_id = $1")
                    .executeAndAwait(Tuple.of(endpoint)).iterator().next().getString(0);
            assertTrue(error.startsWith("refused: "), error);
        }
    }
}
