package io.zmx.export.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zmx.export.domain.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads of {@code alert} on the reactive client: the scoped list, an exporter's risk figures, the re-export report. */
@ApplicationScoped
public class AlertReads {

    public record Listing(List<Alert> items, long total) {}

    public record Risk(Map<String, Long> alertsByKind, long alerts, long clearedFilings) {}

    public record ReportRow(String key, long alerts) {}

    private final Pool pool;

    public AlertReads(Pool pool) {
        this.pool = pool;
    }

    /** Two statements: the page and the count. */
    public Uni<Listing> list(EventVisibility visibility, String kind, String vin, String exporter, int page, int size) {
        List<Object> binds = new ArrayList<>(visibility.binds());
        StringBuilder where = new StringBuilder(" WHERE ").append(visibility.predicate());
        if (kind != null) {
            binds.add(kind);
            where.append(" AND kind = $").append(binds.size());
        }
        if (vin != null) {
            binds.add(vin);
            where.append(" AND vin = $").append(binds.size());
        }
        if (exporter != null) {
            binds.add(exporter);
            where.append(" AND exporter_credit_code = $").append(binds.size());
        }
        Tuple count = Tuple.from(binds);
        List<Object> pageBinds = new ArrayList<>(binds);
        pageBinds.add((long) size);
        pageBinds.add((long) page * size);
        String select = "SELECT id, kind, raised_at, observed_on, vin, filing_id, other_filing_id, sighting_id, exporter_credit_code,"
                + " origin_region, declared_destination, surfaced_in, countries, detail FROM alert" + where
                + " ORDER BY raised_at DESC, id LIMIT $" + (binds.size() + 1) + " OFFSET $" + (binds.size() + 2);
        return pool.preparedQuery(select).execute(Tuple.from(pageBinds)).chain(rows -> {
            List<Alert> items = new ArrayList<>();
            for (Row r : rows) {
                items.add(new Alert(r.getUUID("id"), r.getString("kind"), r.getOffsetDateTime("raised_at"),
                        r.getLocalDate("observed_on"), r.getString("vin"), r.getUUID("filing_id"), r.getUUID("other_filing_id"),
                        r.getUUID("sighting_id"), r.getString("exporter_credit_code"), r.getString("origin_region"),
                        r.getString("declared_destination"), r.getString("surfaced_in"), List.of(r.getArrayOfStrings("countries")),
                        r.getString("detail")));
            }
            return pool.preparedQuery("SELECT count(*) FROM alert" + where).execute(count)
                    .map(c -> new Listing(items, c.iterator().next().getLong(0)));
        });
    }

    /** An exporter's alerts by kind and its filings that were cleared (or went on from there), in one statement. */
    public Uni<Risk> risk(String creditCode) {
        return pool.preparedQuery("""
                        SELECT kind, count(*) FROM alert WHERE exporter_credit_code = $1 GROUP BY kind
                        UNION ALL
                        SELECT NULL, count(*) FROM filings WHERE exporter_credit_code = CAST($1 AS bpchar)
                           AND status IN ('CLEARED', 'SHIPPED', 'ARRIVED', 'ACCEPTED', 'REFUSED')""")
                .execute(Tuple.of(creditCode)).map(rows -> {
                    Map<String, Long> byKind = new LinkedHashMap<>();
                    long alerts = 0;
                    long cleared = 0;
                    for (Row r : rows) {
                        if (r.getString(0) == null) {
                            cleared = r.getLong(1);
                        } else {
                            byKind.put(r.getString(0), r.getLong(1));
                            alerts += r.getLong(1);
                        }
                    }
                    return new Risk(byKind, alerts, cleared);
                });
    }

    /** Re-export alerts counted by route (origin region, declared destination, country of sighting) or by month. */
    public Uni<List<ReportRow>> reExportReport(boolean byRoute, LocalDate from, LocalDate toExclusive) {
        String key = byRoute
                ? "coalesce(origin_region, 'unknown') || ' > ' || declared_destination || ' > ' || surfaced_in"
                : "to_char(observed_on, 'YYYY-MM')";
        List<Object> binds = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE kind = 'RE_EXPORT'");
        if (from != null) {
            binds.add(from);
            where.append(" AND observed_on >= $").append(binds.size());
        }
        if (toExclusive != null) {
            binds.add(toExclusive);
            where.append(" AND observed_on < $").append(binds.size());
        }
        return pool.preparedQuery("SELECT " + key + " AS k, count(*) FROM alert" + where + " GROUP BY 1 ORDER BY 1")
                .execute(Tuple.from(binds)).map(rows -> {
                    List<ReportRow> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new ReportRow(r.getString(0), r.getLong(1)));
                    }
                    return out;
                });
    }
}
