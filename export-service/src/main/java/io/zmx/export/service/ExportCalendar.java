package io.zmx.export.service;

import io.zmx.export.ExportConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Calendar days as Chinese customs count them: the export-licence application date, "today" for the planned
 * export date's bounds and the default actual export date are days in {@code zmx.export.zone} (Asia/Shanghai).
 */
@ApplicationScoped
public class ExportCalendar {

    private final Clock clock;

    public ExportCalendar(ExportConfig config) {
        this.clock = Clock.system(ZoneId.of(config.export().zone()));
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public ZoneId zone() {
        return clock.getZone();
    }
}
