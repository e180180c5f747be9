package io.zmx.compliance.api;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RetireRequest", description = "Closes the version's window on effectiveTo (exclusive; today when absent)")
public record RetireRequest(LocalDate effectiveTo) {
}
