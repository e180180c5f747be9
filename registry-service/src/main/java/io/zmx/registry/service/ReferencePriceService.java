package io.zmx.registry.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import io.zmx.registry.api.Page;
import io.zmx.edge.ProblemException;
import io.zmx.registry.domain.ReferencePrice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
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

    public Page<ReferencePrice> list(String make, String model, Integer modelYear, int page, int size) {
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
        return new Page<>(query.page(io.quarkus.panache.common.Page.of(page, size)).list(), page, size, query.count());
    }

    public ReferencePrice get(long id) {
        ReferencePrice p = ReferencePrice.findById(id);
        if (p == null) {
            throw ProblemException.notFound("Reference price", id);
        }
        return p;
    }

    public ReferencePrice current(String make, String model, int modelYear, LocalDate asOf) {
        return ReferencePrice.<ReferencePrice>find(
                        "lower(make) = ?1 and lower(model) = ?2 and modelYear = ?3 and validFrom <= ?4",
                        Sort.descending("validFrom"), make.toLowerCase(Locale.ROOT), model.toLowerCase(Locale.ROOT),
                        modelYear, asOf)
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Reference price for",
                        make + " " + model + " " + modelYear + " on " + asOf));
    }

    @Transactional
    public Outcome publish(String make, String model, int modelYear, BigDecimal amount, String currency, LocalDate validFrom) {
        BigDecimal scaled = amount.setScale(2, RoundingMode.UNNECESSARY);
        ReferencePrice existing = ReferencePrice.<ReferencePrice>find(
                "make = ?1 and model = ?2 and modelYear = ?3 and validFrom = ?4", make.trim(), model.trim(), modelYear,
                validFrom).firstResult();
        if (existing != null) {
            if (existing.amount.compareTo(scaled) == 0 && existing.currency.equals(currency)) {
                return new Outcome(existing, false);
            }
            throw ProblemException.conflict("reference-price-exists", "Reference price already published",
                    make + " " + model + " " + modelYear + " already has " + existing.amount + " " + existing.currency
                            + " from " + validFrom + "; publish a new price with a later validFrom");
        }
        ReferencePrice p = new ReferencePrice();
        p.make = make.trim();
        p.model = model.trim();
        p.modelYear = modelYear;
        p.amount = scaled;
        p.currency = currency;
        p.validFrom = validFrom;
        p.persistAndFlush();
        return new Outcome(p, true);
    }
}
