package io.zmx.export.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The screener's queue is the {@code filings} table itself: SUBMITTED rows whose {@code next_screen_at} has come.
 * Claims and postponements are single statements on the reactive client (no session, no entity).
 */
@ApplicationScoped
public class ScreeningQueue {

    /** A claimed filing: the claim's id must still be on the row when the verdict is stored. */
    public record Claim(UUID filingId, UUID claim, int attempts) {}

    private final Pool pool;

    public ScreeningQueue(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims up to {@code n} filings due at {@code now}, skipping rows another screener holds
     * ({@code FOR UPDATE SKIP LOCKED}); the row locks last one statement, the lease keeps the claim.
     */
    public Uni<List<Claim>> claim(Instant now, Instant leaseEnd, int n) {
        return pool.preparedQuery("""
                        UPDATE filings f SET screen_claim = gen_random_uuid(), screen_attempts = f.screen_attempts + 1,
                               next_screen_at = $1
                         WHERE f.id IN (SELECT id FROM filings
                                         WHERE status = 'SUBMITTED' AND next_screen_at <= $2
                                         ORDER BY next_screen_at LIMIT $3 FOR UPDATE SKIP LOCKED)
                        RETURNING f.id, f.screen_claim, f.screen_attempts""")
                .execute(Tuple.of(at(leaseEnd), at(now), n))
                .map(rows -> {
                    List<Claim> claims = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        claims.add(new Claim(r.getUUID(0), r.getUUID(1), r.getInteger(2)));
                    }
                    return claims;
                });
    }

    /** Gives a failed claim back, due again at {@code next}, if the claim still holds and the filing still waits. */
    public Uni<Void> postpone(Claim c, Instant next, String error) {
        return pool.preparedQuery("""
                        UPDATE filings SET screen_claim = NULL, next_screen_at = $1, last_screen_error = $2
                         WHERE id = $3 AND screen_claim = $4 AND status = 'SUBMITTED'""")
                .execute(Tuple.of(at(next), error, c.filingId(), c.claim()))
                .replaceWithVoid();
    }

    private static OffsetDateTime at(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
