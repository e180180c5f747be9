package io.zmx.export.service;

import io.quarkus.panache.common.Sort;
import io.zmx.edge.ProblemException;
import io.zmx.export.domain.ExchangeRate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin-maintained, dated exchange-rate table used to compare a declared value with a reference price in
 * another currency. A rate is used for {@code maxAgeDays} after its date; older or missing means "cannot compare".
 */
@ApplicationScoped
public class ExchangeRateService {

    private final String referenceCurrency;
    private final int maxAgeDays;

    public ExchangeRateService(@ConfigProperty(name = "zmx.export.exchange-rates.reference-currency", defaultValue = "USD")
                               String referenceCurrency,
                               @ConfigProperty(name = "zmx.export.exchange-rates.max-age-days", defaultValue = "7") int maxAgeDays) {
        this.referenceCurrency = referenceCurrency;
        this.maxAgeDays = maxAgeDays;
    }

    public String referenceCurrency() {
        return referenceCurrency;
    }

    /** Creates or replaces the rate for (currency, reference currency, date). */
    @Transactional
    public ExchangeRate put(String currency, String reference, LocalDate validOn, BigDecimal rate, String source, Caller caller) {
        String ref = reference == null ? referenceCurrency : reference;
        if (ref.equals(currency)) {
            throw ProblemException.invalid("validation", "Request is not valid", "A currency has no rate to itself",
                    List.of(new io.zmx.edge.Problem.Violation("referenceCurrency", "must differ from currency")));
        }
        ExchangeRate.Key key = new ExchangeRate.Key(currency, ref, validOn);
        ExchangeRate r = ExchangeRate.findById(key);
        if (r == null) {
            r = new ExchangeRate();
            r.key = key;
        }
        r.rate = rate;
        r.source = source.trim();
        r.createdBy = caller.subject();
        r.createdAt = Instant.now();
        r.persist();
        return r;
    }

    @Transactional
    public List<ExchangeRate> list(String currency, LocalDate from, LocalDate to) {
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

    @Transactional
    public void delete(String currency, String reference, LocalDate validOn) {
        if (!ExchangeRate.deleteById(new ExchangeRate.Key(currency, reference == null ? referenceCurrency : reference, validOn))) {
            throw ProblemException.notFound("Exchange rate", currency + "/" + validOn);
        }
    }

    /** A conversion: 1 unit of {@code from} = {@code factor} units of {@code to}, and the rates' dates and sources. */
    public record Conversion(BigDecimal factor, String basis) {}

    /**
     * How many units of {@code to} one unit of {@code from} is worth on {@code on}: a direct rate, an inverse one,
     * or both through the reference currency; empty when the table cannot say.
     */
    @Transactional
    public Optional<Conversion> convert(String from, String to, LocalDate on) {
        if (from.equals(to)) return Optional.of(new Conversion(BigDecimal.ONE, "same currency"));
        Optional<ExchangeRate> direct = latest(from, to, on);
        if (direct.isPresent()) return direct.map(r -> new Conversion(r.rate, describe(r)));
        Optional<ExchangeRate> inverse = latest(to, from, on);
        if (inverse.isPresent()) {
            return inverse.map(r -> new Conversion(BigDecimal.ONE.divide(r.rate, MathContext.DECIMAL64), describe(r)));
        }
        Optional<ExchangeRate> a = from.equals(referenceCurrency) ? Optional.empty() : latest(from, referenceCurrency, on);
        Optional<ExchangeRate> b = to.equals(referenceCurrency) ? Optional.empty() : latest(to, referenceCurrency, on);
        if (a.isPresent() && b.isPresent()) {
            return Optional.of(new Conversion(a.get().rate.divide(b.get().rate, MathContext.DECIMAL64),
                    describe(a.get()) + "; " + describe(b.get())));
        }
        return Optional.empty();
    }

    private Optional<ExchangeRate> latest(String currency, String reference, LocalDate on) {
        return ExchangeRate.<ExchangeRate>find("key.currency = ?1 and key.referenceCurrency = ?2 and key.validOn <= ?3"
                        + " and key.validOn >= ?4", Sort.by("key.validOn").descending(), currency, reference, on,
                on.minusDays(maxAgeDays)).firstResultOptional();
    }

    private static String describe(ExchangeRate r) {
        return "1 " + r.key.currency() + " = " + r.rate.stripTrailingZeros().toPlainString() + " " + r.key.referenceCurrency()
                + " on " + r.key.validOn() + " (" + r.source + ")";
    }
}
