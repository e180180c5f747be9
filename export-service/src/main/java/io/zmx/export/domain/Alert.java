package io.zmx.export.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An alert as stored ({@code alert}, V5); the route is originRegion > declaredDestination > surfacedIn. */
public record Alert(UUID id, String kind, OffsetDateTime raisedAt, LocalDate observedOn, String vin, UUID filingId,
                    UUID otherFilingId, UUID sightingId, String exporterCreditCode, String originRegion,
                    String declaredDestination, String surfacedIn, List<String> countries, String detail) {}
