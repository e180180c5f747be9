package io.zmx.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One vehicle seen across the suite, as far as the caller may see it. The services' documents are embedded
 * unchanged; {@value #OWNED_SCHEMA} names the owning service's schema, which the merged partner contract
 * puts in place of the untyped JSON here (so partners and the SDK get the real types).
 */
@Schema(name = "Dossier", description = "A vehicle, its history, the filings the caller may see and their verdicts."
        + " When a service is down its part is empty, partial is true and unavailable names it.")
public record Dossier(
        @Schema(description = "The VIN asked for", examples = "LGXCE4CB0R0123456") String vin,
        @Schema(description = "registry-service Vehicle; null when registry-service is unavailable",
                extensions = @Extension(name = OWNED_SCHEMA, value = "registry-service:Vehicle")) JsonNode vehicle,
        @Schema(description = "registry-service VehicleHistory without its vehicle (moved up): registrations,"
                + " deregistrations, odometerReadings, titleBrands, timeline; null when registry-service is unavailable",
                extensions = @Extension(name = OWNED_SCHEMA, value = "registry-service:VehicleHistory")) JsonNode history,
        @Schema(description = "Filings of this vehicle the caller may see (export-service scoping), newest first as"
                + " export-service lists them") List<FilingWithVerdict> filings,
        @Schema(description = "True when a service did not answer and its part is missing") boolean partial,
        @Schema(description = "Services that did not answer, e.g. export-service") List<String> unavailable) {

    /** OpenAPI extension naming the service schema a {@link JsonNode} field carries: {@code <service>:<schema>}. */
    public static final String OWNED_SCHEMA = "x-zmx-schema";

    @Schema(name = "DossierFiling")
    public record FilingWithVerdict(
            @Schema(description = "export-service Filing",
                    extensions = @Extension(name = OWNED_SCHEMA, value = "export-service:Filing")) JsonNode filing,
            @Schema(description = "The filing's verdict as export-service stores it (lane, findings, zero-mileage"
                    + " assessment, compliance-service's evaluation); null until the filing is screened",
                    extensions = @Extension(name = OWNED_SCHEMA, value = "export-service:Verdict")) JsonNode verdict) {}
}
