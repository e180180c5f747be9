package io.zmx.export.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.zmx.export.domain.Event;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.FilingStatus;
import io.zmx.export.domain.WebhookEventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the feed's events ({@code event}, V4) in the caller's transaction, so an event exists if and only if its
 * change committed. Filing events: one per transition, {@code filing.<status lowercased>} ({@code filing.created}
 * for the draft), written by {@link FilingLifecycle} beside the audit event. {@code countries} is the filing's
 * destination once the filing has been screened (an agency sees a filing only then, as {@code FilingService.scope}
 * says), nothing before; {@code exporter_credit_code} is the filing's exporter. Payloads name no owner or plate.
 * Alert and sighting events are written by SQL beside their rows ({@code persistence/Alerts}, {@link SightingService}).
 */
@ApplicationScoped
public class EventLog {

    public static final String CREATED = WebhookEventTypes.CREATED;
    public static final String SIGHTING_RECORDED = WebhookEventTypes.SIGHTING_RECORDED;
    public static final String ALERT_RAISED = WebhookEventTypes.ALERT_RAISED;

    private final ObjectMapper json;

    public EventLog(ObjectMapper json) {
        this.json = json;
    }

    public static String filingType(FilingStatus to) {
        return WebhookEventTypes.filing(to);
    }

    /** The event of one transition (caller's transaction; inserted at its flush, after the filing's row). */
    Uni<Void> transition(Filing f, FilingStatus from, FilingStatus to, String action, String role, String reason) {
        return event(f, from, to, action, role, reason).persist().replaceWithVoid();
    }

    /** The event of one transition, not yet written (see {@link #transition}; {@code persistence.VerdictRows}). */
    Event event(Filing f, FilingStatus from, FilingStatus to, String action, String role, String reason) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("filingId", f.id);
        p.put("number", f.number);
        p.put("vin", f.vin);
        p.put("exporterCreditCode", f.exporterCreditCode);
        p.put("destination", f.destination);
        p.put("status", to.name());
        p.put("previousStatus", from == null ? null : from.name());
        p.put("transition", action);
        p.put("actorRole", role);
        p.put("reason", reason);
        if (f.screenedAt != null) {
            p.put("lane", f.lane == null ? null : f.lane.name());
            p.put("zeroMileage", f.zeroMileage);
            p.put("screenedAsOf", f.screenedAsOf == null ? null : f.screenedAsOf.toString());
        }
        if (f.exportDate != null) {
            p.put("exportDate", f.exportDate.toString());
        }
        Event e = new Event();
        e.id = UUID.randomUUID();
        e.type = filingType(to);
        e.filingId = f.id;
        e.vin = f.vin;
        e.exporterCreditCode = f.exporterCreditCode;
        e.countries = f.screenedAt == null ? "" : f.destination;
        e.payload = write(p);
        return e;
    }

    String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
