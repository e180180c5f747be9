package io.zmx.export.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

/** The quota rows a clearance counts against, locked in id order, and the slots taken (caller's transaction). */
@ApplicationScoped
public class QuotaAllocations {

    /** A quota that applies to a filing and has no slot of it yet. */
    public record Applicable(UUID id, int limit, int used, String periodStart, String periodEnd) {}

    /**
     * The quotas of {@code region} in force on {@code day} for the exporter (or for everyone) that the filing has
     * not taken a slot of yet (a filing cleared again after a re-screen keeps its one slot), locked in id order.
     */
    public Uni<List<Applicable>> lockApplicable(String region, LocalDate day, String creditCode, UUID filingId) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery("""
                        SELECT CAST(id AS text), quota_limit, used, CAST(period_start AS text), CAST(period_end AS text)
                          FROM quotas
                         WHERE region = :region AND period_start <= :day AND period_end >= :day
                           AND (exporter_credit_code IS NULL OR exporter_credit_code = :cc)
                           AND NOT EXISTS (SELECT 1 FROM quota_allocations a WHERE a.quota_id = quotas.id AND a.filing_id = :filing)
                         ORDER BY id FOR UPDATE""")
                .setParameter("region", region)
                .setParameter("day", day)
                .setParameter("cc", creditCode)
                .setParameter("filing", filingId)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Applicable(UUID.fromString((String) r[0]), ((Number) r[1]).intValue(),
                        ((Number) r[2]).intValue(), (String) r[3], (String) r[4])).toList());
    }

    /** Takes one slot of each quota for the filing. */
    public Uni<Void> take(List<Applicable> quotas, UUID filingId, Instant at) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Applicable q : quotas) {
            all = all.chain(() -> Panache.getSession().chain(s -> s
                            .createNativeQuery("UPDATE quotas SET used = used + 1 WHERE id = :id")
                            .setParameter("id", q.id()).executeUpdate()
                            .chain(() -> s.createNativeQuery(
                                            "INSERT INTO quota_allocations (quota_id, filing_id, taken_at) VALUES (:q, :f, :t)")
                                    .setParameter("q", q.id()).setParameter("f", filingId).setParameter("t", at)
                                    .executeUpdate())))
                    .replaceWithVoid();
        }
        return all;
    }
}
