package io.zmx.export.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks delivery, written from the specification
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md) and following the
 * structure of its reference Java verifier (libraries/java/src/main/java/com/standardwebhooks/WebhookBase.java,
 * MIT licence, Copyright (c) 2023 Svix), independently of zmx's signer (no zmx class is used): the key is the
 * base64-decoded part of the secret after {@code whsec_}; the signed content is {@code id.timestamp.body}; the
 * header holds space-separated {@code v1,<base64>} signatures, any one of which may match (constant-time compare);
 * the timestamp must lie within the tolerance of now (5 minutes, as in the reference library).
 */
public final class SpecVerifier {

    public static final long TOLERANCE_SECONDS = 5 * 60;

    public static final class Invalid extends Exception {
        Invalid(String m) {
            super(m);
        }
    }

    private final byte[] key;

    public SpecVerifier(String secret) {
        String s = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        this.key = Base64.getDecoder().decode(s);
        if (key.length == 0) throw new IllegalArgumentException("empty secret");
    }

    /** Verifies at the receiver's clock {@code nowSeconds}; headers are looked up case-insensitively. */
    public void verify(String body, Map<String, String> headers, long nowSeconds) throws Invalid {
        String id = header(headers, "webhook-id");
        String ts = header(headers, "webhook-timestamp");
        String sigs = header(headers, "webhook-signature");
        if (id == null || ts == null || sigs == null) throw new Invalid("missing required headers");
        long timestamp;
        try {
            timestamp = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            throw new Invalid("invalid timestamp");
        }
        if (timestamp < nowSeconds - TOLERANCE_SECONDS) throw new Invalid("message timestamp too old");
        if (timestamp > nowSeconds + TOLERANCE_SECONDS) throw new Invalid("message timestamp too new");
        byte[] expected = expected(id, timestamp, body);
        for (String versioned : sigs.split(" ")) {
            String[] parts = versioned.split(",", 2);
            if (parts.length < 2 || !parts[0].equals("v1")) continue;
            byte[] given;
            try {
                given = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(given, expected)) return;
        }
        throw new Invalid("no matching signature found");
    }

    public void verify(String body, Map<String, String> headers) throws Invalid {
        verify(body, headers, System.currentTimeMillis() / 1000);
    }

    private byte[] expected(String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return null;
    }
}
