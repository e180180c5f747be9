package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zmx.e2e.FilingJourneyIT.Fixtures;
import io.zmx.local.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real headless Chromium against the running suite: each role signs in at the issuer's
 * login page (authorization code + PKCE) and does its main task end to end; every page is screenshotted into
 * target/failsafe-reports/console and checked with axe-core.
 */
class ConsoleIT {

    /** A BYD registered 30 days ago, filed to KZ by the Chengdu exporter: held, then its confirmation attached. */
    static JsonNode heldFiling(Api api) {
        LocalDate today = Fixtures.today();
        String vin = Fixtures.registerBydWithHistory(api, today.minusDays(30), 8);
        JsonNode filing = Fixtures.fileExport(api, "exporter-chengdu", vin, "KZ", today, 8, "PERSON", null);
        String id = filing.get("id").asText();
        assertEquals("HELD", Fixtures.awaitScreened(api, "exporter-chengdu", id).get("status").asText());
        JsonNode attached = Fixtures.step(api, "exporter-chengdu", id, "documents",
                Map.of("afterSalesConfirmation", Fixtures.confirmation(vin, "KZ"))).expect(200).body();
        assertEquals("HELD", attached.get("status").asText(), "still held for an officer to weigh: " + attached);
        return attached;
    }

    @Test
    void officerFindsAHeldFilingInTheQueueReadsItsVerdictAndReleasesIt() {
        Api api = Suite.gateway();
        JsonNode filing = heldFiling(api);
        String id = filing.get("id").asText();
        String number = filing.get("number").asText();
        try (ConsoleBrowser b = new ConsoleBrowser("officer")) {
            b.signIn("customs-cn");
            assertEquals("Held filings", b.find(By.cssSelector("main h1")).getText());
            b.type(By.id("q-vin"), filing.get("vin").asText());
            b.click(By.cssSelector("form.filters button[type=submit]"));
            b.click(By.linkText(number));
            b.waitLoaded();
            assertTrue(b.find(By.cssSelector("main h1")).getText().contains(number));
            // every hit with its severity and legal source; the assessment with its inputs; the intact chain
            WebElement hits = b.find(By.xpath("//table[caption='Rule hits']"));
            assertFalse(hits.findElements(By.cssSelector("a[href^='http']")).isEmpty(), "legal sources are links");
            assertFalse(hits.findElements(By.cssSelector(".badge")).isEmpty(), "severities shown");
            assertTrue(b.find(By.id("h-assessment")).isDisplayed());
            assertTrue(b.find(By.xpath("//table[caption='Inputs and thresholds']")).getText().contains("km"));
            assertTrue(b.find(By.id("chain-state")).getText().startsWith("Chain intact"), b.find(By.id("chain-state")).getText());
            assertTrue(b.find(By.id("h-history")).isDisplayed(), "the vehicle's timeline from the dossier");
            b.check("filing-held");

            b.type(By.id("act-reason"), "Confirmation checked with BYD by phone");
            b.type(By.id("act-document"), "ASC-7781-" + filing.get("vin").asText().substring(11));
            b.click(By.id("action-release"));
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "cleared"));
            b.check("filing-cleared");
        }
        assertEquals("CLEARED", api.get("customs-cn", "/api/v1/filings/" + id).expect(200).body().get("status").asText());
        JsonNode events = api.get("customs-cn", "/api/v1/filings/" + id + "/events").expect(200).body();
        String reason = events.get(events.size() - 1).get("reason").asText();
        assertTrue(reason.contains("Confirmation checked with BYD") && reason.contains("ASC-7781-"), reason);
    }

    @Test
    void agencyFindsAShippedFilingAndRecordsItsArrival() {
        Api api = Suite.gateway();
        JsonNode filing = heldFiling(api);
        String id = filing.get("id").asText();
        Fixtures.step(api, "customs-cn", id, "release", Map.of("reason", "checked")).expect(200);
        Fixtures.step(api, "customs-cn", id, "ship", null).expect(200);
        try (ConsoleBrowser b = new ConsoleBrowser("agency")) {
            b.signIn("agency-kz");
            assertEquals("Filings bound for KZ", b.find(By.cssSelector("main h1")).getText());
            b.type(By.id("a-vin"), filing.get("vin").asText());
            b.click(By.cssSelector("form.filters button[type=submit]"));
            b.check("arrivals");
            b.click(By.linkText(filing.get("number").asText()));
            b.waitLoaded();
            assertTrue(b.driver.findElements(By.id("action-release")).isEmpty(), "an agency sees no officer's button");
            b.click(By.id("action-arrival"));
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "arrived"));
            assertFalse(b.driver.findElements(By.id("action-acceptance")).isEmpty(), "accept or refuse comes next");
            b.check("filing-arrived");
        }
        assertEquals("ARRIVED", api.get("agency-kz", "/api/v1/filings/" + id).expect(200).body().get("status").asText());
    }

    @Test
    void analystFiltersTheChartByDestinationAndDownloadsTheCsv() throws Exception {
        Api api = Suite.gateway();
        heldFiling(api); // at least one screened filing bound for KZ
        try (ConsoleBrowser b = new ConsoleBrowser("analyst")) {
            b.signIn("analyst");
            assertEquals("Zero-mileage exports", b.find(By.cssSelector("main h1")).getText());
            assertFalse(b.driver.findElements(By.cssSelector("#report-chart svg > rect.all")).isEmpty(), "bars by month");
            b.check("report-month");
            new Select(b.find(By.id("r-groupBy"))).selectByValue("destination");
            new Select(b.find(By.id("r-destination"))).selectByValue("KZ");
            b.click(By.id("report-apply"));
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#report-chart figcaption"), "Destination"));
            WebElement figures = b.find(By.xpath("//table[caption='Figures']"));
            List<WebElement> rows = figures.findElements(By.cssSelector("tbody tr"));
            assertEquals(1, rows.size(), "filtered to KZ: " + figures.getText());
            assertTrue(rows.get(0).getText().startsWith("KZ"), rows.get(0).getText());
            assertEquals(1, b.driver.findElements(By.cssSelector("#report-chart svg > rect.all")).size());
            b.check("report-destination-kz");

            b.click(By.id("report-csv"));
            Path csv = b.downloads.resolve("zero-mileage-by-destination.csv");
            b.wait.withTimeout(Duration.ofSeconds(20)).until(d -> Files.exists(csv));
            List<String> lines = Files.readAllLines(csv);
            assertEquals("destination,filings,zero_mileage,share", lines.get(0).trim());
            assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("KZ,")), lines.toString());
        }
    }

    @Test
    void ruleAuthorSeesTheCompileErrorAtItsLineThenBacktestsTheDraft() {
        try (ConsoleBrowser b = new ConsoleBrowser("rule-author")) {
            b.signIn("rule-author");
            assertEquals("Rule sets", b.find(By.cssSelector("main h1")).getText());
            b.check("rule-sets");
            b.click(By.linkText("KZ"));
            b.waitLoaded();
            b.check("rule-set-kz");
            b.click(By.id("new-draft"));
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rule-0-expression")));
            b.waitLoaded();
            WebElement expression = b.find(By.id("rule-0-expression"));
            String original = expression.getAttribute("value");
            b.set(By.id("rule-0-expression"), "true &&\n  vehicl.modelYear > 2000");
            b.click(By.id("save-draft"));
            WebElement error = b.find(By.id("rule-0-expression-error"));
            // line 2 is "  vehicl.modelYear > 2000": the misspelt variable starts at column 3
            assertTrue(error.getText().startsWith("Line 2, column 3: "), error.getText());
            assertTrue(error.getText().contains("'vehicl'"), error.getText());
            assertEquals("true", expression.getAttribute("aria-invalid"));
            assertEquals("2", b.find(By.cssSelector("pre.cel-error")).getAttribute("data-line"));
            assertEquals("3", b.find(By.cssSelector("pre.cel-error")).getAttribute("data-column"));
            b.check("draft-compile-error");

            b.set(By.id("rule-0-expression"), original);
            b.click(By.id("save-draft"));
            b.find(By.id("save-ok"));
            b.click(By.id("run-backtest"));
            b.wait.until(d -> d.findElement(By.id("backtest-result")).getText().contains("Evaluations considered"));
            assertTrue(b.driver.findElements(By.id("publish")).isEmpty(), "only an admin publishes");
            b.check("draft-backtest");
        }
    }

    @Test
    void exporterSeesTheBadVinBesideTheFieldThenFilesOnceCorrectly() {
        Api api = Suite.gateway();
        String vin = Fixtures.registerBydWithHistory(api, Fixtures.today().minusDays(400), 12000);
        char wrong = vin.charAt(8) == '0' ? '1' : '0';
        String badVin = vin.substring(0, 8) + wrong + vin.substring(9);
        try (ConsoleBrowser b = new ConsoleBrowser("exporter")) {
            b.signIn("exporter-chengdu");
            assertEquals("My filings", b.find(By.cssSelector("main h1")).getText());
            b.check("filings");
            b.click(By.id("new-filing"));
            b.waitLoaded();
            b.type(By.id("nf-vin"), badVin);
            WebElement vinError = b.find(By.id("nf-vin-error"));
            assertTrue(vinError.getText().contains("check digit"), vinError.getText());
            assertEquals("91510100MA6CGT1B4T", b.find(By.id("nf-code")).getAttribute("value"));
            b.type(By.id("nf-consignee"), "Auto trade house");
            b.type(By.id("nf-odometer"), "12000");
            b.type(By.id("nf-amount"), "16500");
            b.type(By.id("nf-hs"), "8703601090");
            b.type(By.id("nf-port"), "Horgos");
            b.set(By.id("nf-date"), Fixtures.today().plusDays(3).toString());
            b.click(By.id("submit-filing"));
            assertTrue(b.find(By.id("nf-vin-error")).isDisplayed(), "the bad VIN is not sent");
            b.check("new-filing-bad-vin");
            assertEquals(0, api.get("exporter-chengdu", "/api/v1/filings?vin=" + badVin).expect(200).body().get("total").asInt());

            // a violation only the server knows (planned export date in the past) lands beside its field
            b.type(By.id("nf-vin"), vin);
            assertFalse(b.find(By.id("nf-vin")).getAttribute("aria-invalid") != null, "a good VIN clears the message");
            b.set(By.id("nf-date"), "2020-01-01");
            b.click(By.id("submit-filing"));
            WebElement dateError = b.find(By.id("nf-date-error"));
            assertFalse(dateError.getText().isBlank());
            b.check("new-filing-server-violation");

            b.set(By.id("nf-date"), Fixtures.today().plusDays(3).toString());
            b.click(By.id("submit-filing"));
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "ZMX-"));
            b.check("filing-submitted");
        }
        JsonNode mine = api.get("exporter-chengdu", "/api/v1/filings?vin=" + vin).expect(200).body();
        assertEquals(1, mine.get("total").asInt(), "exactly one filing: " + mine);
    }

    /** Does {@code action} (a user's click on "Apply") every 2 s until the page shows what {@code shown} expects, for 30 s. */
    static void retrying(ConsoleBrowser b, Runnable action, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> shown) {
        new org.openqa.selenium.support.ui.WebDriverWait(b.driver, Duration.ofSeconds(30), Duration.ofSeconds(2))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    if (Boolean.TRUE.equals(shown.apply(d))) {
                        return true;
                    }
                    action.run();
                    return false;
                });
    }

    /** A BYD filed to KZ with its confirmation and cleared (released by customs if the rules held it). */
    static JsonNode clearedForKazakhstan(Api api) {
        LocalDate today = Fixtures.today();
        String vin = Fixtures.registerBydWithHistory(api, today.minusDays(30), 8);
        JsonNode filing = Fixtures.fileExport(api, "exporter-chengdu", vin, "KZ", today, 8, "PERSON", Fixtures.confirmation(vin, "KZ"));
        String id = filing.get("id").asText();
        if ("HELD".equals(Fixtures.awaitScreened(api, "exporter-chengdu", id).get("status").asText())) {
            Fixtures.step(api, "customs-cn", id, "release", Map.of("reason", "papers checked")).expect(200);
        }
        JsonNode cleared = api.get("customs-cn", "/api/v1/filings/" + id).expect(200).body();
        assertEquals("CLEARED", cleared.get("status").asText(), cleared.toString());
        return cleared;
    }

    /** A car cleared for KZ that Russia's agency declared for import: one re-export alert (through the API, not the console). */
    static JsonNode reExportAlert(Api api) {
        JsonNode filing = clearedForKazakhstan(api);
        String vin = filing.get("vin").asText();
        JsonNode recorded = api.request("agency-ru", "POST", "/api/v1/sightings", Api.json(Map.of("vin", vin, "country", "RU",
                "kind", "IMPORT_DECLARATION", "place", "Verkhniy Lars", "date", LocalDate.now().toString())), "application/json",
                Map.of("Idempotency-Key", UUID.randomUUID().toString())).expect(201).body();
        assertEquals(1, recorded.get("alertsRaised").size(), recorded.toString());
        return filing;
    }

    @Test
    void agencyRecordsASightingOfACarClearedForAnotherCountryAndSeesTheAlertItRaised() {
        Api api = Suite.gateway();
        JsonNode filing = clearedForKazakhstan(api);
        String vin = filing.get("vin").asText();
        char wrong = vin.charAt(8) == '0' ? '1' : '0';
        try (ConsoleBrowser b = new ConsoleBrowser("agency-sighting")) {
            b.signIn("agency-ru");
            b.click(By.cssSelector("#nav a[href='#/sighting']"));
            b.waitLoaded();
            assertEquals("Record a sighting", b.find(By.cssSelector("main h1")).getText());
            assertEquals("RU", b.find(By.id("s-country")).getAttribute("value"), "an agency reports in its own country");
            assertTrue(b.driver.findElements(By.cssSelector("#nav a[href='#/risk']")).isEmpty(), "the risk view is customs'");
            // the check digit is checked as the officer types, and a bad VIN is not sent
            b.type(By.id("s-vin"), vin.substring(0, 8) + wrong + vin.substring(9));
            assertTrue(b.find(By.id("s-vin-error")).getText().contains("check digit"), b.find(By.id("s-vin-error")).getText());
            b.click(By.id("record-sighting"));
            assertTrue(b.find(By.id("s-place-error")).getText().contains("Required"), "the place is required");
            b.check("sighting-bad-vin");

            b.type(By.id("s-vin"), vin);
            new Select(b.find(By.id("s-kind"))).selectByValue("REGISTRATION_ATTEMPT");
            b.type(By.id("s-place"), "MREO GIBDD Vladivostok");
            b.click(By.id("record-sighting"));
            WebElement done = b.find(By.id("sighting-recorded"));
            assertTrue(done.getText().contains("registration attempt"), done.getText());
            // the car's last cleared filing was bound for KZ: Russia's agency may not open it, so no link leads there
            assertTrue(done.getText().contains("a filing bound for another country"), done.getText());
            assertEquals("This sighting raised 1 alert(s). See the alerts", b.find(By.id("sighting-alerts")).getText());
            assertTrue(done.findElement(By.xpath(".//table[caption='Sightings of " + vin + "']")).getText().contains("MREO GIBDD Vladivostok"));
            b.check("sighting-recorded");

            b.click(By.linkText("See the alerts"));
            b.waitLoaded();
            assertEquals("Alerts", b.find(By.cssSelector("main h1")).getText());
            List<WebElement> rows = b.find(By.xpath("//table[caption='Alerts, newest first']")).findElements(By.cssSelector("tbody tr"));
            assertEquals(1, rows.size());
            assertTrue(rows.get(0).getText().contains("re-export") && rows.get(0).getText().contains("CN-SC → KZ → RU"), rows.get(0).getText());
            b.check("alerts");
        }
        JsonNode sightings = api.get("agency-ru", "/api/v1/sightings?vin=" + vin).expect(200).body().get("items");
        assertEquals(1, sightings.size(), "recorded once: " + sightings);
        assertEquals("REGISTRATION_ATTEMPT", sightings.get(0).get("kind").asText());
        assertEquals(1, api.get("agency-kz", "/api/v1/alerts?vin=" + vin).expect(200).body().get("items").size(), "KZ, the declared destination, sees it too");
    }

    @Test
    void agencyRegistersAWebhookSeesTheSecretOnceReadsTheDeliveryLogReplaysRotatesAndDeletes() throws Exception {
        Api api = Suite.gateway();
        List<String> received = new CopyOnWriteArrayList<>(); // webhook-id of every request the receiver got
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", x -> {
            x.getRequestBody().readAllBytes();
            received.add(x.getRequestHeaders().getFirst("webhook-id"));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        String id;
        try (ConsoleBrowser b = new ConsoleBrowser("agency-webhooks")) {
            b.signIn("agency-uz");
            b.click(By.cssSelector("#nav a[href='#/webhooks']"));
            b.waitLoaded();
            assertEquals("Webhooks", b.find(By.cssSelector("main h1")).getText());
            b.type(By.id("wh-url"), "hooks.example.uz/zmx");
            b.click(By.id("wh-type-alert-raised")); // checked by default: now none is chosen
            b.click(By.id("register-webhook"));
            assertTrue(b.find(By.id("wh-url-error")).getText().startsWith("Not a URL"), b.find(By.id("wh-url-error")).getText());
            assertEquals("Choose at least one event type.", b.find(By.id("wh-types-error")).getText());
            b.check("webhook-form-errors");

            b.type(By.id("wh-url"), url);
            b.type(By.id("wh-description"), "Tashkent customs receiver");
            b.click(By.id("wh-type-sighting-recorded"));
            b.click(By.id("wh-type-alert-raised"));
            b.click(By.id("register-webhook"));
            String secret = b.find(By.id("wh-secret")).getAttribute("value");
            assertTrue(secret.startsWith("whsec_") && secret.length() > 20, secret);
            assertTrue(b.find(By.id("wh-secret-warning")).getText().contains("shown only now"));
            assertTrue(b.find(By.linkText(url)).isDisplayed(), "the list shows the new endpoint at once");
            b.click(By.id("copy-secret"));
            b.wait.until(d -> !d.findElement(By.cssSelector("#secret-once [role=status]")).getText().isBlank());
            b.check("webhook-secret-once");
            b.click(By.id("secret-stored"));
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("wh-url-shown")));
            b.waitLoaded();
            assertFalse(b.driver.getPageSource().contains(secret), "the secret is not shown again");
            id = b.driver.getCurrentUrl().replaceAll(".*#/webhook/", "");
            assertFalse(api.get("agency-uz", "/api/v1/webhooks/" + id).expect(200).raw().contains(secret), "nor does the API give it again");

            // an event for Uzbekistan's agency: a sighting in UZ, delivered to the receiver and shown in the log
            String vin = Fixtures.registerBydWithHistory(api, Fixtures.today().minusDays(400), 15000);
            api.request("agency-uz", "POST", "/api/v1/sightings", Api.json(Map.of("vin", vin, "country", "UZ",
                    "kind", "BORDER_CROSSING", "place", "Yallama", "date", LocalDate.now().toString())), "application/json",
                    Map.of("Idempotency-Key", UUID.randomUUID().toString())).expect(201);
            b.wait.withTimeout(Duration.ofSeconds(30)).until(d -> !received.isEmpty());
            retrying(b, () -> b.click(By.id("deliveries-apply")), d -> d.findElement(By.id("deliveries")).getText().contains("delivered"));
            WebElement row = b.find(By.xpath("//table[caption='Deliveries, newest first']//tbody/tr[1]"));
            assertTrue(row.getText().contains("Sighting recorded") && row.getText().contains("204") && row.getText().contains(" ms"), row.getText());
            b.click(By.cssSelector("#deliveries button[data-delivery]"));
            WebElement attempts = b.find(By.xpath("//table[caption='Every attempt of this delivery']"));
            assertTrue(attempts.getText().contains("204"), attempts.getText());
            b.check("webhook-delivery-log");

            b.click(By.cssSelector("#deliveries button[data-replay]"));
            b.wait.withTimeout(Duration.ofSeconds(30)).until(d -> received.size() >= 2);
            assertEquals(received.get(0), received.get(1), "a replay is the same event: the same webhook-id");

            b.click(By.id("rotate-secret"));
            b.click(By.id("confirm-rotate-yes"));
            String rotated = b.find(By.id("wh-secret")).getAttribute("value");
            assertTrue(rotated.startsWith("whsec_") && !rotated.equals(secret), rotated);
            assertTrue(b.find(By.id("secret-once-h")).getText().contains("previous one signs too until"));
            b.check("webhook-rotated");

            b.click(By.id("delete-webhook"));
            b.find(By.id("confirm-delete"));
            b.check("webhook-delete-confirm");
            b.click(By.id("confirm-delete-no"));
            assertEquals(200, api.get("agency-uz", "/api/v1/webhooks/" + id).status(), "cancelled: still there");
            b.click(By.id("delete-webhook"));
            b.click(By.id("confirm-delete-yes"));
            b.wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Webhooks"));
            b.waitLoaded();
            assertFalse(b.find(By.id("main-content")).getText().contains(url), "gone from the list");
        } finally {
            receiver.stop(0);
        }
        assertEquals(404, api.get("agency-uz", "/api/v1/webhooks/" + id).status());
    }

    @Test
    void customsReadsTheAlertsTheExporterRiskAndTheFeed() {
        Api api = Suite.gateway();
        JsonNode filing = reExportAlert(api);
        String vin = filing.get("vin").asText();
        String exporter = filing.get("exporterCreditCode").asText();
        try (ConsoleBrowser b = new ConsoleBrowser("customs-alerts")) {
            b.signIn("customs-cn");
            b.click(By.cssSelector("#nav a[href='#/alerts']"));
            b.waitLoaded();
            b.type(By.id("al-vin"), vin);
            b.click(By.id("alerts-apply"));
            b.wait.until(d -> d.findElements(By.xpath("//table[caption='Alerts, newest first']//tbody/tr")).size() == 1);
            b.check("alerts-by-vin");
            b.click(By.linkText(exporter));
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("risk-one")));
            b.waitLoaded();
            JsonNode risk = api.get("customs-cn", "/api/v1/exporters/" + exporter + "/risk").expect(200).body();
            WebElement one = b.find(By.id("risk-one"));
            assertTrue(one.getText().contains("Exporter " + exporter), one.getText());
            assertTrue(risk.get("alerts").asLong() >= 1 && one.getText().contains("re-export"), one.getText());
            b.wait.until(d -> d.findElement(By.xpath("//table[caption='Risk by exporter']")).getText().contains(exporter));
            b.check("exporter-risk");

            b.click(By.cssSelector("#nav a[href='#/events']"));
            b.waitLoaded();
            new Select(b.find(By.id("ev-type"))).selectByValue("alert.raised");
            b.click(By.id("feed-apply"));
            // the newest page of alert.raised events ends with this car's alert (once its commit has settled)
            retrying(b, () -> b.click(By.id("feed-apply")), d -> d.findElement(By.id("feed")).getText().contains(vin));
            List<WebElement> rows = b.find(By.xpath("//table[caption='Events, oldest first']")).findElements(By.cssSelector("tbody tr"));
            assertTrue(rows.stream().allMatch(r -> r.getText().contains("Alert raised")), "filtered by type");
            assertTrue(rows.get(rows.size() - 1).getText().contains("CN-SC → KZ → RU"), rows.get(rows.size() - 1).getText());
            assertTrue(b.find(By.id("feed-newer")).isEnabled() && b.find(By.id("feed-oldest")).isEnabled());
            b.check("feed-alerts");
            b.click(By.id("feed-newer"));
            b.wait.until(ExpectedConditions.textToBe(By.id("feed-position"), "No newer events yet."));
        }
    }

    @Test
    void analystReadsReExportAlertsByRouteAndMonthAndDownloadsTheCsv() throws Exception {
        Api api = Suite.gateway();
        reExportAlert(api);
        try (ConsoleBrowser b = new ConsoleBrowser("analyst-reexport")) {
            b.signIn("analyst");
            assertTrue(b.driver.findElements(By.cssSelector("#nav a[href='#/alerts']")).isEmpty(), "analysts read aggregates only");
            b.click(By.cssSelector("#nav a[href='#/reexport']"));
            b.waitLoaded();
            assertEquals("Re-export alerts", b.find(By.cssSelector("main h1")).getText());
            WebElement figures = b.find(By.xpath("//table[caption='Figures']"));
            assertTrue(figures.getText().contains("CN-SC > KZ > RU"), figures.getText());
            assertFalse(b.driver.findElements(By.cssSelector("#reexport-chart svg > rect.zero")).isEmpty(), "a bar per route");
            b.check("reexport-route");
            new Select(b.find(By.id("re-groupBy"))).selectByValue("month");
            b.click(By.id("reexport-apply"));
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#reexport-chart figcaption"), "Month"));
            b.check("reexport-month");
            b.click(By.id("reexport-csv"));
            Path csv = b.downloads.resolve("re-export-alerts-by-month.csv");
            b.wait.withTimeout(Duration.ofSeconds(20)).until(d -> Files.exists(csv));
            List<String> lines = Files.readAllLines(csv);
            assertEquals("month,alerts", lines.get(0).trim());
            assertTrue(lines.get(lines.size() - 1).startsWith("total,"), lines.toString());
        }
    }

    @Test
    void exporterFollowsItsOwnFeedAndSeesNoAgencyPages() {
        Api api = Suite.gateway();
        JsonNode filing = clearedForKazakhstan(api);
        try (ConsoleBrowser b = new ConsoleBrowser("exporter-feed")) {
            b.signIn("exporter-chengdu");
            assertTrue(b.driver.findElements(By.cssSelector("#nav a[href='#/sighting']")).isEmpty());
            assertTrue(b.driver.findElements(By.cssSelector("#nav a[href='#/alerts']")).isEmpty());
            assertFalse(b.driver.findElements(By.cssSelector("#nav a[href='#/webhooks']")).isEmpty(), "exporters register webhooks too");
            b.click(By.cssSelector("#nav a[href='#/events']"));
            b.waitLoaded();
            retrying(b, () -> b.click(By.id("feed-newest")), d -> d.findElement(By.id("feed")).getText().contains(filing.get("number").asText()));
            // the newest page is a full one (25 events, or all there are), whatever page the numbering reaches
            int all = ReExportIT.feed(api, "exporter-chengdu", null, "filing.created,filing.submitted,filing.screened,filing.cleared,"
                    + "filing.held,filing.rejected,filing.shipped,filing.arrived,filing.accepted,filing.refused,filing.withdrawn").size();
            int rows = b.driver.findElements(By.xpath("//table[caption='Events, oldest first']//tbody/tr")).size();
            assertEquals(Math.min(25, all), rows, b.find(By.id("feed-position")).getText());
            b.check("feed");
        }
    }

    @Test
    void languageChoiceIsRememberedTokensStayInMemoryRenewalAndSignOutWork() {
        try (ConsoleBrowser b = new ConsoleBrowser("session")) {
            b.signIn("customs-cn");
            new Select(b.find(By.id("lang"))).selectByValue("ru");
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "Задержанные"));
            b.check("queue-ru");
            new Select(b.find(By.id("lang"))).selectByValue("zh");
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "暂扣"));
            b.check("queue-zh");
            String storage = String.valueOf(b.js("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie;"));
            assertFalse(storage.contains("eyJ"), "no token in web storage or cookies: " + storage);
            assertTrue(storage.contains("zh"), storage);

            // renewal with the refresh token, as the timer does before expiry
            String before = String.valueOf(b.driver.executeAsyncScript("const done = arguments[0];"
                    + "import('./js/auth.js').then(a => done(a.token()));"));
            Object renewed = b.driver.executeAsyncScript("const done = arguments[0];"
                    + "import('./js/auth.js').then(a => a.renew().then(ok => done(ok + ' ' + a.token())));");
            String[] parts = String.valueOf(renewed).split(" ");
            assertEquals("true", parts[0], String.valueOf(renewed));
            assertNotEquals(before, parts[1], "a new access token");
            b.click(By.cssSelector("#nav a[href='#/vehicle']"));
            b.waitLoaded();

            b.click(By.id("logout"));
            b.wait.until(ExpectedConditions.elementToBeClickable(By.id("signin")));
            assertEquals("登录", b.find(By.id("signin")).getText(), "the language survives sign-out and reload");
            b.check("signed-out-zh");
        }
    }
}
