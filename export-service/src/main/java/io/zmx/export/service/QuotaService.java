package io.zmx.export.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.zmx.edge.ProblemException;
import io.zmx.edge.Writes;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.Quota;
import io.zmx.export.persistence.QuotaAllocations;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final QuotaAllocations allocations;

    public QuotaService(QuotaAllocations allocations) {
        this.allocations = allocations;
    }

    /** Takes a slot for {@code f}; returns why not when an applicable quota is exhausted. Caller's transaction. */
    public Uni<Optional<String>> take(Filing f) {
        if (f.originRegion == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return allocations.lockApplicable(f.originRegion, f.plannedExportDate, f.exporterCreditCode, f.id).chain(quotas -> {
            for (QuotaAllocations.Applicable q : quotas) {
                if (q.used() >= q.limit()) {
                    return Uni.createFrom().item(Optional.of("Quota " + q.id() + " for " + f.originRegion + " ("
                            + q.periodStart() + " to " + q.periodEnd() + ") is exhausted: " + q.used() + " of " + q.limit()
                            + " used"));
                }
            }
            return allocations.take(quotas, f.id, Instant.now()).replaceWith(Optional.<String>empty());
        });
    }

    public Uni<Quota> create(String region, String exporterCreditCode, LocalDate start, LocalDate end, int limit) {
        return Writes.transaction(() -> {
            Quota q = new Quota();
            q.id = UUID.randomUUID();
            q.region = region;
            q.exporterCreditCode = exporterCreditCode;
            q.periodStart = start;
            q.periodEnd = end;
            q.limit = limit;
            q.used = 0;
            q.createdAt = Instant.now();
            return q.persist();
        });
    }

    @WithSession
    public Uni<Quota> get(UUID id) {
        return Quota.<Quota>findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Quota", id));
    }

    @WithSession
    public Uni<List<Quota>> list(String region, LocalDate on) {
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
