package io.zmx.export.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zmx.export.domain.Sighting;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code sighting} rows and the filing a sighting is compared with. Writes run in the caller's transaction. */
@ApplicationScoped
public class Sightings {

    /** The VIN's last cleared filing (cleared, or past clearance): its destination and the day it left (or was to). */
    public record LastCleared(UUID filingId, String number, String destination, LocalDate exported) {}

    private final Pool pool;

    public Sightings(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<LastCleared>> lastCleared(String vin) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        SELECT CAST(f.id AS text), f.number, CAST(f.destination AS text),
                               CAST(coalesce(f.export_date, f.screened_as_of, f.planned_export_date) AS text)
                          FROM filings f
                         WHERE f.vin = CAST(:vin AS bpchar)
                           AND f.status IN ('CLEARED', 'SHIPPED', 'ARRIVED', 'ACCEPTED', 'REFUSED')
                         ORDER BY coalesce(f.export_date, f.screened_as_of, f.planned_export_date) DESC, f.created_at DESC
                         LIMIT 1""")
                .setParameter("vin", vin).getResultList()).map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(lastCleared((Object[]) rows.get(0))));
    }

    private static LastCleared lastCleared(Object[] r) {
        return new LastCleared(UUID.fromString((String) r[0]), (String) r[1], (String) r[2], LocalDate.parse((String) r[3]));
    }

    /** Inserts the sighting and its {@code sighting.recorded} event in one statement. */
    public Uni<Void> insert(Sighting s, String reportedBy) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        WITH s AS (
                          INSERT INTO sighting (id, vin, country, kind, place, sighted_on, reported_by, reported_role, recorded_at, filing_id, countries)
                          VALUES (CAST(CAST(:id AS text) AS uuid), :vin, :country, :kind, :place, CAST(CAST(:on AS text) AS date),
                                  :by, :role, CAST(CAST(:at AS text) AS timestamptz), CAST(CAST(:filing AS text) AS uuid), string_to_array(CAST(:countries AS text), ','))
                          RETURNING *)
                        INSERT INTO event (id, type, filing_id, vin, countries, payload)
                        SELECT gen_random_uuid(), 'sighting.recorded', s.filing_id, s.vin, s.countries, jsonb_build_object(
                                 'sightingId', s.id, 'vin', s.vin, 'country', s.country, 'kind', s.kind, 'place', s.place,
                                 'date', s.sighted_on, 'filingId', s.filing_id, 'reportedRole', s.reported_role)
                          FROM s""")
                .setParameter("id", s.id().toString()).setParameter("vin", s.vin()).setParameter("country", s.country())
                .setParameter("kind", s.kind()).setParameter("place", s.place()).setParameter("on", s.date().toString())
                .setParameter("by", reportedBy).setParameter("role", s.reportedRole()).setParameter("at", s.recordedAt().toString())
                .setParameter("filing", s.filingId() == null ? null : s.filingId().toString())
                .setParameter("countries", String.join(",", s.countries()))
                .executeUpdate()).replaceWithVoid();
    }

    /** A VIN's sightings that {@code visibility} (numbered from $2) lets the caller see, oldest first (a sighting has no exporter). */
    public Uni<List<Sighting>> ofVin(String vin, EventVisibility visibility) {
        Tuple t = Tuple.of(vin);
        visibility.binds().forEach(t::addValue);
        return pool.preparedQuery("SELECT id, vin, country, kind, place, sighted_on, reported_role, recorded_at, filing_id, countries"
                + " FROM sighting WHERE vin = $1 AND " + visibility.predicate("NULL::text") + " ORDER BY sighted_on, recorded_at LIMIT 1000")
                .execute(t).map(rows -> {
                    List<Sighting> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Sighting(r.getUUID("id"), r.getString("vin"), r.getString("country"), r.getString("kind"),
                                r.getString("place"), r.getLocalDate("sighted_on"), r.getString("reported_role"),
                                r.getOffsetDateTime("recorded_at"), r.getUUID("filing_id"), List.of(r.getArrayOfStrings("countries"))));
                    }
                    return out;
                });
    }
}
