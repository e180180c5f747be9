package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's first load on loopback, cache disabled, as bench/console/run.sh reports it: bytes on the wire
 * (compressed, from the browser's Resource Timing) and the time to the first useful screen (the console's own
 * performance mark: the sign-in screen, and after sign-in the officer's queue with its data).
 * Goals (issue 13): at most 250 KB and 1 s. The size is asserted; times are recorded (a shared CI machine is
 * no place to fail a build on milliseconds) and only grossly slow loads fail.
 */
class ConsoleFirstLoadIT {

    static final String TIMINGS = "const nav = performance.getEntriesByType('navigation')[0];"
            + "const res = performance.getEntriesByType('resource');"
            + "const mark = performance.getEntriesByName('zmx-first-screen')[0];"
            + "return {transfer: nav.transferSize + res.reduce((n, r) => n + (r.transferSize || 0), 0),"
            + " decoded: nav.decodedBodySize + res.reduce((n, r) => n + (r.decodedBodySize || 0), 0),"
            + " requests: 1 + res.length, firstScreen: mark ? mark.startTime : -1,"
            + " domContentLoaded: nav.domContentLoadedEventEnd};";

    @Test
    @SuppressWarnings("unchecked")
    void firstLoadIsSmallAndQuick() throws Exception {
        Suite.stack();
        List<Map<String, Object>> signedOut = new ArrayList<>();
        Map<String, Object> signedIn;
        try (ConsoleBrowser b = new ConsoleBrowser("first-load")) {
            b.driver.executeCdpCommand("Network.enable", Map.of());
            b.driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            for (int i = 0; i < 6; i++) { // the first run warms the gateway's JIT, the rest are measured
                b.driver.get(b.console);
                b.wait.until(ExpectedConditions.elementToBeClickable(By.id("signin")));
                b.wait.until(d -> ((Number) ((Map<String, Object>) b.js(TIMINGS)).get("firstScreen")).doubleValue() >= 0);
                if (i > 0) {
                    signedOut.add((Map<String, Object>) b.js(TIMINGS));
                }
            }
            b.click(By.id("signin"));
            b.click(By.id("login-customs-cn"));
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a")));
            b.waitLoaded();
            signedIn = (Map<String, Object>) b.js(TIMINGS);
            b.screenshot("queue-after-sign-in");
        }
        signedOut.sort((x, y) -> Double.compare(((Number) x.get("firstScreen")).doubleValue(), ((Number) y.get("firstScreen")).doubleValue()));
        Map<String, Object> median = signedOut.get(signedOut.size() / 2);
        String report = String.format(Locale.ROOT, "{\"signedOut\": {\"transferBytes\": %s, \"decodedBytes\": %s, \"requests\": %s,"
                        + " \"firstScreenMs\": %.0f, \"runs\": %d},%n \"signedIn\": {\"transferBytes\": %s, \"requests\": %s, \"firstScreenMs\": %.0f}}%n",
                median.get("transfer"), median.get("decoded"), median.get("requests"), ((Number) median.get("firstScreen")).doubleValue(),
                signedOut.size(), signedIn.get("transfer"), signedIn.get("requests"), ((Number) signedIn.get("firstScreen")).doubleValue());
        Files.writeString(ConsoleBrowser.REPORTS.resolve("first-load.json"), report);
        System.out.println("[console first load] " + report);
        long transfer = ((Number) median.get("transfer")).longValue();
        assertTrue(transfer > 0 && transfer <= 250 * 1024, "first load transfers at most 250 KB: " + report);
        assertTrue(((Number) signedIn.get("transfer")).longValue() <= 250 * 1024, report);
        assertTrue(((Number) median.get("firstScreen")).doubleValue() <= 5000, "grossly slow first screen: " + report);
    }
}
