package io.zmx.export.domain;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Money", description = "An amount in an ISO 4217 currency")
public record Money(
        @NotNull @DecimalMin("0.01") @Digits(integer = 12, fraction = 2) @Schema(examples = "18500.00") BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") @Schema(examples = "USD") String currency) {}
