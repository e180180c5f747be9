package io.zmx.export.service;

import io.smallrye.mutiny.Uni;
import io.zmx.edge.ProblemException;
import io.zmx.export.ExportConfig;
import io.zmx.export.domain.Sighting;
import io.zmx.export.domain.Vin;
import io.zmx.export.persistence.Alerts;
import io.zmx.export.persistence.EventVisibility;
import io.zmx.export.persistence.Sightings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.UUID;

/**
 * Sightings (issue 14): a destination agency reports a VIN presented in its own country, or origin customs reports one
 * anywhere. In the same transaction (the Idempotency-Key's, opened by the api layer) the sighting and its
 * {@code sighting.recorded} event are written and compared with the VIN's last cleared filing: a sighting in another
 * country than that filing's destination, no later than {@code zmx.alerts.re-export-window} (24 months) after its
 * export date, raises a re-export alert, once per filing and country ({@link Alerts#reExport}).
 */
@ApplicationScoped
public class SightingService {

    /** The recorded sighting and the alerts it raised (empty when none, or when its cause was already raised). */
    public record Recorded(Sighting sighting, List<UUID> alerts) {}

    private final Sightings sightings;
    private final Alerts alerts;
    private final ExportCalendar calendar;
    private final Period window;

    public SightingService(Sightings sightings, Alerts alerts, ExportCalendar calendar, ExportConfig config) {
        this.sightings = sightings;
        this.alerts = alerts;
        this.calendar = calendar;
        this.window = config.alerts().reExportWindow();
    }

    /** Runs in the caller's transaction. */
    public Uni<Recorded> record(SightingRequest req, Caller caller) {
        req.validate(calendar.today());
        String role;
        if (caller.is("admin")) {
            role = "admin";
        } else if (caller.is("customs")) {
            role = "customs";
        } else if (caller.is("agency") && req.country().equals(caller.country())) {
            role = "agency";
        } else {
            throw new ProblemException(403, "not-your-country", "Not your country",
                    "An agency reports sightings only in its own country (zmx_country " + caller.country() + ")");
        }
        String vin = Vin.of(req.vin()).value();
        return sightings.lastCleared(vin).chain(last -> {
            List<String> countries = last.isEmpty() || last.get().destination().equals(req.country())
                    ? List.of(req.country()) : List.of(req.country(), last.get().destination());
            Sighting s = new Sighting(UUID.randomUUID(), vin, req.country(), req.kind().name(),
                    req.place().trim(), req.date(), role, java.time.OffsetDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), last.map(Sightings.LastCleared::filingId).orElse(null), countries);
            Uni<Void> stored = sightings.insert(s, caller.subject());
            if (last.isEmpty() || !reExport(last.get(), req.country(), req.date())) {
                return stored.replaceWith(new Recorded(s, List.of()));
            }
            Sightings.LastCleared f = last.get();
            String detail = req.kind().name().toLowerCase().replace('_', ' ') + " at " + s.place() + " on " + req.date()
                    + "; filing " + f.number() + " was cleared for " + f.destination() + " (export " + f.exported() + ")";
            return stored.chain(() -> alerts.reExport(f.filingId(), s.id(), req.country(), req.date(), detail))
                    .map(raised -> new Recorded(s, raised));
        });
    }

    /** Another country than the declared destination, and no later than the window after the export date. */
    boolean reExport(Sightings.LastCleared f, String country, LocalDate sightedOn) {
        return !country.equals(f.destination()) && !sightedOn.isAfter(f.exported().plus(window));
    }

    public Uni<List<Sighting>> ofVin(String vin, Caller caller) {
        String v;
        try {
            v = Vin.of(vin).value();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalidField("vin", e.getMessage() == null ? "is required" : e.getMessage());
        }
        // sightings carry no exporter: only the country line of the rule applies
        EventVisibility visibility = FeedService.visibility(new Caller(caller.subject(), caller.roles(), null, caller.country()), 2);
        return sightings.ofVin(v, visibility);
    }
}
