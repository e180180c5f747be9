package io.zmx.export.service;

import io.quarkus.panache.common.Sort;
import io.zmx.edge.ProblemException;
import io.zmx.edge.Writes;
import io.zmx.export.domain.NegativeListEntry;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Customs' exporter negative list: maintained by customs and admin, read during screening. */
@ApplicationScoped
public class NegativeListService {

    public Uni<NegativeListEntry> add(String creditCode, NegativeListEntry.Measure measure, String reason, LocalDate since,
                                 LocalDate until, String source, Caller caller) {
        return Writes.transaction(() -> {
            NegativeListEntry e = new NegativeListEntry();
            e.id = UUID.randomUUID();
            e.creditCode = creditCode;
            e.measure = measure.name();
            e.reason = reason.trim();
            e.since = since;
            e.until = until;
            e.source = source.trim();
            e.createdBy = caller.subject();
            e.createdAt = Instant.now();
            return e.persist();
        });
    }

    @WithSession
    public Uni<List<NegativeListEntry>> list(String creditCode) {
        return creditCode == null ? NegativeListEntry.listAll(Sort.by("since").descending().and("id"))
                : NegativeListEntry.list("creditCode", Sort.by("since").descending().and("id"), creditCode.toUpperCase());
    }

    public Uni<Void> delete(UUID id) {
        return Writes.transaction(() -> NegativeListEntry.deleteById(id).chain(deleted -> deleted ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.notFound("Negative-list entry", id))));
    }

    /**
     * The strongest measure in force for the exporter at any point from {@code from} to {@code to} (today to the
     * export date): REFUSE over HOLD.
     */
    @WithSession
    public Uni<Optional<NegativeListEntry>> measure(String creditCode, LocalDate from, LocalDate to) {
        return NegativeListEntry.<NegativeListEntry>list("creditCode", creditCode)
                .map(entries -> entries.stream().filter(e -> e.activeBetween(from, to))
                        .max((a, b) -> Integer.compare(rank(a), rank(b))));
    }

    private static int rank(NegativeListEntry e) {
        return NegativeListEntry.Measure.REFUSE.name().equals(e.measure) ? 2 : 1;
    }
}
