package io.zmx.compliance.service;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.zmx.compliance.api.OfficialRepresentativeRequest;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.compliance.domain.OfficialRepresentative;
import io.zmx.compliance.engine.EvaluationContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The official-representative list and the one decision evaluations take from it: is this consignee the
 * make's official representative in the destination on asOf? Callers cannot declare it.
 */
@ApplicationScoped
public class OfficialRepresentatives {

    /** Who is writing: admin may write any country, an agency only its own (its token's zmx_country). */
    public record Writer(String user, boolean admin, String agencyCountry) {
        void mayWrite(String country) {
            if (!admin && (agencyCountry == null || !agencyCountry.equals(country))) {
                throw new ProblemException(403, "forbidden", "Not allowed",
                        "an agency may maintain only the list of its own country ("
                                + (agencyCountry == null ? "no zmx_country claim" : agencyCountry) + ")");
            }
        }
    }

    public record Created(OfficialRepresentative entry, boolean replayed) {}

    @Transactional
    public Created create(OfficialRepresentativeRequest r, Writer writer, String idempotencyKey) {
        if (idempotencyKey != null) {
            OfficialRepresentative earlier = OfficialRepresentative.find("idempotencyKey", idempotencyKey).firstResult();
            if (earlier != null) {
                if (!earlier.createdBy.equals(writer.user())) {
                    throw ProblemException.conflict("idempotency-key-reused", "Idempotency-Key already used",
                            "this Idempotency-Key was used by another caller");
                }
                return new Created(earlier, true);
            }
        }
        writer.mayWrite(r.country());
        if (r.validTo() != null && r.validTo().isBefore(r.validFrom())) {
            throw ProblemException.invalid("validation", "Request is not valid", "validTo is before validFrom",
                    List.of(new Problem.Violation("validTo", "must not be before validFrom")));
        }
        OfficialRepresentative e = new OfficialRepresentative();
        e.country = r.country();
        e.make = r.make().strip();
        e.makeKey = key(r.make());
        e.name = r.name().strip();
        e.nameKey = key(r.name());
        e.registrationNumber = blankToNull(r.registrationNumber());
        e.registrationKey = e.registrationNumber == null ? null : registrationKey(e.registrationNumber);
        e.validFrom = r.validFrom();
        e.validTo = r.validTo();
        e.source = r.source().strip();
        e.createdBy = writer.user();
        e.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        e.idempotencyKey = idempotencyKey;
        e.persist();
        return new Created(e, false);
    }

    @Transactional
    public void delete(long id, Writer writer) {
        OfficialRepresentative e = get(id);
        writer.mayWrite(e.country);
        e.delete();
    }

    @Transactional
    public OfficialRepresentative get(long id) {
        OfficialRepresentative e = OfficialRepresentative.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Official representative", id);
        }
        return e;
    }

    /** Entries matching the filters (each optional), ordered by country, make, name; page is 0-based. */
    @Transactional
    public io.zmx.compliance.api.Page<OfficialRepresentative> list(String country, String make, String name, LocalDate validOn,
            int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new java.util.HashMap<>();
        if (country != null) {
            where.add("country = :country");
            params.put("country", country);
        }
        if (make != null) {
            where.add("makeKey = :make");
            params.put("make", key(make));
        }
        if (name != null) {
            where.add("nameKey like :name");
            params.put("name", "%" + key(name).replace("%", "").replace("_", "") + "%");
        }
        if (validOn != null) {
            where.add("validFrom <= :on and (validTo is null or validTo >= :on)");
            params.put("on", validOn);
        }
        var query = OfficialRepresentative.<OfficialRepresentative>find(String.join(" and ", where.isEmpty() ? List.of("1 = 1") : where),
                Sort.by("country").and("makeKey").and("nameKey").and("id"), params);
        long total = query.count();
        List<OfficialRepresentative> items = query.page(Page.of(page, size)).list();
        return new io.zmx.compliance.api.Page<>(items, page, size, total);
    }

    /**
     * Whether the consignee is on the list for the destination and make on {@code on}: matched on the
     * registration number when both the entry and the filing carry one, else on the normalized name.
     */
    @Transactional
    public boolean isOfficial(String country, String make, String consignee, String registrationNumber, LocalDate on) {
        if (country == null || make == null || make.isBlank()) {
            return false;
        }
        String reg = blankToNull(registrationNumber) == null ? null : registrationKey(registrationNumber);
        String name = key(consignee);
        List<OfficialRepresentative> entries = OfficialRepresentative.list("country = ?1 and makeKey = ?2", country, key(make));
        return entries.stream().filter(e -> e.validOn(on)).anyMatch(e -> e.registrationKey != null && reg != null
                ? e.registrationKey.equals(reg)
                : !name.isEmpty() && e.nameKey.equals(name));
    }

    static String key(String s) {
        return EvaluationContext.normalizedText(s);
    }

    /** Registration numbers compare without spaces, dashes, dots, slashes and case ("2305-4001 2345" = "230540012345"). */
    static String registrationKey(String s) {
        return key(s).replaceAll("[\\s\\-./]", "");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
