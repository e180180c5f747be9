package io.zmx.export.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * The screening backlog as the database holds it: SUBMITTED filings, in all and per exporter, in one statement on the
 * reactive client. It reads only the SUBMITTED rows through the partial index {@code filings_due} (V1, {@code WHERE
 * status = 'SUBMITTED'}) or {@code filings_status}: its cost grows with the backlog, which admission keeps bounded,
 * not with the filings stored.
 */
@ApplicationScoped
public class Backlog {

    /** SUBMITTED filings per exporter credit code, and their sum. */
    public record Count(long total, Map<String, Long> byExporter) {

        public long of(String exporter) {
            return byExporter.getOrDefault(exporter, 0L);
        }
    }

    /** The one statement (public for the test that checks an index serves it). */
    public static final String COUNT = "SELECT exporter_credit_code, count(*) FROM filings WHERE status = 'SUBMITTED'"
            + " GROUP BY exporter_credit_code";

    private final Pool pool;

    public Backlog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Count> count() {
        return pool.preparedQuery(COUNT)
                .execute()
                .map(rows -> {
                    Map<String, Long> by = new HashMap<>();
                    long total = 0;
                    for (Row r : rows) {
                        long n = r.getLong(1);
                        by.put(r.getString(0), n);
                        total += n;
                    }
                    return new Count(total, Map.copyOf(by));
                });
    }
}
