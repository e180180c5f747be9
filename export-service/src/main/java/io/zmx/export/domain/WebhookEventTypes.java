package io.zmx.export.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The stable event type names of the {@code event} outbox (issue 14's seam): what the feed writes and what an
 * endpoint may subscribe to, from one list. Filing transitions are {@code filing.<status lowercased>}, the draft
 * {@code filing.created}; a release of a held filing is {@code filing.cleared} (its payload's {@code transition}
 * says "release").
 */
public final class WebhookEventTypes {

    public static final String CREATED = "filing.created";
    public static final String SIGHTING_RECORDED = "sighting.recorded";
    public static final String ALERT_RAISED = "alert.raised";
    public static final String ENDPOINT_DISABLED = "webhook.endpoint.disabled";

    public static final List<String> ALL = all();

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private WebhookEventTypes() {}

    /** The event type of a transition to {@code to}. */
    public static String filing(FilingStatus to) {
        return to == FilingStatus.DRAFT ? CREATED : "filing." + to.name().toLowerCase(Locale.ROOT);
    }

    public static boolean known(String type) {
        return KNOWN.contains(type);
    }

    private static List<String> all() {
        List<String> types = new ArrayList<>();
        for (FilingStatus status : FilingStatus.values()) {
            types.add(filing(status));
        }
        types.addAll(List.of(SIGHTING_RECORDED, ALERT_RAISED, ENDPOINT_DISABLED));
        return List.copyOf(types);
    }
}
