package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zmx.e2e.FilingJourneyIT.Fixtures;
import io.zmx.local.Api;
import io.zmx.local.LocalStack;
import io.zmx.sdk.api.DossierApi;
import io.zmx.sdk.api.WebhooksApi;
import io.zmx.sdk.examples.AgencyExample;
import io.zmx.sdk.examples.DossierExample;
import io.zmx.sdk.webhooks.WebhookVerifier;
import io.zmx.sdk.model.Dossier;
import io.zmx.sdk.model.DossierFiling;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The SDK a partner generates from the merged contract, and the example the README points to, against the
 * running suite: a client-credentials token from the local issuer, the gateway, typed models all the way down
 * (issue 11: "the SDK example compiles against typed models and runs against the local suite in a test").
 */
class SdkExampleIT {

    @Test
    void theDossierExamplePrintsWhatTheKazakhAgencyMaySee() throws Exception {
        Api api = Suite.gateway();
        LocalStack stack = Suite.stack();
        String vin = Fixtures.registerBydWithHistory(api, Fixtures.today().minusDays(20), 6);
        JsonNode filing = Fixtures.fileExport(api, "exporter-chengdu", vin, "KZ", Fixtures.today().plusDays(5), 6,
                "COMPANY", null);
        JsonNode screened = Fixtures.awaitScreened(api, "exporter-chengdu", filing.get("id").asText());

        Supplier<String> agency = () -> DossierExample.clientCredentialsToken(stack.issuer().tokenUrl(), "agency-kz", "local");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DossierExample.run(stack.gatewayUrl(), agency, vin, print(out), print(err));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, "example failed: " + err.toString(StandardCharsets.UTF_8));
        // tenant lines (issue 10): an agency sees the filings bound for its country, not the registry's record
        assertTrue(printed.contains("VIN " + vin + ": vehicle record not visible to this client"), printed);
        assertTrue(printed.contains("1 filing(s) visible to this client"), printed);
        assertTrue(printed.contains(screened.get("number").asText() + " to KZ: " + screened.get("status").asText()), printed);

        // the same answer through the typed models, with no casts: what a partner's code reads
        Dossier dossier = new DossierApi(DossierExample.client(stack.gatewayUrl(), agency)).getDossier(vin);
        assertEquals(vin, dossier.getVin());
        assertNull(dossier.getVehicle());
        DossierFiling entry = dossier.getFilings().get(0);
        assertEquals("KZ", entry.getFiling().getDestination());
        assertNotNull(entry.getVerdict(), "a screened filing carries its verdict");
        assertEquals(screened.at("/verdict/lane").asText(), entry.getVerdict().getLane());
    }

    @Test
    void originCustomsSeesTheVehicleRecordThroughTheSdk() throws Exception {
        Api api = Suite.gateway();
        LocalStack stack = Suite.stack();
        LocalDate registered = Fixtures.today().minusDays(20);
        String vin = Fixtures.registerBydWithHistory(api, registered, 6);
        Supplier<String> customs = () -> DossierExample.clientCredentialsToken(stack.issuer().tokenUrl(), "customs-cn", "local");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = DossierExample.run(stack.gatewayUrl(), customs, vin, print(out), print(new ByteArrayOutputStream()));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);
        assertTrue(printed.contains("VIN " + vin + ": "), printed);
        assertTrue(printed.contains("BYD"), printed);
        Dossier dossier = new DossierApi(DossierExample.client(stack.gatewayUrl(), customs)).getDossier(vin);
        LocalDate first = dossier.getVehicle().getFirstRegistrationDate();
        assertEquals(registered, first);
    }

    @Test
    void aRefusalReachesThePartnerAsTheProblemDocument() {
        LocalStack stack = Suite.stack();
        // an analyst may not read dossiers: the example exits 1 and prints the problem the gateway sent
        Supplier<String> analyst = () -> DossierExample.clientCredentialsToken(stack.issuer().tokenUrl(), "analyst", "local");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DossierExample.run(stack.gatewayUrl(), analyst, "LGXCE4CB0R0123456", print(out), print(err));
        String problem = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, out.toString(StandardCharsets.UTF_8));
        assertTrue(problem.startsWith("HTTP 403: "), problem);
        assertTrue(problem.contains("\"status\":403"), problem);
    }

    /**
     * The agency example through the SDK (issue 14): agency-ru subscribes a receiver, declares a car cleared for KZ at
     * its border, and the alert it raised comes back three ways: in the example's own alert list, in its feed, and at
     * the receiver, signed so that the SDK's {@link WebhookVerifier} (the class partners use) accepts it with the
     * secret the example printed once.
     */
    @Test
    void theAgencyExampleSubscribesDeclaresASightingAndIsToldOfTheReExport() throws Exception {
        Api api = Suite.gateway();
        LocalStack stack = Suite.stack();
        String vin = ReExportIT.clearedFiling(api, "KZ").get("vin").asText();
        Supplier<String> agency = () -> DossierExample.clientCredentialsToken(stack.issuer().tokenUrl(), "agency-ru", "local");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = AgencyExample.run(stack.gatewayUrl(), agency, vin, "RU", receiver.url(), Fixtures.today(), print(out), print(err));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, "example failed: " + err.toString(StandardCharsets.UTF_8) + "\n" + printed);
            assertTrue(printed.contains("alerts raised: 1"), printed);
            assertTrue(printed.contains("alert RE_EXPORT " + vin + ": "), printed);
            assertTrue(printed.contains(" -> KZ -> RU"), printed);
            assertTrue(printed.contains("alert.raised"), "the feed shows the alert: " + printed);
            String secret = printed.lines().filter(l -> l.startsWith("secret (shown once")).map(l -> l.substring(l.indexOf("whsec_")))
                    .findFirst().orElseThrow(() -> new AssertionError("no secret printed: " + printed));

            ReExportIT.await("the re-export alert at agency-ru's receiver", java.time.Duration.ofSeconds(60),
                    () -> receiver.about(vin).stream().anyMatch(d -> "alert.raised".equals(d.type())));
            WebhookVerifier verifier = new WebhookVerifier(secret);
            for (WebhookReceiver.Delivery d : receiver.about(vin)) {
                verifier.verify(d.body(), d::header);
            }
            WebhookReceiver.Delivery alert = receiver.about(vin).stream().filter(d -> "alert.raised".equals(d.type())).findFirst().orElseThrow();
            assertThrows(WebhookVerifier.Invalid.class, () -> verifier.verify(WebhookReceiver.tampered(alert).body(),
                    java.util.Map.of("webhook-id", alert.id(), "webhook-timestamp", alert.timestamp(), "webhook-signature", alert.signature())));
        } finally {
            // the example's endpoint is the caller's own: remove it so later tests' deliveries do not queue for a closed port
            WebhooksApi hooks = new WebhooksApi(DossierExample.client(stack.gatewayUrl(), agency));
            for (var e : hooks.listWebhooks(0, 100).getItems()) {
                if ("re-export alerts and clearances".equals(e.getDescription())) {
                    hooks.deleteWebhook(e.getId());
                }
            }
        }
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }
}
