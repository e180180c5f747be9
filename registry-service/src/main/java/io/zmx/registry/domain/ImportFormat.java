package io.zmx.registry.domain;

import java.util.Locale;
import java.util.Optional;

/** The two bulk formats; see registry-service/README.md for their layout. */
public enum ImportFormat {
    NDJSON("application/x-ndjson"), CSV("text/csv");

    public final String mediaType;

    ImportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public static Optional<ImportFormat> of(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String base = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return switch (base) {
            case "application/x-ndjson", "application/ndjson", "application/jsonl" -> Optional.of(NDJSON);
            case "text/csv" -> Optional.of(CSV);
            default -> Optional.empty();
        };
    }
}
