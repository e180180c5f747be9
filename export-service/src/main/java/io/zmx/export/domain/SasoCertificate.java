package io.zmx.export.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Saudi Arabia's SASO conformity certificate (SABER). */
@Schema(name = "SasoCertificate", description = "Saudi SASO certificate of conformity")
@RegisterForReflection
public record SasoCertificate(@NotBlank @Size(max = 100) String number, LocalDate issuedOn) {}
