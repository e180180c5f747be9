package io.zmx.export.api;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ReasonRequest", description = "Why the actor takes this step; required to hold, release, reject or refuse")
public record ReasonRequest(@Size(max = 2000) String reason) {}
