package io.zmx.export.service;

import io.quarkus.panache.common.Sort;
import io.zmx.edge.ProblemException;
import io.zmx.edge.Writes;
import io.zmx.export.ExportConfig;
import io.zmx.export.domain.ExchangeRate;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The admin-maintained, dated exchange-rate table used to compare a declared value with a reference price in
 * another currency. A rate is used for {@code maxAgeDays} after its date; older or missing means "cannot compare".
 */
@ApplicationScoped
public class ExchangeRateService {

    private final String referenceCurrency;
    private final int maxAgeDays;

    public ExchangeRateService(ExportConfig config) {
        this.referenceCurrency = config.export().exchangeRates().referenceCurrency();
        this.maxAgeDays = config.export().exchangeRates().maxAgeDays();
    }

    public String referenceCurrency() {
        return referenceCurrency;
    }

    /** Creates or replaces the rate for (currency, reference currency, date). */
    public Uni<ExchangeRate> put(String currency, String reference, LocalDate validOn, BigDecimal rate, String source, Caller caller) {
        return Writes.transaction(() -> {
            String ref = reference == null ? referenceCurrency : reference;
            if (ref.equals(currency)) {
                return Uni.createFrom().failure(ProblemException.invalid("validation", "Request is not valid",
                        "A currency has no rate to itself",
                        List.of(new io.zmx.edge.Problem.Violation("referenceCurrency", "must differ from currency"))));
            }
            ExchangeRate.Key key = new ExchangeRate.Key(currency, ref, validOn);
            return ExchangeRate.<ExchangeRate>findById(key).chain(found -> {
                ExchangeRate r = found;
                if (r == null) {
                    r = new ExchangeRate();
                    r.key = key;
                }
                r.rate = rate;
                r.source = source.trim();
                r.createdBy = caller.subject();
                r.createdAt = Instant.now();
                return r.persist();
            });
        });
    }

    @WithSession
    public Uni<List<ExchangeRate>> list(String currency, LocalDate from, LocalDate to) {
        StringBuilder q = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters p = new io.quarkus.panache.common.Parameters();
        if (currency != null) {
            q.append(" and key.currency = :c");
            p = p.and("c", currency);
        }
        if (from != null) {
            q.append(" and key.validOn >= :from");
            p = p.and("from", from);
        }
        if (to != null) {
            q.append(" and key.validOn <= :to");
            p = p.and("to", to);
        }
        return ExchangeRate.list(q.toString(), Sort.by("key.currency").and("key.validOn", Sort.Direction.Descending), p);
    }

    public Uni<Void> delete(String currency, String reference, LocalDate validOn) {
        return Writes.transaction(() -> ExchangeRate.deleteById(new ExchangeRate.Key(currency, reference == null ? referenceCurrency : reference, validOn))
                .chain(deleted -> deleted ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ProblemException.notFound("Exchange rate", currency + "/" + validOn))));
    }

    /** A conversion: 1 unit of {@code from} = {@code factor} units of {@code to}, and the rates' dates and sources. */
    public record Conversion(BigDecimal factor, String basis) {}

    /**
     * How many units of {@code to} one unit of {@code from} is worth on {@code on}: a direct rate, an inverse one,
     * or both through the reference currency; empty when the table cannot say.
     */
    @WithSession
    public Uni<Optional<Conversion>> convert(String from, String to, LocalDate on) {
        if (from.equals(to)) return Uni.createFrom().item(Optional.of(new Conversion(BigDecimal.ONE, "same currency")));
        return latest(from, to, on).chain(direct -> {
            if (direct.isPresent()) return Uni.createFrom().item(direct.map(r -> new Conversion(r.rate, describe(r))));
            return latest(to, from, on).chain(inverse -> {
                if (inverse.isPresent()) {
                    return Uni.createFrom().item(inverse.map(r ->
                            new Conversion(BigDecimal.ONE.divide(r.rate, MathContext.DECIMAL64), describe(r))));
                }
                Uni<Optional<ExchangeRate>> first = from.equals(referenceCurrency) ? Uni.createFrom().item(Optional.empty())
                        : latest(from, referenceCurrency, on);
                return first.chain(a -> {
                    Uni<Optional<ExchangeRate>> second = a.isEmpty() || to.equals(referenceCurrency)
                            ? Uni.createFrom().item(Optional.empty()) : latest(to, referenceCurrency, on);
                    return second.map(b -> a.isPresent() && b.isPresent()
                            ? Optional.of(new Conversion(a.get().rate.divide(b.get().rate, MathContext.DECIMAL64),
                                    describe(a.get()) + "; " + describe(b.get())))
                            : Optional.<Conversion>empty());
                });
            });
        });
    }

    private Uni<Optional<ExchangeRate>> latest(String currency, String reference, LocalDate on) {
        return ExchangeRate.<ExchangeRate>find("key.currency = ?1 and key.referenceCurrency = ?2 and key.validOn <= ?3"
                        + " and key.validOn >= ?4", Sort.by("key.validOn").descending(), currency, reference, on,
                on.minusDays(maxAgeDays)).firstResult().map(Optional::ofNullable);
    }

    private static String describe(ExchangeRate r) {
        return "1 " + r.key.currency() + " = " + r.rate.stripTrailingZeros().toPlainString() + " " + r.key.referenceCurrency()
                + " on " + r.key.validOn() + " (" + r.source + ")";
    }
}
