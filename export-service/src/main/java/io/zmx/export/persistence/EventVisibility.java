package io.zmx.export.persistence;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who sees which events: the one rule of issue 14, for the feed, alerts, sightings and webhook deliveries alike.
 * An event is seen by an {@link Owner}, which a caller's roles and claims name ({@link #owner}) and which a webhook
 * endpoint stores ({@code webhook_endpoint.owner_kind}, {@code owner}):
 * <ul>
 *   <li>{@code all} (admin, origin customs): every row;</li>
 *   <li>{@code country} C (an agency, claim {@code zmx_country}): rows where {@code C = ANY(countries)};</li>
 *   <li>{@code exporter} X (an exporter, claim {@code zmx_credit_code}): rows where {@code exporter_credit_code = X};</li>
 *   <li>no owner (analysts read aggregates only; an agency or exporter token without its claim): nothing, which
 *       {@link #of} answers as empty (the feed answers 403).</li>
 * </ul>
 * {@link #rule} is the SQL of that rule over any expressions for the owner and the row; the feed binds a caller's
 * owner into it ({@link #predicate()}), the webhook fan-out and replay join it to the endpoint's columns
 * ({@link #forEndpoint}), so the two cannot disagree. It takes roles and claims, not the service layer's
 * {@code Caller}, so persistence does not depend on service.
 */
public record EventVisibility(Owner owner, int param) {

    /** A tenant that sees events: its kind ({@code all}, {@code country}, {@code exporter}) and its id. */
    public record Owner(String kind, String id) {
        public static final String ALL = "all";
        public static final String COUNTRY = "country";
        public static final String EXPORTER = "exporter";

        public Owner {
            if (!Set.of(ALL, COUNTRY, EXPORTER).contains(kind) || id == null || id.isBlank()) {
                throw new IllegalArgumentException("no such owner: " + kind + " " + id);
            }
        }
    }

    /**
     * The rule as SQL: whether the owner ({@code kind}, {@code owner}: SQL expressions of type text) sees a row whose
     * countries are {@code countries} (text[]) and whose exporter is {@code exporterCreditCode} (text).
     */
    public static String rule(String kind, String owner, String countries, String exporterCreditCode) {
        return "(" + kind + " = 'all'"
                + " OR (" + kind + " = 'country' AND " + owner + " = ANY(" + countries + "))"
                + " OR (" + kind + " = 'exporter' AND " + owner + " = " + exporterCreditCode + "))";
    }

    /** The rule for the webhook endpoint aliased {@code endpoint} and the {@code event} row aliased {@code event}. */
    public static String forEndpoint(String endpoint, String event) {
        return rule(endpoint + ".owner_kind", endpoint + ".owner", event + ".countries", event + ".exporter_credit_code");
    }

    /**
     * The owner a caller reads events as: admin and origin customs everything (each its own owner id, so their
     * webhook endpoints stay apart), else an agency its country, else an exporter its credit code; empty when the
     * roles or claims name none. One owner per caller: a token with both an agency's and an exporter's claims
     * reads as the agency (no realm client has both).
     */
    public static Optional<Owner> owner(Set<String> roles, String country, String creditCode) {
        if (roles.contains("admin")) {
            return Optional.of(new Owner(Owner.ALL, "admin"));
        }
        if (roles.contains("customs")) {
            return Optional.of(new Owner(Owner.ALL, "customs"));
        }
        if (roles.contains("agency") && country != null && !country.isBlank()) {
            return Optional.of(new Owner(Owner.COUNTRY, country.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        if (roles.contains("exporter") && creditCode != null && !creditCode.isBlank()) {
            return Optional.of(new Owner(Owner.EXPORTER, creditCode.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        return Optional.empty();
    }

    /** The caller's visibility with its owner bound as {@code $firstParam}, or empty when it may see no events. */
    public static Optional<EventVisibility> of(Set<String> roles, String country, String creditCode, int firstParam) {
        return owner(roles, country, creditCode).map(o -> new EventVisibility(o, firstParam));
    }

    /** The rule over a row with columns {@code countries} and {@code exporter_credit_code}. */
    public String predicate() {
        return predicate("exporter_credit_code");
    }

    /**
     * The rule over a row with column {@code countries} and the exporter expression given ({@code NULL} for a table
     * without one). The owner's kind is written in as a literal (one of three fixed words), so the planner drops the
     * branches of the other kinds; its id is the bind value.
     */
    public String predicate(String exporterCreditCode) {
        return rule("'" + owner.kind() + "'", "$" + param + "::text", "countries", exporterCreditCode);
    }

    public List<Object> binds() {
        return List.of(owner.id());
    }
}
