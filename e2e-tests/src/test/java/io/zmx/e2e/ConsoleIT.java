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
import java.util.List;
import java.util.Map;
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
