package io.zmx.export.service;

import io.zmx.edge.ProblemException;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.Quota;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Quotas by issuing region, period and optionally exporter. A clearance takes a slot in every quota
 * that applies to it, in the clearing transaction, under row locks taken in id order (no deadlocks),
 * so concurrent clearances can never push {@code used} past {@code quota_limit} (a CHECK guards it too).
 */
@ApplicationScoped
public class QuotaService {

    private final EntityManager em;

    public QuotaService(EntityManager em) {
        this.em = em;
    }

    /** Takes a slot for {@code f}; returns why not when an applicable quota is exhausted. Caller's transaction. */
    @SuppressWarnings("unchecked")
    public Optional<String> take(Filing f) {
        if (f.originRegion == null) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createNativeQuery("""
                SELECT CAST(id AS text), quota_limit, used, period_start, period_end FROM quotas
                 WHERE region = :region AND period_start <= :day AND period_end >= :day
                   AND (exporter_credit_code IS NULL OR exporter_credit_code = :cc)
                   AND NOT EXISTS (SELECT 1 FROM quota_allocations a WHERE a.quota_id = quotas.id AND a.filing_id = :filing)
                 ORDER BY id FOR UPDATE""")
                .setParameter("region", f.originRegion)
                .setParameter("day", f.plannedExportDate)
                .setParameter("cc", f.exporterCreditCode)
                .setParameter("filing", f.id) // a filing cleared again after a re-screen keeps its one slot
                .getResultList();
        for (Object[] r : rows) {
            int limit = ((Number) r[1]).intValue();
            int used = ((Number) r[2]).intValue();
            if (used >= limit) {
                return Optional.of("Quota " + r[0] + " for " + f.originRegion + " (" + r[3] + " to " + r[4]
                        + ") is exhausted: " + used + " of " + limit + " used");
            }
        }
        Instant now = Instant.now();
        for (Object[] r : rows) {
            UUID id = UUID.fromString((String) r[0]);
            em.createNativeQuery("UPDATE quotas SET used = used + 1 WHERE id = :id").setParameter("id", id).executeUpdate();
            em.createNativeQuery("INSERT INTO quota_allocations (quota_id, filing_id, taken_at) VALUES (:q, :f, :t)")
                    .setParameter("q", id).setParameter("f", f.id).setParameter("t", now).executeUpdate();
        }
        return Optional.empty();
    }

    @Transactional
    public Quota create(String region, String exporterCreditCode, LocalDate start, LocalDate end, int limit) {
        Quota q = new Quota();
        q.id = UUID.randomUUID();
        q.region = region;
        q.exporterCreditCode = exporterCreditCode;
        q.periodStart = start;
        q.periodEnd = end;
        q.limit = limit;
        q.used = 0;
        q.createdAt = Instant.now();
        q.persist();
        return q;
    }

    @Transactional
    public Quota get(UUID id) {
        Quota q = Quota.findById(id);
        if (q == null) {
            throw ProblemException.notFound("Quota", id);
        }
        em.refresh(q);
        return q;
    }

    @Transactional
    public List<Quota> list(String region, LocalDate on) {
        if (region == null && on == null) {
            return Quota.list("order by region, periodStart");
        }
        if (on == null) {
            return Quota.list("region = ?1 order by periodStart", region);
        }
        if (region == null) {
            return Quota.list("periodStart <= ?1 and periodEnd >= ?1 order by region", on);
        }
        return Quota.list("region = ?1 and periodStart <= ?2 and periodEnd >= ?2 order by periodStart", region, on);
    }
}
