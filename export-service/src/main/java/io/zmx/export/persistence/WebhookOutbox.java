package io.zmx.export.persistence;

import static io.zmx.export.persistence.WebhookStore.at;
import static io.zmx.export.persistence.WebhookStore.instant;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The webhook dispatcher's statements: the fan-out from the {@code event} outbox to delivery rows, the claim of
 * due deliveries ({@code FOR UPDATE SKIP LOCKED}, fair between endpoints), the recording of an attempt, and the
 * disabling of an endpoint that keeps failing (with its {@code webhook.endpoint.disabled} event, in the same
 * statement).
 */
@ApplicationScoped
public class WebhookOutbox {

    /** A claimed delivery with everything its attempt needs: the event, the endpoint's URL and secrets. */
    public record Claim(UUID deliveryId, UUID claim, UUID endpointId, int attempts, Instant retryFrom, UUID eventId,
                        String eventType, Instant occurredAt, String payload, String url, String secret,
                        String previousSecret, Instant previousSecretUntil) {}

    /** The endpoint's failure streak after a failed attempt. */
    public record Streak(int consecutiveFailures, Instant failingSince) {}

    private final Pool pool;

    public WebhookOutbox(Pool pool) {
        this.pool = pool;
    }

    /**
     * Reads up to {@code n} events past the fan-out's position and creates a delivery for each enabled endpoint
     * that subscribed to its type and whose owner may see it; returns how many events were read (0 when another
     * instance holds the position). Only events of ended transactions are read, in (txid, seq) order.
     */
    public Uni<Integer> fanOut(int n) {
        return pool.preparedQuery("""
                        WITH cur AS (SELECT last_txid, last_seq FROM webhook_fanout WHERE id = 1 FOR UPDATE SKIP LOCKED),
                        ev AS (SELECT e.seq, e.id, e.type, e.countries, e.exporter_credit_code, e.txid FROM event e, cur
                                WHERE (e.txid, e.seq) > (cur.last_txid, cur.last_seq)
                                  AND e.txid < pg_snapshot_xmin(pg_current_snapshot())
                                ORDER BY e.txid, e.seq LIMIT $1),
                        ins AS (INSERT INTO webhook_delivery (id, endpoint_id, event_seq, event_id, event_type, status,
                                                              next_attempt_at, retry_from, created_at)
                                SELECT gen_random_uuid(), w.id, ev.seq, ev.id, ev.type, 'PENDING', now(), now(), now()
                                  FROM ev JOIN webhook_endpoint w ON w.enabled AND ev.seq > w.after_seq
                                   AND ev.type = ANY(w.event_types) AND """ + " " + EventVisibility.forEndpoint("w", "ev") + """
                                ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING 1),
                        upd AS (UPDATE webhook_fanout f SET last_txid = l.txid, last_seq = l.seq
                                  FROM (SELECT txid, seq FROM ev ORDER BY txid DESC, seq DESC LIMIT 1) l
                                 WHERE f.id = 1 RETURNING 1)
                        SELECT (SELECT count(*) FROM ev), (SELECT count(*) FROM ins), (SELECT count(*) FROM upd)""")
                .execute(Tuple.of(n))
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    /**
     * Claims up to {@code n} deliveries due at {@code now} of enabled endpoints, at most {@code perEndpoint} of any one
     * endpoint and none of the {@code saturated} ones, taking each endpoint's oldest first and the endpoints in turn
     * (all first ones, then all second ones...), so one endpoint's backlog never starves the others. A claim holds
     * until {@code leaseEnd} (then a crashed dispatcher's deliveries are due again).
     */
    public Uni<List<Claim>> claim(Instant now, Instant leaseEnd, int n, int perEndpoint, Collection<UUID> saturated) {
        return pool.preparedQuery("""
                        WITH c AS (
                          UPDATE webhook_delivery d SET claim = gen_random_uuid(), attempts = d.attempts + 1, next_attempt_at = $1
                           WHERE d.id IN (
                             SELECT id FROM webhook_delivery WHERE id IN (
                               SELECT q.id FROM (
                                 SELECT w.id, w.next_attempt_at, w.event_seq,
                                        row_number() OVER (PARTITION BY w.endpoint_id ORDER BY w.next_attempt_at, w.event_seq) AS rn
                                   FROM webhook_delivery w JOIN webhook_endpoint e ON e.id = w.endpoint_id AND e.enabled
                                  WHERE w.status = 'PENDING' AND w.next_attempt_at <= $2 AND NOT (w.endpoint_id = ANY($5))) q
                                WHERE q.rn <= $4 ORDER BY q.rn, q.next_attempt_at, q.event_seq LIMIT $3)
                             FOR UPDATE SKIP LOCKED)
                          RETURNING d.id, d.claim, d.endpoint_id, d.attempts, d.retry_from, d.event_seq)
                        SELECT c.id, c.claim, c.endpoint_id, c.attempts, c.retry_from, ev.id, ev.type, ev.occurred_at, ev.payload::text,
                               e.url, e.secret, e.previous_secret, e.previous_secret_until
                          FROM c JOIN event ev ON ev.seq = c.event_seq JOIN webhook_endpoint e ON e.id = c.endpoint_id""")
                .execute(Tuple.from(List.of(at(leaseEnd), at(now), n, perEndpoint, saturated.toArray(UUID[]::new))))
                .map(rows -> {
                    List<Claim> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(new Claim(r.getUUID(0), r.getUUID(1), r.getUUID(2), r.getInteger(3), instant(r, 4), r.getUUID(5),
                                r.getString(6), instant(r, 7), r.getString(8), r.getString(9), r.getString(10), r.getString(11),
                                instant(r, 12)));
                    }
                    return out;
                });
    }

    /** Records a 2xx answer, if the claim still holds, and ends the endpoint's failure streak. */
    public Uni<Void> delivered(Claim c, Instant at, int statusCode, int latencyMs) {
        return pool.preparedQuery("""
                        WITH d AS (UPDATE webhook_delivery SET status = 'DELIVERED', claim = NULL, next_attempt_at = NULL,
                                          delivered_at = $3, last_attempt_at = $3, last_status_code = $4, last_latency_ms = $5,
                                          last_error = NULL
                                    WHERE id = $1 AND claim = $2 RETURNING id, attempts, endpoint_id),
                             a AS (INSERT INTO webhook_attempt (delivery_id, n, at, status_code, latency_ms, error)
                                   SELECT id, attempts, $3, $4, $5, NULL FROM d),
                             e AS (UPDATE webhook_endpoint SET consecutive_failures = 0, failing_since = NULL
                                    WHERE id IN (SELECT endpoint_id FROM d) AND consecutive_failures <> 0)
                        SELECT count(*) FROM d""")
                .execute(Tuple.of(c.deliveryId(), c.claim(), at(at), statusCode, latencyMs))
                .replaceWithVoid();
    }

    /**
     * Records a failed attempt, if the claim still holds: due again at {@code next}, or FAILED when {@code next} is
     * null (the retry window is over). Returns the endpoint's failure streak (null when the claim was lost).
     */
    public Uni<Streak> failed(Claim c, Instant at, Integer statusCode, int latencyMs, String error, Instant next) {
        return pool.preparedQuery("""
                        WITH d AS (UPDATE webhook_delivery
                                      SET status = CASE WHEN $6::timestamptz IS NULL THEN 'FAILED' ELSE 'PENDING' END,
                                          claim = NULL, next_attempt_at = $6::timestamptz, last_attempt_at = $3,
                                          last_status_code = $4, last_latency_ms = $5, last_error = $7
                                    WHERE id = $1 AND claim = $2 RETURNING id, attempts, endpoint_id),
                             a AS (INSERT INTO webhook_attempt (delivery_id, n, at, status_code, latency_ms, error)
                                   SELECT id, attempts, $3, $4, $5, $7 FROM d),
                             e AS (UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1,
                                          failing_since = coalesce(failing_since, $3)
                                    WHERE id IN (SELECT endpoint_id FROM d) RETURNING consecutive_failures, failing_since)
                        SELECT consecutive_failures, failing_since FROM e""")
                .execute(Tuple.from(java.util.Arrays.asList(c.deliveryId(), c.claim(), at(at), statusCode, latencyMs, at(next), error)))
                .map(rows -> rows.size() == 0 ? null
                        : new Streak(rows.iterator().next().getInteger(0), instant(rows.iterator().next(), 1)));
    }

    /**
     * Disables the endpoint if it is still enabled and writes the {@code webhook.endpoint.disabled} event its owner
     * sees (the agency's country, or the exporter's credit code), in one statement; true when it did.
     */
    public Uni<Boolean> disable(UUID endpointId, Instant at, String reason) {
        return pool.preparedQuery("""
                        WITH d AS (UPDATE webhook_endpoint SET enabled = false, disabled_at = $2, disabled_reason = $3
                                    WHERE id = $1 AND enabled
                                   RETURNING id, owner_kind, owner, url, consecutive_failures, failing_since)
                        INSERT INTO event (id, type, exporter_credit_code, countries, payload)
                        SELECT gen_random_uuid(), 'webhook.endpoint.disabled',
                               CASE WHEN owner_kind = 'exporter' THEN owner END,
                               CASE WHEN owner_kind = 'country' THEN ARRAY[owner] ELSE '{}'::text[] END,
                               jsonb_build_object('endpointId', id, 'url', url, 'reason', $3::text,
                                                  'consecutiveFailures', consecutive_failures,
                                                  'failingSince', failing_since, 'disabledAt', $2::timestamptz)
                          FROM d RETURNING id""")
                .execute(Tuple.of(endpointId, at(at), reason))
                .map(rows -> rows.size() > 0);
    }
}
