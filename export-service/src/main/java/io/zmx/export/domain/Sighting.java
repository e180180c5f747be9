package io.zmx.export.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A VIN presented in a country. {@code filingId}: the VIN's last cleared filing when it was recorded; {@code countries}:
 * whose agencies see it (the sighting's country and that filing's destination).
 */
public record Sighting(UUID id, String vin, String country, String kind, String place, LocalDate date,
                       String reportedRole, OffsetDateTime recordedAt, UUID filingId, List<String> countries) {}
