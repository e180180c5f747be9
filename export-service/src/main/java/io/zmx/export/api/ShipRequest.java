package io.zmx.export.api;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ShipRequest", description = "The actual export; a date other than the screened one re-screens the filing first")
public record ShipRequest(@Schema(description = "actual export date (Asia/Shanghai); default today, never in the future",
        nullable = true) LocalDate exportDate) {}
