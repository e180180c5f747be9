package io.zmx.export.service;

import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.domain.SightingKind;
import io.zmx.export.domain.Vin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SightingRequest", description = "A VIN presented in a country: import declaration, registration attempt or border crossing")
public record SightingRequest(
        @NotNull @Schema(description = "17-character VIN, validated as on filings") String vin,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
        @Schema(description = "country where the VIN was presented; an agency reports only its own", examples = "RU") String country,
        @NotNull @Schema(description = "IMPORT_DECLARATION, REGISTRATION_ATTEMPT or BORDER_CROSSING") SightingKind kind,
        @NotBlank @Size(max = 200) @Schema(examples = "Verkhniy Lars customs post") String place,
        @NotNull @Schema(description = "day of the sighting, not in the future") LocalDate date) {

    /** The checks bean validation cannot make: the VIN's check digit and a date not after today. */
    public void validate(LocalDate today) {
        List<Problem.Violation> violations = new ArrayList<>();
        try {
            Vin.of(vin);
        } catch (IllegalArgumentException e) {
            violations.add(new Problem.Violation("vin", e.getMessage()));
        }
        if (date.isAfter(today)) {
            violations.add(new Problem.Violation("date", "must not be after today (" + today + ", Asia/Shanghai)"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("validation", "Request is not valid", violations.size() + " field(s) are not valid",
                    violations);
        }
    }
}
