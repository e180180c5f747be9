package io.zmx.export.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who sees which events (the one rule of issue 14, for the feed, alerts, sightings and webhook deliveries), as an
 * SQL predicate over a row with {@code countries text[]} and {@code exporter_credit_code}, with its bind values:
 * <ul>
 *   <li>{@code admin} and {@code customs} (origin customs): every row;</li>
 *   <li>{@code agency} with claim {@code zmx_country} = C: rows where {@code C = ANY(countries)};</li>
 *   <li>{@code exporter} with claim {@code zmx_credit_code} = X: rows where {@code exporter_credit_code = X};</li>
 *   <li>anyone else (analysts read aggregates only; an agency or exporter token without its claim): nothing, which
 *       {@link #of} answers as empty (the feed answers 403).</li>
 * </ul>
 * Roles add up (OR). Placeholders are the reactive client's {@code $n}, numbered from {@code firstParam}.
 * It takes roles and claims, not the service layer's {@code Caller}, so persistence does not depend on service.
 */
public record EventVisibility(String predicate, List<Object> binds) {

    public static final EventVisibility ALL = new EventVisibility("TRUE", List.of());

    public static Optional<EventVisibility> of(Set<String> roles, String country, String creditCode, int firstParam) {
        if (roles.contains("admin") || roles.contains("customs")) {
            return Optional.of(ALL);
        }
        List<String> any = new ArrayList<>();
        List<Object> binds = new ArrayList<>();
        int n = firstParam;
        if (roles.contains("agency") && country != null && !country.isBlank()) {
            any.add("$" + n++ + " = ANY(countries)");
            binds.add(country);
        }
        if (roles.contains("exporter") && creditCode != null && !creditCode.isBlank()) {
            any.add("exporter_credit_code = $" + n);
            binds.add(creditCode);
        }
        if (any.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EventVisibility("(" + String.join(" OR ", any) + ")", List.copyOf(binds)));
    }
}
