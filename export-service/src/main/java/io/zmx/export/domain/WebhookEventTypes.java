package io.zmx.export.domain;

import java.util.List;
import java.util.Set;

/**
 * The stable event type names of the {@code event} outbox (issue 14's seam): what an endpoint may subscribe to.
 * Filing transitions are {@code filing.<status lowercased>}.
 */
public final class WebhookEventTypes {

    public static final String ENDPOINT_DISABLED = "webhook.endpoint.disabled";

    public static final List<String> ALL = List.of(
            "filing.created", "filing.submitted", "filing.screened", "filing.cleared", "filing.held", "filing.released",
            "filing.rejected", "filing.withdrawn", "filing.shipped", "filing.arrived", "filing.accepted", "filing.refused",
            "sighting.recorded", "alert.raised", ENDPOINT_DISABLED);

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private WebhookEventTypes() {}

    public static boolean known(String type) {
        return KNOWN.contains(type);
    }
}
