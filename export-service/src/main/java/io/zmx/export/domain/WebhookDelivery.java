package io.zmx.export.domain;

import java.time.Instant;
import java.util.UUID;

/** One event's delivery to one endpoint, as the delivery log shows it. */
public record WebhookDelivery(UUID id, UUID endpointId, UUID eventId, String eventType, String status, int attempts,
                              Instant createdAt, Instant lastAttemptAt, Integer lastStatusCode, Integer lastLatencyMs,
                              String lastError, Instant nextAttemptAt, Instant deliveredAt) {

    /** One attempt: when, the answer's status (none when there was no answer), how long, what went wrong. */
    public record Attempt(int n, Instant at, Integer statusCode, int latencyMs, String error) {}
}
