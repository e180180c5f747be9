package io.zmx.sdk.examples;

import io.zmx.sdk.ApiClient;
import io.zmx.sdk.ApiException;
import io.zmx.sdk.api.EventsApi;
import io.zmx.sdk.api.SightingsAndAlertsApi;
import io.zmx.sdk.api.WebhooksApi;
import io.zmx.sdk.model.Alert;
import io.zmx.sdk.model.AlertPage;
import io.zmx.sdk.model.Event;
import io.zmx.sdk.model.EventPage;
import io.zmx.sdk.model.Sighting;
import io.zmx.sdk.model.SightingKind;
import io.zmx.sdk.model.SightingRequest;
import io.zmx.sdk.model.WebhookEndpointRequest;
import io.zmx.sdk.model.WebhookEndpointWithSecret;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a destination agency does with zmx, in the SDK's typed calls: subscribe an HTTPS endpoint to alerts and
 * filing events (the secret is shown once: keep it to check signatures with {@link io.zmx.sdk.webhooks.WebhookVerifier}),
 * report that a VIN was presented in its country, read the alerts that concern it, and follow its event feed from a
 * cursor (for an agency that polls instead of, or as well as, receiving webhooks).
 *
 * <pre>
 * ZMX_GATEWAY_URL=... ZMX_TOKEN_URL=... ZMX_CLIENT_ID=agency-ru ZMX_CLIENT_SECRET=... \
 * java -cp ... io.zmx.sdk.examples.AgencyExample LGXCE4CB0R0123456 RU https://receiver.example.ru/zmx
 * </pre>
 */
public final class AgencyExample {

    private AgencyExample() {}

    public static void main(String[] args) {
        String vin = args.length > 0 ? args[0] : "LGXCE4CB0R0123456";
        String country = args.length > 1 ? args[1] : "RU";
        String receiver = args.length > 2 ? args[2] : null;
        String gateway = env("ZMX_GATEWAY_URL", "http://localhost:8080");
        Supplier<String> token = () -> DossierExample.clientCredentialsToken(env("ZMX_TOKEN_URL",
                "http://localhost:8180/realms/zmx/protocol/openid-connect/token"), env("ZMX_CLIENT_ID", "agency-ru"),
                env("ZMX_CLIENT_SECRET", ""));
        System.exit(run(gateway, token, vin, country, receiver, LocalDate.now(), System.out, System.err));
    }

    /**
     * Subscribes {@code receiverUrl} (when given), records a border crossing of {@code vin} in {@code country} on
     * {@code date}, prints the alerts about the VIN and the feed's events; returns the exit code (1 with the problem
     * document on {@code err} when the gateway refuses).
     */
    public static int run(String gateway, Supplier<String> token, String vin, String country, String receiverUrl,
            LocalDate date, PrintStream out, PrintStream err) {
        ApiClient client = DossierExample.client(gateway, token);
        try {
            if (receiverUrl != null) {
                WebhookEndpointWithSecret endpoint = new WebhooksApi(client).registerWebhook(new WebhookEndpointRequest()
                        .url(receiverUrl).eventTypes(List.of("alert.raised", "filing.cleared"))
                        .description("re-export alerts and clearances"));
                out.println("webhook " + endpoint.getId() + " -> " + endpoint.getUrl());
                out.println("secret (shown once, store it now): " + endpoint.getSecret());
            }

            SightingsAndAlertsApi sightings = new SightingsAndAlertsApi(client);
            // idempotent: the same key (here, what the sighting is) never records it twice
            Sighting sighting = sightings.recordSighting(new SightingRequest().vin(vin).country(country)
                    .kind(SightingKind.BORDER_CROSSING).place("example checkpoint").date(date),
                    "sighting-" + vin + "-" + country + "-" + date);
            int raised = sighting.getAlertsRaised() == null ? 0 : sighting.getAlertsRaised().size();
            out.println("sighting " + sighting.getId() + " recorded; alerts raised: " + raised);

            AlertPage alerts = sightings.listAlerts(null, null, 0, 20, vin);
            for (Alert alert : alerts.getItems()) {
                out.printf("alert %s %s: %s -> %s -> %s%n", alert.getKind(), alert.getVin(),
                        alert.getRoute() == null ? "?" : alert.getRoute().getOriginRegion(),
                        alert.getRoute() == null ? "?" : alert.getRoute().getDeclaredDestination(),
                        alert.getRoute() == null ? "?" : alert.getRoute().getSurfacedIn());
            }

            // the feed in order from the start; keep the last cursor and pass it as `after` next time
            EventsApi events = new EventsApi(client);
            String cursor = null;
            int seen = 0;
            for (int pages = 0; pages < 100; pages++) {
                EventPage page = events.listEvents(cursor, 100, null);
                for (Event event : page.getItems()) {
                    if (vin.equals(event.getVin())) {
                        out.printf("event %s %s at %s%n", event.getCursor(), event.getType(), event.getOccurredAt());
                    }
                    seen++;
                }
                cursor = page.getNext(); // given even when the page is empty
                if (page.getItems().size() < 100) {
                    break; // caught up
                }
            }
            out.println(seen + " event(s) read; resume after " + cursor);
            return 0;
        } catch (ApiException e) {
            err.println("HTTP " + e.getCode() + ": " + e.getResponseBody());
            return 1;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
