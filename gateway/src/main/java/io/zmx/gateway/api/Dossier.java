package io.zmx.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One vehicle seen across the suite, as far as the caller may see it. */
@Schema(name = "Dossier", description = "A vehicle, its history, the filings the caller may see and their verdicts."
        + " When a service is down its part is empty, partial is true and unavailable names it.")
public record Dossier(
        @Schema(description = "The VIN asked for", examples = "LGXCE4CB0R0123456") String vin,
        @Schema(description = "registry-service Vehicle; null when registry-service is unavailable") JsonNode vehicle,
        @Schema(description = "registry-service history without its vehicle: registrations, deregistrations,"
                + " odometerReadings, titleBrands, timeline") JsonNode history,
        @Schema(description = "Filings of this vehicle the caller may see (export-service scoping), newest first as"
                + " export-service lists them") List<FilingWithVerdict> filings,
        @Schema(description = "True when a service did not answer and its part is missing") boolean partial,
        @Schema(description = "Services that did not answer, e.g. export-service") List<String> unavailable) {

    @Schema(name = "DossierFiling")
    public record FilingWithVerdict(
            @Schema(description = "export-service Filing") JsonNode filing,
            @Schema(description = "The filing's screening verdict (compliance-service Evaluation), null while"
                    + " not screened or not visible") JsonNode verdict) {}
}
