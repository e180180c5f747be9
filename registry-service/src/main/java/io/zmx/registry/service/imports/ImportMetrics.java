package io.zmx.registry.service.imports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code zmx_import_lines_total{outcome="stored"|"refused"}}: bulk lines, counted as their chunk is committed. */
@Startup // registered at start, so /q/metrics lists the counters before the first import
@ApplicationScoped
public class ImportMetrics {

    private final Counter stored;
    private final Counter refused;

    public ImportMetrics(MeterRegistry meters) {
        this.stored = Counter.builder("zmx.import.lines").tag("outcome", "stored")
                .description("bulk import lines stored").register(meters);
        this.refused = Counter.builder("zmx.import.lines").tag("outcome", "refused")
                .description("bulk import lines refused").register(meters);
    }

    void committed(int lines, int refusedLines) {
        stored.increment(lines - refusedLines);
        refused.increment(refusedLines);
    }
}
