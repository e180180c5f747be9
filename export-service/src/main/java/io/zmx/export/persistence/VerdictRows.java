package io.zmx.export.persistence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.zmx.export.domain.Event;
import io.zmx.export.domain.FilingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

/**
 * The rows a stored verdict adds besides the filing's own: its transitions' audit events ({@code filing_events}),
 * their feed events ({@code event}) and the report rollup's count ({@code zero_mileage_rollup}), in ONE statement
 * (issue 12: every statement is a round trip on the event loop, and these were five: an identity id made each audit
 * event its own insert). The events travel as two jsonb arrays, so a null reason stays null and the statement's text
 * is the same for any number of rows; {@code jsonb_to_recordset} yields them in array order, so the feed's
 * {@code seq} keeps the transitions' order. Caller's transaction; the filing's row is written by Hibernate.
 */
@ApplicationScoped
public class VerdictRows {

    /** The rollup cell a first verdict counts in: month of the planned export date, destination, maker, region. */
    public record RollupCell(LocalDate month, String destination, String maker, String region, boolean zeroMileage) {}

    private static final String SQL = """
            WITH audit AS (
                INSERT INTO filing_events (filing_id, seq, actor, actor_role, at, from_status, to_status, reason, prev_hash,
                                           hash, hash_version)
                SELECT filing_id, seq, actor, actor_role, at, from_status, to_status, reason, prev_hash, hash, hash_version
                  FROM jsonb_to_recordset(CAST(CAST(:audit AS text) AS jsonb))
                       AS a(filing_id uuid, seq int, actor text, actor_role text, at timestamptz, from_status text,
                            to_status text, reason text, prev_hash text, hash text, hash_version int)),
            rollup AS (
                INSERT INTO zero_mileage_rollup AS r (month, destination, maker, origin_region, filings, zero_mileage)
                VALUES (:month, :dest, :maker, :region, 1, :zero)
                ON CONFLICT (month, destination, maker, origin_region)
                DO UPDATE SET filings = r.filings + 1, zero_mileage = r.zero_mileage + EXCLUDED.zero_mileage)
            INSERT INTO event (id, type, filing_id, vin, exporter_credit_code, countries, payload)
            SELECT id, type, filing_id, vin, exporter_credit_code, string_to_array(countries, ','), CAST(payload AS jsonb)
              FROM jsonb_to_recordset(CAST(CAST(:events AS text) AS jsonb))
                   AS e(id uuid, type text, filing_id uuid, vin text, exporter_credit_code text, countries text, payload text)""";

    /** Writes the audit events, the feed events and the rollup count (caller's transaction). */
    public Uni<Void> insert(List<FilingEvent> audit, List<Event> events, RollupCell cell) {
        ArrayNode a = JsonColumns.MAPPER.createArrayNode();
        for (FilingEvent e : audit) {
            ObjectNode o = a.addObject();
            o.put("filing_id", e.filingId.toString());
            o.put("seq", e.seq);
            o.put("actor", e.actor);
            o.put("actor_role", e.actorRole);
            o.put("at", e.at.toString()); // microseconds, as the hash covers them
            o.put("from_status", e.fromStatus);
            o.put("to_status", e.toStatus);
            o.put("reason", e.reason);
            o.put("prev_hash", e.prevHash);
            o.put("hash", e.hash);
            o.put("hash_version", e.hashVersion);
        }
        ArrayNode f = JsonColumns.MAPPER.createArrayNode();
        for (Event e : events) {
            ObjectNode o = f.addObject();
            o.put("id", e.id.toString());
            o.put("type", e.type);
            o.put("filing_id", e.filingId == null ? null : e.filingId.toString());
            o.put("vin", e.vin);
            o.put("exporter_credit_code", e.exporterCreditCode);
            o.put("countries", e.countries == null ? "" : e.countries);
            o.put("payload", e.payload);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(SQL)
                .setParameter("audit", a.toString())
                .setParameter("events", f.toString())
                .setParameter("month", cell.month())
                .setParameter("dest", cell.destination())
                .setParameter("maker", cell.maker())
                .setParameter("region", cell.region())
                .setParameter("zero", cell.zeroMileage() ? 1 : 0)
                .executeUpdate()).replaceWithVoid();
    }
}
