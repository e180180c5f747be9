package io.zmx.export.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One row of the event feed as read back ({@code payload} is the JSON object's text). */
public record FeedItem(FeedPosition position, UUID id, String type, OffsetDateTime occurredAt, UUID filingId, String vin,
                       String exporterCreditCode, List<String> countries, String payload) {}
