package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The receiver's check (the SDK's verifier) on the Standard Webhooks reference vector, without the suite: what
 * ReExportIT asks of every delivery (accepted with its endpoint's secret; refused tampered, under another secret or
 * late).
 */
class WebhookReceiverTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant SENT = Instant.ofEpochSecond(1614265330);
    private static final WebhookReceiver.Delivery REFERENCE = new WebhookReceiver.Delivery("msg_p5jXN8AQM9LWM0D4loKWxJek",
            Long.toString(SENT.getEpochSecond()), "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8), SENT);

    @Test
    void acceptsTheReferenceDeliveryAndRefusesWhatAPartnerMustRefuse() {
        assertTrue(WebhookReceiver.verifies(SECRET, REFERENCE, SENT.plusSeconds(30)));
        assertFalse(WebhookReceiver.verifies(SECRET, WebhookReceiver.tampered(REFERENCE), SENT), "tampered body");
        assertFalse(WebhookReceiver.verifies("whsec_c2VjcmV0LW5ldy1rZXk=", REFERENCE, SENT), "another endpoint's secret");
        assertFalse(WebhookReceiver.verifies(SECRET, REFERENCE, SENT.plus(Duration.ofMinutes(6))), "expired timestamp");
        assertFalse(WebhookReceiver.verifies(null, REFERENCE, SENT), "no secret");
    }
}
