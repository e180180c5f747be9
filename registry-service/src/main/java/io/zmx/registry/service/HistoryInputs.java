package io.zmx.registry.service;

import io.zmx.registry.domain.DeregistrationReason;
import io.zmx.registry.domain.OwnerType;
import io.zmx.registry.domain.ReadingSource;
import io.zmx.registry.domain.RegistrationKind;
import io.zmx.registry.domain.TitleBrandKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies for a vehicle's history; the same shapes nest inside NDJSON import lines. */
public final class HistoryInputs {

    private HistoryInputs() {}

    static final String REGION = "[A-Z]{2}-[A-Z0-9]{1,3}";
    static final String REGION_MESSAGE = "must be an ISO 3166-2 code such as CN-SC";

    @Schema(name = "RegistrationInput")
    public record RegistrationInput(
            @NotNull @Schema(required = true) LocalDate date,
            @NotNull @Pattern(regexp = REGION, message = REGION_MESSAGE) @Schema(required = true, examples = "CN-SC")
            String region,
            @Size(max = 80) @Schema(examples = "Chengdu") String city,
            @Size(max = 16) @Schema(examples = "川A12345") String plate,
            @NotNull @Schema(required = true) OwnerType ownerType,
            @Size(max = 64) String ownerId,
            @Schema(description = "FIRST, TRANSFER or TRANSFER_FOR_EXPORT (the transfer to an exporter before export). "
                    + "When absent: FIRST if no registration of the vehicle is dated on or before this one, else "
                    + "TRANSFER. The same registration sent again with another kind is a 409.")
            RegistrationKind kind) {}

    @Schema(name = "DeregistrationInput")
    public record DeregistrationInput(
            @NotNull @Schema(required = true) LocalDate date,
            @NotNull @Schema(required = true) DeregistrationReason reason,
            @Pattern(regexp = REGION, message = REGION_MESSAGE) String region) {}

    @Schema(name = "OdometerReadingInput",
            description = "A reading lower than an earlier one (or higher than a later one) is refused unless "
                    + "`correction` is true and a `reason` is given; it is then stored with `rollback: true`.")
    public record OdometerReadingInput(
            @NotNull @Schema(required = true) LocalDate date,
            @NotNull @PositiveOrZero @Max(5_000_000) @Schema(required = true) Integer km,
            @NotNull @Schema(required = true) ReadingSource source,
            Boolean correction,
            @Size(max = 500) String reason) {

        public boolean correctionRequested() {
            return Boolean.TRUE.equals(correction);
        }
    }

    @Schema(name = "TitleBrandInput")
    public record TitleBrandInput(
            @NotNull @Schema(required = true) TitleBrandKind brand,
            @NotNull @Schema(required = true) LocalDate date,
            @Size(max = 120) String source,
            @Size(max = 500) String note) {}
}
