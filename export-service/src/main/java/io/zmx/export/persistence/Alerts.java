package io.zmx.export.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Raises alerts in the caller's transaction: each statement inserts the alerts of its candidates and their
 * {@code alert.raised} events together, and {@code ON CONFLICT (cause_key) DO NOTHING} makes every cause raise
 * exactly once, whoever detects it again or at the same time. An alert's {@code countries} are the filing's declared
 * destination and the country where the car surfaced; its event carries them, and no exporter (an exporter's feed
 * does not tip it off about its own alerts).
 */
@ApplicationScoped
public class Alerts {

    public static final String RE_EXPORT = "RE_EXPORT";

    /**
     * The statement around a candidate query that yields (kind, cause_key, observed_on, filing_id, other_filing_id,
     * sighting_id, surfaced_in, detail); returns the ids of the alerts actually raised.
     */
    private static String raise(String candidates) {
        return """
                WITH c AS (%s),
                a AS (
                  INSERT INTO alert (id, kind, cause_key, observed_on, vin, filing_id, other_filing_id, sighting_id,
                                     exporter_credit_code, origin_region, declared_destination, surfaced_in, countries, detail)
                  SELECT gen_random_uuid(), c.kind, c.cause_key, c.observed_on, f.vin, f.id, c.other_filing_id, c.sighting_id,
                         f.exporter_credit_code, f.origin_region, f.destination, c.surfaced_in,
                         ARRAY[f.destination::text, c.surfaced_in], c.detail
                    FROM c JOIN filings f ON f.id = c.filing_id
                  ON CONFLICT (cause_key) DO NOTHING
                  RETURNING *)
                INSERT INTO event (id, type, filing_id, vin, countries, payload)
                SELECT gen_random_uuid(), 'alert.raised', a.filing_id, a.vin, a.countries, jsonb_build_object(
                         'alertId', a.id, 'kind', a.kind, 'filingId', a.filing_id, 'otherFilingId', a.other_filing_id,
                         'sightingId', a.sighting_id, 'vin', a.vin, 'exporterCreditCode', a.exporter_credit_code,
                         'route', jsonb_build_object('originRegion', a.origin_region,
                                                     'declaredDestination', a.declared_destination,
                                                     'surfacedIn', a.surfaced_in),
                         'observedOn', a.observed_on, 'detail', a.detail)
                  FROM a
                RETURNING payload->>'alertId'
                """.formatted(candidates);
    }

    /** A re-export alert for {@code filing}, caused by {@code sighting} in {@code country}; once per filing and country. */
    public Uni<List<UUID>> reExport(UUID filing, UUID sighting, String country, LocalDate sightedOn, String detail) {
        String candidates = """
                SELECT 'RE_EXPORT'::text AS kind, 'RE_EXPORT:' || CAST(:filing AS text) || ':' || CAST(:country AS text) AS cause_key,
                       CAST(CAST(:on AS text) AS date) AS observed_on, CAST(CAST(:filing AS text) AS uuid) AS filing_id, NULL::uuid AS other_filing_id,
                       CAST(CAST(:sighting AS text) AS uuid) AS sighting_id, CAST(:country AS text) AS surfaced_in, CAST(:detail AS text) AS detail""";
        return Panache.getSession().chain(s -> s.createNativeQuery(raise(candidates))
                .setParameter("filing", filing.toString()).setParameter("country", country)
                .setParameter("on", sightedOn.toString()).setParameter("sighting", sighting.toString())
                .setParameter("detail", detail)
                .getResultList()).map(Alerts::ids);
    }

    /** A shipped car registered again in China after its export date: once per filing. */
    public Uni<List<UUID>> seenInChina(UUID filing, LocalDate registeredOn, String detail) {
        String candidates = """
                SELECT 'SEEN_IN_CN_REGISTRY'::text AS kind, 'SEEN_IN_CN_REGISTRY:' || CAST(:filing AS text) AS cause_key,
                       CAST(CAST(:on AS text) AS date) AS observed_on, CAST(CAST(:filing AS text) AS uuid) AS filing_id,
                       NULL::uuid AS other_filing_id, NULL::uuid AS sighting_id, 'CN'::text AS surfaced_in,
                       CAST(:detail AS text) AS detail""";
        return Panache.getSession().chain(s -> s.createNativeQuery(raise(candidates))
                .setParameter("filing", filing.toString()).setParameter("on", registeredOn.toString())
                .setParameter("detail", detail)
                .getResultList()).map(Alerts::ids);
    }

    /**
     * After a screening (the first verdict or a re-screen with documents): the same VIN filed to another destination
     * (once per pair of filings), and an after-sales confirmation naming another destination than the filing's (once per
     * filing and named destination). Reads the filing's row, so the session must have been flushed. The confirmation
     * column may hold the object or (as Hibernate Reactive binds a String to {@code ?::jsonb}) a JSON string of it: both read.
     */
    public Uni<List<UUID>> afterScreening(UUID filing, LocalDate today) {
        String candidates = """
                SELECT 'TWO_DESTINATIONS'::text AS kind,
                       'TWO_DESTINATIONS:' || least(f.id::text, o.id::text) || ':' || greatest(f.id::text, o.id::text) AS cause_key,
                       CAST(CAST(:today AS text) AS date) AS observed_on, f.id AS filing_id, o.id AS other_filing_id, NULL::uuid AS sighting_id,
                       o.destination::text AS surfaced_in, 'the same VIN is also filed for ' || o.destination || ' (' || o.number || ')' AS detail
                  FROM filings f JOIN filings o ON o.vin = f.vin AND o.id <> f.id AND o.destination <> f.destination
                 WHERE f.id = CAST(CAST(:filing AS text) AS uuid) AND o.status NOT IN ('DRAFT', 'WITHDRAWN')
                UNION ALL
                SELECT 'AFTER_SALES_DESTINATION_MISMATCH',
                       'AFTER_SALES_DESTINATION_MISMATCH:' || f.id::text || ':' || (d.doc->>'destination'),
                       CAST(CAST(:today AS text) AS date), f.id, NULL::uuid, NULL::uuid, d.doc->>'destination',
                       'after-sales confirmation ' || coalesce(d.doc->>'reference', '?') || ' names '
                           || (d.doc->>'destination') || ', the filing ' || f.destination
                  FROM filings f
                 CROSS JOIN LATERAL (SELECT CASE jsonb_typeof(f.after_sales_confirmation)
                                     WHEN 'string' THEN (f.after_sales_confirmation #>> '{}')::jsonb
                                     ELSE f.after_sales_confirmation END AS doc) d
                 WHERE f.id = CAST(CAST(:filing AS text) AS uuid) AND d.doc->>'destination' IS NOT NULL
                   AND d.doc->>'destination' <> f.destination::text""";
        return Panache.getSession().chain(s -> s.createNativeQuery(raise(candidates))
                .setParameter("filing", filing.toString()).setParameter("today", today.toString())
                .getResultList()).map(Alerts::ids);
    }

    private static List<UUID> ids(List<?> rows) {
        return rows.stream().map(r -> UUID.fromString(String.valueOf(r instanceof Object[] a ? a[0] : r))).toList();
    }
}
