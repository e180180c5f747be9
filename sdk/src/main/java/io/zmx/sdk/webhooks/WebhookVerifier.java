package io.zmx.sdk.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook delivery came from zmx, for a partner's receiving endpoint. zmx signs deliveries by the
 * Standard Webhooks specification (https://www.standardwebhooks.com/): the {@code webhook-signature} header holds
 * space-separated {@code v1,<base64 HMAC-SHA256>} signatures of {@code <webhook-id>.<webhook-timestamp>.<body>}
 * under the endpoint's secret ({@code whsec_} + base64 key, shown once when the endpoint is registered or its secret
 * rotated). During a rotation zmx signs with both secrets, so a receiver that still has the old one keeps working;
 * give the verifier every secret you hold.
 * <p>
 * Verify the body's raw bytes as received, before parsing them, and de-duplicate by {@code webhook-id}: delivery is at
 * least once. A timestamp further than the tolerance (5 minutes) from the receiver's clock is refused (replay).
 *
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(System.getenv("ZMX_WEBHOOK_SECRET"));
 * verifier.verify(requestBodyBytes, headerName -> request.getHeader(headerName)); // throws WebhookVerifier.Invalid
 * }</pre>
 */
public final class WebhookVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "whsec_";

    /** The delivery is not zmx's (or not as sent): answer it with a 4xx and do not act on it. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private final List<byte[]> keys = new ArrayList<>();
    private final Duration tolerance;
    private final Clock clock;

    /** A verifier for the endpoint's secret(s), with the default tolerance and the system clock. */
    public WebhookVerifier(String... secrets) {
        this(DEFAULT_TOLERANCE, Clock.systemUTC(), secrets);
    }

    public WebhookVerifier(Duration tolerance, Clock clock, String... secrets) {
        if (secrets.length == 0) {
            throw new IllegalArgumentException("at least one secret is needed");
        }
        for (String secret : secrets) {
            String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length == 0) {
                throw new IllegalArgumentException("empty webhook secret");
            }
            keys.add(key);
        }
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** Verifies a delivery whose headers are in a map (names in any case). */
    public void verify(byte[] body, Map<String, String> headers) throws Invalid {
        verify(body, name -> {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        });
    }

    /** Verifies a delivery; {@code header} answers a header's value by its (lower-case) name, or null. */
    public void verify(byte[] body, Function<String, String> header) throws Invalid {
        String id = header.apply("webhook-id");
        String timestamp = header.apply("webhook-timestamp");
        String signatures = header.apply("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            throw new Invalid("missing webhook-id, webhook-timestamp or webhook-signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new Invalid("webhook-timestamp is not a number of seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (seconds < now - tolerance.toSeconds()) {
            throw new Invalid("webhook-timestamp too old");
        }
        if (seconds > now + tolerance.toSeconds()) {
            throw new Invalid("webhook-timestamp too new");
        }
        byte[] prefix = (id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8);
        for (byte[] key : keys) {
            byte[] expected = hmac(key, prefix, body);
            for (String candidate : signatures.trim().split(" +")) {
                int comma = candidate.indexOf(',');
                if (comma < 0 || !"v1".equals(candidate.substring(0, comma))) {
                    continue; // another scheme (v1a: asymmetric), not ours
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(candidate.substring(comma + 1));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return;
                }
            }
        }
        throw new Invalid("no signature matches");
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }
}
