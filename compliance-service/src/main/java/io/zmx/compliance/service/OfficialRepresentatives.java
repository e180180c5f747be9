package io.zmx.compliance.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.zmx.compliance.domain.OfficialRepresentative;
import io.zmx.compliance.engine.EvaluationContext;
import io.zmx.compliance.persistence.OfficialRepresentativeList;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.edge.Writes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

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

    /** A new entry as asked for. */
    public record NewEntry(String country, String make, String name, String registrationNumber, LocalDate validFrom,
            LocalDate validTo, String source) {}

    public record Created(OfficialRepresentative entry, boolean replayed) {}

    /** One page of entries and how many match in all. */
    public record Listed(List<OfficialRepresentative> items, long total) {}

    private final OfficialRepresentativeList list;

    public OfficialRepresentatives(OfficialRepresentativeList list) {
        this.list = list;
    }

    public Uni<Created> create(NewEntry r, Writer writer, String idempotencyKey) {
        return Writes.transaction(() -> {
            Uni<OfficialRepresentative> earlier = idempotencyKey == null ? Uni.createFrom().nullItem() : list.byIdempotencyKey(idempotencyKey);
            return earlier.chain(found -> {
                if (found != null) {
                    if (!found.createdBy.equals(writer.user())) {
                        throw ProblemException.conflict("idempotency-key-reused", "Idempotency-Key already used",
                                "this Idempotency-Key was used by another caller");
                    }
                    return Uni.createFrom().item(new Created(found, true));
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
                // flushed so the generated id is there for the answer
                return list.persistAndFlush(e).map(saved -> new Created(saved, false));
            });
        });
    }

    public Uni<Void> delete(long id, Writer writer) {
        return Writes.transaction(() -> get(id).chain(e -> {
            writer.mayWrite(e.country);
            return list.delete(e);
        }));
    }

    @WithSession
    public Uni<OfficialRepresentative> get(long id) {
        return list.findById(id).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("Official representative", id);
            }
            return e;
        });
    }

    /** Entries matching the filters (each optional), ordered by country, make, name; page is 0-based. */
    @WithSession
    public Uni<Listed> list(String country, String make, String name, LocalDate validOn, int page, int size) {
        return list.search(country, make == null ? null : key(make), name == null ? null : key(name), validOn, page, size)
                .map(slice -> new Listed(slice.items(), slice.total()));
    }

    /**
     * Whether the consignee is on the list for the destination and make on {@code on}: matched on the
     * registration number when both the entry and the filing carry one, else on the normalized name.
     */
    @WithSession
    public Uni<Boolean> isOfficial(String country, String make, String consignee, String registrationNumber, LocalDate on) {
        if (country == null || make == null || make.isBlank()) {
            return Uni.createFrom().item(false);
        }
        String reg = blankToNull(registrationNumber) == null ? null : registrationKey(registrationNumber);
        String name = key(consignee);
        return list.forMake(country, key(make)).map(entries -> entries.stream().filter(e -> e.validOn(on))
                .anyMatch(e -> e.registrationKey != null && reg != null
                        ? e.registrationKey.equals(reg)
                        : !name.isEmpty() && e.nameKey.equals(name)));
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
