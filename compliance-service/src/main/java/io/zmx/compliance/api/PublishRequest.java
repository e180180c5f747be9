package io.zmx.compliance.api;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PublishRequest", description = "Optionally moves the window when publishing; the draft's dates otherwise")
public record PublishRequest(LocalDate effectiveFrom, LocalDate effectiveTo) {
}
