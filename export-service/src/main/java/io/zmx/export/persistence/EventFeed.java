package io.zmx.export.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zmx.export.domain.FeedItem;
import io.zmx.export.domain.FeedPosition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the event feed in commit-safe order, in one statement (one snapshot):
 * <ul>
 *   <li>only rows whose writing transaction finished before every transaction still running
 *       ({@code txid < pg_snapshot_xmin(pg_current_snapshot())}): a row still being written is never passed over;</li>
 *   <li>ordered by {@code (txid, seq)} and paged by a cursor on that pair. By seq alone a transaction with an older
 *       txid could take a higher seq than a younger one still running and move a cursor past the younger one's lower
 *       seq; by (txid, seq) every row that can still appear has {@code txid >= } the xmin seen, so it sorts after
 *       everything already handed out;</li>
 *   <li>the same statement also returns the last settled position in the whole table ({@code horizon}), so a page
 *       that is not full can move the caller's cursor past rows it may not see: a poller keeps its place without
 *       re-reading other tenants' rows on every call.</li>
 * </ul>
 */
@ApplicationScoped
public class EventFeed {

    /** The visible items after the cursor (up to limit), and the last settled position of the table (or null). */
    public record Page(List<FeedItem> items, FeedPosition horizon) {}

    private final Pool pool;

    public EventFeed(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page> after(FeedPosition cursor, int limit, List<String> types, EventVisibility visibility) {
        List<Object> binds = new ArrayList<>(List.of(cursor.txid(), cursor.seq(), (long) limit));
        String vis = visibility.predicate();
        binds.addAll(visibility.binds());
        String typeFilter = "";
        if (types != null && !types.isEmpty()) {
            binds.add(types.toArray(String[]::new));
            typeFilter = " AND type = ANY($" + binds.size() + ")";
        }
        // ORDER BY names the table's columns: a bare "txid" would be the text output column, and "1037" sorts before
        // "781" as text, so a page would end at the wrong row and its 'next' would skip or repeat events
        String sql = """
                WITH h AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
                (SELECT 0 AS k, seq, txid::text AS txid, id, type, occurred_at, filing_id, vin, exporter_credit_code,
                        countries, payload::text AS payload
                   FROM event, h
                  WHERE (txid, seq) > ($1::text::xid8, $2) AND txid < h.xmin AND %s%s
                  ORDER BY event.txid, event.seq LIMIT $3)
                UNION ALL
                (SELECT 1, seq, txid::text, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                   FROM event, h WHERE txid < h.xmin ORDER BY event.txid DESC, event.seq DESC LIMIT 1)
                """.formatted(vis, typeFilter);
        Tuple t = Tuple.tuple();
        binds.forEach(t::addValue);
        return pool.preparedQuery(sql).execute(t).map(rows -> {
            List<FeedItem> items = new ArrayList<>();
            FeedPosition horizon = null;
            for (Row r : rows) {
                FeedPosition p = new FeedPosition(r.getString("txid"), r.getLong("seq"));
                if (r.getInteger("k") == 1) {
                    horizon = p;
                    continue;
                }
                String[] countries = r.getArrayOfStrings("countries");
                items.add(new FeedItem(p, r.getUUID("id"), r.getString("type"), r.getOffsetDateTime("occurred_at"),
                        r.getUUID("filing_id"), r.getString("vin"), r.getString("exporter_credit_code"),
                        countries == null ? List.of() : List.of(countries), r.getString("payload")));
            }
            return new Page(items, horizon);
        });
    }
}
