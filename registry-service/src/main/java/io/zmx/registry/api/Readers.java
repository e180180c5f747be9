package io.zmx.registry.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.zmx.registry.api.HistoryViews.RegistrationView;
import io.zmx.registry.api.HistoryViews.TimelineEntry;
import io.zmx.registry.api.HistoryViews.VehicleHistory;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may read which vehicle data (the field-level table in registry-service/README.md). Registry decides
 * from the token and its own data only, never by asking another service:
 * <ul>
 * <li>admin, registrar and origin customs read every vehicle in full, owner identity and plates included;</li>
 * <li>an exporter reads the vehicles it owns or owned (a registration whose {@code ownerId} is the
 *     {@code zmx_credit_code} of its token) in full, and no other vehicle at all (404, as if unknown);</li>
 * <li>a manufacturer and export-service's own account (screening needs dates, odometer readings and brands,
 *     not who owned the car) read every vehicle without owner identity and plates;</li>
 * <li>agencies, analysts and rule authors read no vehicle here (403 by {@link #VEHICLE_READERS}): an agency
 *     sees a vehicle as screened for a filing bound for its country, through export-service's filing and the
 *     gateway's dossier, because only export-service knows filings.</li>
 * </ul>
 */
final class Readers {

    /** The roles that may read vehicles at all; the fine lines below apply within them. */
    static final String[] VEHICLE_READERS = {"admin", "registrar", "customs", "manufacturer", "exporter", "export-service"};

    /** Every role of the realm: reads that carry no tenant data (VIN decoding) still need one of them. */
    static final String[] ANY_ROLE = {"admin", "exporter", "manufacturer", "registrar", "customs", "agency", "analyst",
            "rule-author", "export-service"};

    private Readers() {}

    /** Owner identity and plates: admin, registrar and origin customs only (and an exporter, of its own vehicles). */
    static boolean seesOwners(SecurityIdentity identity) {
        return identity.hasRole("admin") || identity.hasRole("registrar") || identity.hasRole("customs");
    }

    /**
     * The credit code an exporter's reads are confined to; empty for callers who see every vehicle. An
     * exporter token without a credit code is confined to a code no vehicle has, so it sees nothing.
     */
    static Optional<String> confinedToOwner(SecurityIdentity identity) {
        if (seesOwners(identity) || identity.hasRole("manufacturer") || identity.hasRole("export-service")
                || !identity.hasRole("exporter")) {
            return Optional.empty();
        }
        String code = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("zmx_credit_code") != null
                ? jwt.getClaim("zmx_credit_code").toString().trim() : "";
        return Optional.of(code);
    }

    /** The history as this caller may see it: without owner identity and plates unless {@link #seesOwners}. */
    /** The vehicle, if this caller may read it; an exporter's question about another's vehicle is a 404. */
    static io.smallrye.mutiny.Uni<io.zmx.registry.domain.Vehicle> readable(io.zmx.registry.service.VehicleService vehicles,
                                                                        SecurityIdentity identity, String vin) {
        return vehicles.readable(vin, confinedToOwner(identity).orElse(null));
    }

    static VehicleHistory visible(VehicleHistory history, boolean full) {
        if (full) {
            return history;
        }
        List<RegistrationView> registrations = history.registrations().stream()
                .map(r -> new RegistrationView(r.id(), r.date(), r.region(), r.city(), null, r.ownerType(), null, r.kind()))
                .toList();
        List<TimelineEntry> timeline = history.timeline().stream().map(e -> {
            String summary = e.summary();
            for (RegistrationView r : history.registrations()) {
                if (r.plate() != null) {
                    summary = summary.replace(", plate " + r.plate(), "");
                }
            }
            return new TimelineEntry(e.date(), e.kind(), summary);
        }).toList();
        return new VehicleHistory(history.vehicle(), registrations, history.deregistrations(),
                history.odometerReadings(), history.titleBrands(), timeline, history.referencePrice());
    }
}
