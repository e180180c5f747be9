package io.zmx.sdk.webhooks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SDK's verifier against the Standard Webhooks reference test vector (libraries/go/webhook_test.go,
 * TestWebhookSign: key, message id, timestamp, payload and the signature the reference signer makes), so it agrees
 * with the specification rather than with zmx's own signer.
 */
class WebhookVerifierTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static WebhookVerifier at(long epochSecond, String... secrets) {
        return new WebhookVerifier(WebhookVerifier.DEFAULT_TOLERANCE,
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC), secrets);
    }

    private static Map<String, String> headers(String signature) {
        Map<String, String> h = new HashMap<>();
        h.put("Webhook-Id", ID); // any case
        h.put("webhook-timestamp", Long.toString(TIMESTAMP));
        h.put("WEBHOOK-SIGNATURE", signature);
        return h;
    }

    @Test
    void acceptsTheReferenceSignature() {
        assertDoesNotThrow(() -> at(TIMESTAMP, SECRET).verify(BODY, headers(SIGNATURE)));
        // the secret without its prefix, and one good signature among others (rotation, other schemes)
        assertDoesNotThrow(() -> at(TIMESTAMP, SECRET.substring(6)).verify(BODY,
                headers("v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1a,abc " + SIGNATURE)));
        // a receiver holding the old and the new secret during a rotation
        assertDoesNotThrow(() -> at(TIMESTAMP, "whsec_c2VjcmV0LW5ldy1rZXk=", SECRET).verify(BODY, headers(SIGNATURE)));
    }

    @Test
    void refusesATamperedBodyAnotherSecretOrAnotherScheme() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThrows(WebhookVerifier.Invalid.class, () -> at(TIMESTAMP, SECRET).verify(tampered, headers(SIGNATURE)));
        assertThrows(WebhookVerifier.Invalid.class, () -> at(TIMESTAMP, "whsec_c2VjcmV0LW5ldy1rZXk=").verify(BODY, headers(SIGNATURE)));
        assertThrows(WebhookVerifier.Invalid.class, () -> at(TIMESTAMP, SECRET).verify(BODY, headers(SIGNATURE.replace("v1,", "v2,"))));
        assertThrows(WebhookVerifier.Invalid.class, () -> at(TIMESTAMP, SECRET).verify(BODY, headers("v1,")));
        Map<String, String> noId = headers(SIGNATURE);
        noId.remove("Webhook-Id");
        assertThrows(WebhookVerifier.Invalid.class, () -> at(TIMESTAMP, SECRET).verify(BODY, noId));
    }

    @Test
    void refusesATimestampOutsideFiveMinutesEitherWay() {
        assertDoesNotThrow(() -> at(TIMESTAMP + 300, SECRET).verify(BODY, headers(SIGNATURE)));
        assertThrows(WebhookVerifier.Invalid.class, () -> at(TIMESTAMP + 301, SECRET).verify(BODY, headers(SIGNATURE)));
        assertDoesNotThrow(() -> at(TIMESTAMP - 300, SECRET).verify(BODY, headers(SIGNATURE)));
        assertThrows(WebhookVerifier.Invalid.class, () -> at(TIMESTAMP - 301, SECRET).verify(BODY, headers(SIGNATURE)));
    }
}
