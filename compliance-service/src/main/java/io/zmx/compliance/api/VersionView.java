package io.zmx.compliance.api;

import io.zmx.compliance.domain.VersionStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RuleSetVersion", description = "A version of a jurisdiction's rule set. In force on date d when PUBLISHED or "
        + "RETIRED and effectiveFrom <= d < effectiveTo; when several are, the highest version wins.")
public record VersionView(
        @Schema(examples = "CN") String jurisdiction,
        @Schema(examples = "2") int version,
        VersionStatus status,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        String notes,
        String origin,
        String createdBy,
        Instant createdAt,
        String publishedBy,
        Instant publishedAt,
        String retiredBy,
        Instant retiredAt,
        @Schema(description = "Optimistic-lock version; also sent as the ETag header") int lockVersion,
        List<RuleSpec> rules) {
}
