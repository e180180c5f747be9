package io.zmx.registry.service;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.quarkus.panache.common.Sort;
import io.zmx.edge.ProblemException;
import io.zmx.edge.Writes;
import io.zmx.registry.domain.ReferencePrice;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reference prices by make, model and model year, each valid from a date until the next one. */
@ApplicationScoped
public class ReferencePriceService {

    public record Outcome(ReferencePrice price, boolean created) {}

    @WithSession
    public Uni<Slice<ReferencePrice>> list(String make, String model, Integer modelYear, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (make != null) {
            q.append(" and lower(make) = :make");
            params.put("make", make.toLowerCase(Locale.ROOT));
        }
        if (model != null) {
            q.append(" and lower(model) = :model");
            params.put("model", model.toLowerCase(Locale.ROOT));
        }
        if (modelYear != null) {
            q.append(" and modelYear = :modelYear");
            params.put("modelYear", modelYear);
        }
        PanacheQuery<ReferencePrice> query = ReferencePrice.find(q.toString(),
                Sort.by("make").and("model").and("modelYear").and("validFrom"), params);
        return query.page(io.quarkus.panache.common.Page.of(page, size)).list()
                .flatMap(items -> query.count().map(total -> new Slice<>(items, total)));
    }

    @WithSession
    public Uni<ReferencePrice> get(long id) {
        return ReferencePrice.<ReferencePrice>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Reference price", id));
    }

    @WithSession
    public Uni<ReferencePrice> current(String make, String model, int modelYear, LocalDate asOf) {
        return ReferencePrice.<ReferencePrice>find(
                        "lower(make) = ?1 and lower(model) = ?2 and modelYear = ?3 and validFrom <= ?4",
                        Sort.descending("validFrom"), make.toLowerCase(Locale.ROOT), model.toLowerCase(Locale.ROOT),
                        modelYear, asOf)
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Reference price for",
                        make + " " + model + " " + modelYear + " on " + asOf));
    }

    /**
     * The price in force on {@code asOf} as {@link #current} finds it, or null when there is none; without a model
     * year, the newest of any model year (as a list filtered by make and model would give it). One statement.
     */
    @WithSession
    public Uni<ReferencePrice> inForce(String make, String model, Integer modelYear, LocalDate asOf) {
        if (make == null || model == null) {
            return Uni.createFrom().nullItem();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("make", make.toLowerCase(Locale.ROOT));
        params.put("model", model.toLowerCase(Locale.ROOT));
        params.put("asOf", asOf);
        String q = "lower(make) = :make and lower(model) = :model and validFrom <= :asOf";
        if (modelYear != null) {
            q += " and modelYear = :modelYear";
            params.put("modelYear", modelYear);
        }
        return ReferencePrice.<ReferencePrice>find(q, Sort.descending("validFrom").and("modelYear").and("id"), params)
                .firstResult();
    }

    public Uni<Outcome> publish(String make, String model, int modelYear, BigDecimal amount, String currency, LocalDate validFrom) {
        return Writes.transaction(() -> {
            BigDecimal scaled = amount.setScale(2, RoundingMode.UNNECESSARY);
            return ReferencePrice.<ReferencePrice>find(
                    "make = ?1 and model = ?2 and modelYear = ?3 and validFrom = ?4", make.trim(), model.trim(), modelYear,
                    validFrom).firstResult().flatMap(existing -> {
                if (existing != null) {
                    if (existing.amount.compareTo(scaled) == 0 && existing.currency.equals(currency)) {
                        return Uni.createFrom().item(new Outcome(existing, false));
                    }
                    return Uni.createFrom().failure(ProblemException.conflict("reference-price-exists",
                            "Reference price already published", make + " " + model + " " + modelYear + " already has "
                                    + existing.amount + " " + existing.currency + " from " + validFrom
                                    + "; publish a new price with a later validFrom"));
                }
                ReferencePrice p = new ReferencePrice();
                p.make = make.trim();
                p.model = model.trim();
                p.modelYear = modelYear;
                p.amount = scaled;
                p.currency = currency;
                p.validFrom = validFrom;
                return p.<ReferencePrice>persistAndFlush().map(saved -> new Outcome(p, true));
            });
        });
    }
}
