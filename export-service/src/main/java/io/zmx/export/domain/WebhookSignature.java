package io.zmx.export.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): {@code v1,} and the base64 of
 * HMAC-SHA256(secret bytes, "{webhook-id}.{webhook-timestamp}.{body}"). Several signatures (a rotation's overlap)
 * are separated by single spaces in one {@code webhook-signature} header.
 */
public final class WebhookSignature {

    private WebhookSignature() {}

    public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WebhookSecret.key(secret), "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The header value: the current secret's signature, then the previous secret's while it is still valid. */
    public static String header(String id, long timestampSeconds, byte[] body, String secret, String previousOrNull) {
        StringJoiner j = new StringJoiner(" ");
        j.add(sign(secret, id, timestampSeconds, body));
        if (previousOrNull != null) {
            j.add(sign(previousOrNull, id, timestampSeconds, body));
        }
        return j.toString();
    }
}
