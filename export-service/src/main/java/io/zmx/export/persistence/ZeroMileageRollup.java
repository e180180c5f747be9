package io.zmx.export.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;

/**
 * {@code zero_mileage_rollup}: one row per month x destination x maker x origin region, counted in the screening
 * transaction, so a report over a million filings sums a few thousand rows (the report query: ReportService).
 */
@ApplicationScoped
public class ZeroMileageRollup {

    /** Counts one screened filing (caller's transaction). */
    public Uni<Void> count(LocalDate month, String destination, String maker, String region, boolean zeroMileage) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO zero_mileage_rollup AS r (month, destination, maker, origin_region, filings, zero_mileage)
                        VALUES (:month, :dest, :maker, :region, 1, :zero)
                        ON CONFLICT (month, destination, maker, origin_region)
                        DO UPDATE SET filings = r.filings + 1, zero_mileage = r.zero_mileage + EXCLUDED.zero_mileage""")
                .setParameter("month", month)
                .setParameter("dest", destination)
                .setParameter("maker", maker)
                .setParameter("region", region)
                .setParameter("zero", zeroMileage ? 1 : 0)
                .executeUpdate()).replaceWithVoid();
    }
}
