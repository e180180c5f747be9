package io.zmx.export.webhooks;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes events into the {@code event} outbox directly, as the filing lifecycle does in its own transaction once
 * issue 14's feed part is merged, so the webhook tests do not depend on which writers exist yet. The payload is bound
 * as a JSON object (a String bound to jsonb is stored as a JSON string, which the feed cannot read as an object).
 */
public final class Events {

    private Events() {}

    public static UUID insert(Pool pool, String type, String creditCode, String... countries) {
        UUID id = UUID.randomUUID();
        UUID filing = UUID.randomUUID();
        JsonObject payload = new JsonObject().put("filingId", filing.toString()).put("vin", "LGXCE4CB0R0000001")
                .put("status", type.substring(type.indexOf('.') + 1).toUpperCase());
        pool.preparedQuery("""
                        INSERT INTO event (id, type, filing_id, vin, exporter_credit_code, countries, payload)
                        VALUES ($1, $2, $3, 'LGXCE4CB0R0000001', $4, $5, $6::jsonb)""")
                .executeAndAwait(Tuple.from(java.util.Arrays.asList(id, type, filing, creditCode, countries, payload)));
        return id;
    }

    /** Many events in one transaction (one commit). */
    public static List<UUID> insertMany(Pool pool, int n, String type, String creditCode, String... countries) {
        List<Tuple> rows = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            rows.add(Tuple.from(java.util.Arrays.asList(id, type, UUID.randomUUID(), creditCode, countries,
                    new JsonObject().put("n", i).put("vin", "LGXCE4CB0R0000001"))));
        }
        pool.preparedQuery("""
                        INSERT INTO event (id, type, filing_id, vin, exporter_credit_code, countries, payload)
                        VALUES ($1, $2, $3, 'LGXCE4CB0R0000001', $4, $5, $6::jsonb)""")
                .executeBatchAndAwait(rows);
        return ids;
    }

    public static List<Row> ofType(Pool pool, String type) {
        List<Row> out = new ArrayList<>();
        pool.preparedQuery("SELECT id, countries, exporter_credit_code, payload::text FROM event WHERE type = $1 ORDER BY seq")
                .executeAndAwait(Tuple.of(type)).forEach(out::add);
        return out;
    }
}
