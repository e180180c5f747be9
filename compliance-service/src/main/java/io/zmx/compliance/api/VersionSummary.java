package io.zmx.compliance.api;

import io.zmx.compliance.domain.VersionStatus;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RuleSetVersionSummary")
public record VersionSummary(
        @Schema(examples = "CN") String jurisdiction,
        @Schema(examples = "1") int version,
        VersionStatus status,
        LocalDate effectiveFrom,
        @Schema(description = "Exclusive end of the window; absent when open-ended") LocalDate effectiveTo,
        int ruleCount,
        @Schema(description = "SEED (bundled seed) or API (written by an author)") String origin,
        String createdBy,
        Instant createdAt,
        Instant publishedAt,
        Instant retiredAt) {
}
