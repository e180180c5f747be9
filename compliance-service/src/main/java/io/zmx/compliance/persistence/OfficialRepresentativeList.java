package io.zmx.compliance.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.zmx.compliance.domain.OfficialRepresentative;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The official-representative list; keys ({@code makeKey}, {@code nameKey}) are normalised by the caller. */
@ApplicationScoped
public class OfficialRepresentativeList implements PanacheRepositoryBase<OfficialRepresentative, Long> {

    public record Slice(List<OfficialRepresentative> items, long total) {}

    public Uni<OfficialRepresentative> byIdempotencyKey(String key) {
        return find("idempotencyKey", key).firstResult();
    }

    public Uni<List<OfficialRepresentative>> forMake(String country, String makeKey) {
        return list("country = ?1 and makeKey = ?2", country, makeKey);
    }

    /** Entries matching the filters (each optional), by country, make, name, id: two statements (count, page). */
    public Uni<Slice> search(String country, String makeKey, String nameKeyPart, LocalDate validOn, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (country != null) {
            where.add("country = :country");
            params.put("country", country);
        }
        if (makeKey != null) {
            where.add("makeKey = :make");
            params.put("make", makeKey);
        }
        if (nameKeyPart != null) {
            where.add("nameKey like :name");
            params.put("name", "%" + nameKeyPart.replace("%", "").replace("_", "") + "%");
        }
        if (validOn != null) {
            where.add("validFrom <= :on and (validTo is null or validTo >= :on)");
            params.put("on", validOn);
        }
        var query = find(String.join(" and ", where.isEmpty() ? List.of("1 = 1") : where),
                Sort.by("country").and("makeKey").and("nameKey").and("id"), params);
        return query.count().chain(total -> query.page(Page.of(page, size)).list().map(items -> new Slice(items, total)));
    }
}
