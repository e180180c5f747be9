package io.zmx.compliance.api;

import io.zmx.compliance.domain.OfficialRepresentative;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "OfficialRepresentative", description = "An entry of the official-representative list")
public record OfficialRepresentativeView(long id, String country, String make, String name, String registrationNumber,
        LocalDate validFrom, @Schema(description = "Last valid day (inclusive)") LocalDate validTo, String source,
        String createdBy, Instant createdAt) {

    public static OfficialRepresentativeView of(OfficialRepresentative e) {
        return new OfficialRepresentativeView(e.id, e.country, e.make, e.name, e.registrationNumber, e.validFrom, e.validTo,
                e.source, e.createdBy, e.createdAt);
    }
}
