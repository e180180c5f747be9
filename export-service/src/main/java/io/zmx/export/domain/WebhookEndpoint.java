package io.zmx.export.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A registered webhook endpoint. {@code ownerKind}/{@code owner} is the tenant that registered it ("all" for admin
 * and origin customs, "country" + ISO code for an agency, "exporter" + credit code): it receives only the events
 * that tenant may read, of the types it subscribed to. The secret never leaves the service after registration.
 */
public record WebhookEndpoint(UUID id, String ownerKind, String owner, String url, String description, List<String> eventTypes,
                              String secret, String previousSecret, Instant previousSecretUntil, boolean enabled,
                              Instant disabledAt, String disabledReason, int consecutiveFailures, Instant createdAt,
                              String createdBy) {

    /** The previous secret when it still signs at {@code now} (a rotation's overlap), else null. */
    public String previousSecretAt(Instant now) {
        return previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil) ? previousSecret : null;
    }
}
