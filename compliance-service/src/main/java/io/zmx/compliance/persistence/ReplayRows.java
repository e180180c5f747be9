package io.zmx.compliance.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zmx.compliance.engine.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stored evaluations as a backtest reads them: only what a replay needs (not the stored result), a page at a time
 * in {@code (as_of, id)} order, resumed after the last row of the previous page (keyset, on the index
 * {@code evaluation_as_of_id}), so a backtest over a million rows holds one page in memory and every page costs the
 * same. The input stays JSON text here; the replay parses it off the event loop.
 */
@ApplicationScoped
public class ReplayRows {

    /** One stored evaluation to replay: its input as stored (jsonb as text) and the outcome it got. */
    public record Row(UUID id, String origin, String destination, LocalDate asOf, Outcome outcome, String input) {}

    /** Where the previous page ended. */
    public record After(LocalDate asOf, UUID id) {}

    /**
     * Which stored evaluations a rule set judges: those whose origin (an origin set) or destination (a destination
     * or group set) is one of {@code countries}. Read in SQL, so evaluations bound elsewhere never leave the database.
     */
    public record Judged(boolean byOrigin, List<String> countries) {}

    private static String select(Judged judged, boolean resume) {
        return "SELECT id, origin, destination, as_of, outcome, input::text FROM evaluation WHERE as_of >= $1 AND as_of <= $2 AND "
                + (judged.byOrigin() ? "origin" : "destination") + " = ANY($4)"
                + (resume ? " AND (as_of, id) > ($5, $6)" : "") + " ORDER BY as_of, id LIMIT $3";
    }

    private final Pool db;

    public ReplayRows(Pool db) {
        this.db = db;
    }

    /** Up to {@code limit} evaluations the set judges with asOf in [from, to], after {@code after} (null: from the start). */
    public Uni<List<Row>> page(LocalDate from, LocalDate to, Judged judged, After after, int limit) {
        String[] countries = judged.countries().toArray(String[]::new);
        Uni<io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row>> rows = after == null
                ? db.preparedQuery(select(judged, false)).execute(Tuple.of(from, to, limit, countries))
                : db.preparedQuery(select(judged, true)).execute(Tuple.tuple(List.of(from, to, limit, countries, after.asOf(), after.id())));
        return rows.map(set -> {
            List<Row> page = new ArrayList<>(set.size());
            for (io.vertx.mutiny.sqlclient.Row r : set) {
                page.add(new Row(r.getUUID(0), r.getString(1), r.getString(2), r.getLocalDate(3),
                        Outcome.valueOf(r.getString(4)), r.getString(5)));
            }
            return page;
        });
    }

    /** How many stored evaluations have asOf in [from, to]. */
    public Uni<Long> count(LocalDate from, LocalDate to) {
        return db.preparedQuery("SELECT count(*) FROM evaluation WHERE as_of >= $1 AND as_of <= $2")
                .execute(Tuple.of(from, to)).map(set -> set.iterator().next().getLong(0));
    }
}
