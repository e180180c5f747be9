package io.zmx.export.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zmx.export.domain.Listing;
import io.zmx.export.domain.WebhookDelivery;
import io.zmx.export.domain.WebhookEndpoint;
import io.zmx.export.persistence.EventVisibility.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Webhook endpoints and their delivery log, as single statements on the reactive client. Every read and write of
 * an endpoint is scoped by its {@link Owner} (the owner of {@link EventVisibility}): another tenant's endpoint does not exist.
 */
@ApplicationScoped
public class WebhookStore {

    private static final String ENDPOINT_COLUMNS = """
            id, owner_kind, owner, url, description, event_types, secret, previous_secret, previous_secret_until, enabled,
            disabled_at, disabled_reason, consecutive_failures, created_at, created_by""";

    private static final String DELIVERY_COLUMNS = """
            id, endpoint_id, event_id, event_type, status, attempts, created_at, last_attempt_at, last_status_code,
            last_latency_ms, last_error, next_attempt_at, delivered_at""";

    private final Pool pool;

    public WebhookStore(Pool pool) {
        this.pool = pool;
    }

    /** Registers an endpoint that receives the events written from now on. */
    public Uni<WebhookEndpoint> insert(UUID id, Owner owner, String url, String description,
                                       List<String> eventTypes, String secret, String createdBy) {
        return pool.preparedQuery("""
                        INSERT INTO webhook_endpoint (id, owner_kind, owner, url, description, event_types, secret, after_seq, created_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT coalesce(max(seq), 0) FROM event), $8)
                        RETURNING """ + " " + ENDPOINT_COLUMNS)
                .execute(Tuple.from(List.of(id, owner.kind(), owner.id(), url, description == null ? "" : description,
                        eventTypes.toArray(String[]::new), secret, createdBy)))
                .map(rows -> endpoint(rows.iterator().next()));
    }

    public Uni<Listing<WebhookEndpoint>> list(Owner owner, int page, int size) {
        return pool.preparedQuery("SELECT " + ENDPOINT_COLUMNS + ", count(*) OVER () FROM webhook_endpoint"
                        + " WHERE owner_kind = $1 AND owner = $2 ORDER BY created_at, id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(owner.kind(), owner.id(), size, (long) page * size))
                .chain(rows -> {
                    List<WebhookEndpoint> items = new ArrayList<>();
                    long total = -1;
                    for (Row r : rows) {
                        items.add(endpoint(r));
                        total = r.getLong(15);
                    }
                    if (total >= 0 || page == 0) {
                        return Uni.createFrom().item(new Listing<>(items, Math.max(total, 0)));
                    }
                    return pool.preparedQuery("SELECT count(*) FROM webhook_endpoint WHERE owner_kind = $1 AND owner = $2")
                            .execute(Tuple.of(owner.kind(), owner.id()))
                            .map(c -> new Listing<>(items, c.iterator().next().getLong(0)));
                });
    }

    /** The owner's endpoint, or null (also when it is another owner's). */
    public Uni<WebhookEndpoint> find(UUID id, Owner owner) {
        return pool.preparedQuery("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint WHERE id = $1 AND owner_kind = $2 AND owner = $3")
                .execute(Tuple.of(id, owner.kind(), owner.id()))
                .map(WebhookStore::firstEndpoint);
    }

    public Uni<Boolean> delete(UUID id, Owner owner) {
        return pool.preparedQuery("DELETE FROM webhook_endpoint WHERE id = $1 AND owner_kind = $2 AND owner = $3")
                .execute(Tuple.of(id, owner.kind(), owner.id()))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The new secret signs from now; the current one becomes the previous, valid until {@code previousUntil}. */
    public Uni<WebhookEndpoint> rotate(UUID id, Owner owner, String secret, Instant previousUntil) {
        return pool.preparedQuery("""
                        UPDATE webhook_endpoint SET previous_secret = secret, previous_secret_until = $4, secret = $5
                         WHERE id = $1 AND owner_kind = $2 AND owner = $3
                        RETURNING """ + " " + ENDPOINT_COLUMNS)
                .execute(Tuple.of(id, owner.kind(), owner.id(), at(previousUntil), secret))
                .map(WebhookStore::firstEndpoint);
    }

    /** Enables a disabled endpoint again, its failure count reset; its pending deliveries are due at once. */
    public Uni<WebhookEndpoint> enable(UUID id, Owner owner, Instant now) {
        return pool.preparedQuery("""
                        WITH e AS (UPDATE webhook_endpoint SET enabled = true, disabled_at = NULL, disabled_reason = NULL,
                                          consecutive_failures = 0, failing_since = NULL
                                    WHERE id = $1 AND owner_kind = $2 AND owner = $3
                                   RETURNING *),
                             d AS (UPDATE webhook_delivery SET next_attempt_at = $4
                                    WHERE endpoint_id IN (SELECT id FROM e) AND status = 'PENDING' AND claim IS NULL)
                        SELECT """ + " " + ENDPOINT_COLUMNS + " FROM e")
                .execute(Tuple.of(id, owner.kind(), owner.id(), at(now)))
                .map(WebhookStore::firstEndpoint);
    }

    /** The endpoint's deliveries, newest first, optionally of one status. */
    public Uni<Listing<WebhookDelivery>> deliveries(UUID endpointId, String status, int page, int size) {
        return pool.preparedQuery("SELECT " + DELIVERY_COLUMNS + ", count(*) OVER () FROM webhook_delivery"
                        + " WHERE endpoint_id = $1 AND ($2::text IS NULL OR status = $2::text)"
                        + " ORDER BY created_at DESC, event_seq DESC, id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(endpointId, status, size, (long) page * size))
                .chain(rows -> {
                    List<WebhookDelivery> items = new ArrayList<>();
                    long total = -1;
                    for (Row r : rows) {
                        items.add(delivery(r));
                        total = r.getLong(13);
                    }
                    if (total >= 0 || page == 0) {
                        return Uni.createFrom().item(new Listing<>(items, Math.max(total, 0)));
                    }
                    return pool.preparedQuery("SELECT count(*) FROM webhook_delivery WHERE endpoint_id = $1"
                                    + " AND ($2::text IS NULL OR status = $2::text)")
                            .execute(Tuple.of(endpointId, status))
                            .map(c -> new Listing<>(items, c.iterator().next().getLong(0)));
                });
    }

    public Uni<WebhookDelivery> delivery(UUID endpointId, UUID deliveryId) {
        return pool.preparedQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery WHERE id = $1 AND endpoint_id = $2")
                .execute(Tuple.of(deliveryId, endpointId))
                .map(rows -> rows.size() == 0 ? null : delivery(rows.iterator().next()));
    }

    public Uni<List<WebhookDelivery.Attempt>> attempts(UUID deliveryId) {
        return pool.preparedQuery("SELECT n, at, status_code, latency_ms, error FROM webhook_attempt WHERE delivery_id = $1 ORDER BY n")
                .execute(Tuple.of(deliveryId))
                .map(rows -> {
                    List<WebhookDelivery.Attempt> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new WebhookDelivery.Attempt(r.getInteger(0), instant(r, 1), r.getInteger(2), r.getInteger(3),
                                r.getString(4)));
                    }
                    return out;
                });
    }

    /**
     * Sends a delivery again: due at {@code now} with a new retry window. A delivery still pending is left as it is,
     * so asking twice sends it once more, not twice.
     */
    public Uni<WebhookDelivery> replay(UUID endpointId, UUID deliveryId, Instant now) {
        return pool.preparedQuery("""
                        UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = $3, retry_from = $3, claim = NULL
                         WHERE id = $1 AND endpoint_id = $2 AND status <> 'PENDING'""")
                .execute(Tuple.of(deliveryId, endpointId, at(now)))
                .chain(ignored -> delivery(endpointId, deliveryId));
    }

    /**
     * Sends again every event of the endpoint's types that its owner may see, written in [{@code from}, {@code to}):
     * deliveries that exist are due again unless they are still pending; events it never got get a delivery.
     * Repeating the call while they are pending changes nothing. Returns how many were queued.
     */
    public Uni<Integer> replayRange(UUID endpointId, Instant from, Instant to, Instant now) {
        return pool.preparedQuery("""
                        INSERT INTO webhook_delivery AS d (id, endpoint_id, event_seq, event_id, event_type, status, next_attempt_at,
                                                           retry_from, created_at)
                        SELECT gen_random_uuid(), w.id, ev.seq, ev.id, ev.type, 'PENDING', $4::timestamptz, $4::timestamptz, $4::timestamptz
                          FROM event ev JOIN webhook_endpoint w ON w.id = $1 AND ev.type = ANY(w.event_types) AND """ + " " + EventVisibility.forEndpoint("w", "ev") + """
                         WHERE ev.occurred_at >= $2 AND ev.occurred_at < $3 AND ev.txid < pg_snapshot_xmin(pg_current_snapshot())
                        ON CONFLICT (endpoint_id, event_id) DO UPDATE
                           SET status = 'PENDING', next_attempt_at = $4, retry_from = $4, claim = NULL
                         WHERE d.status <> 'PENDING'""")
                .execute(Tuple.of(endpointId, at(from), at(to), at(now)))
                .map(RowSet::rowCount);
    }

    private static WebhookEndpoint firstEndpoint(RowSet<Row> rows) {
        return rows.size() == 0 ? null : endpoint(rows.iterator().next());
    }

    static WebhookEndpoint endpoint(Row r) {
        String[] types = r.getArrayOfStrings(5);
        return new WebhookEndpoint(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                types == null ? List.of() : Arrays.asList(types), r.getString(6), r.getString(7), instant(r, 8),
                r.getBoolean(9), instant(r, 10), r.getString(11), r.getInteger(12), instant(r, 13), r.getString(14));
    }

    static WebhookDelivery delivery(Row r) {
        return new WebhookDelivery(r.getUUID(0), r.getUUID(1), r.getUUID(2), r.getString(3), r.getString(4), r.getInteger(5),
                instant(r, 6), instant(r, 7), r.getInteger(8), r.getInteger(9), r.getString(10), instant(r, 11), instant(r, 12));
    }

    static Instant instant(Row r, int i) {
        OffsetDateTime t = r.getOffsetDateTime(i);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime at(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
