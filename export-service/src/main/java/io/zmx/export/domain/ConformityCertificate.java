package io.zmx.export.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The destination's conformity certificate (EAEU ОТТС/СБКТС, UZ certificate and the like). */
@Schema(name = "ConformityCertificate", description = "Destination conformity certificate")
@RegisterForReflection
public record ConformityCertificate(@NotBlank @Size(max = 100) String number,
                                    @NotBlank @Size(max = 300) String holder,
                                    LocalDate issuedOn) {}
