package io.zmx.compliance.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.zmx.compliance.domain.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Stored evaluations (input and result as jsonb). */
@ApplicationScoped
public class Evaluations implements PanacheRepositoryBase<Evaluation, UUID> {

    public Uni<Long> countBetween(LocalDate from, LocalDate to) {
        return count("asOf >= ?1 and asOf <= ?2", from, to);
    }

    /** The first {@code max} evaluations with asOf in [from, to], oldest first. */
    public Uni<List<Evaluation>> between(LocalDate from, LocalDate to, int max) {
        return find("asOf >= ?1 and asOf <= ?2 order by asOf, evaluatedAt, id", from, to).page(0, max).list();
    }
}
