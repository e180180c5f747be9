package io.zmx.compliance.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.zmx.compliance.domain.RuleSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The rule sets (a small table: one row per jurisdiction or group). */
@ApplicationScoped
public class RuleSets implements PanacheRepositoryBase<RuleSet, String> {

    public Uni<List<RuleSet>> all() {
        return list("order by jurisdiction");
    }
}
