package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium + chromium-driver, named explicitly so Selenium Manager
 * downloads nothing) on the running suite's console. Where the two binaries are missing the tests fail with
 * what to install: they never skip.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("zmx.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("zmx.chromedriver", "/usr/bin/chromedriver");
    static final Path REPORTS = Path.of("target/failsafe-reports/console");

    final ChromeDriver driver;
    final WebDriverWait wait;
    final Path downloads;
    final String console;
    private final String test;
    private final List<String> accessibility = new ArrayList<>();

    ConsoleBrowser(String test) {
        this.test = test;
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            fail("The console's browser tests need Chromium and its driver: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install -y chromium chromium-driver; or -Dzmx.chromium=... -Dzmx.chromedriver=...)");
        }
        try {
            Files.createDirectories(REPORTS);
            downloads = Files.createTempDirectory("zmx-console-downloads");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--lang=en-GB", "--disable-gpu", "--no-first-run");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "intl.accept_languages", "en-GB,en"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        console = Suite.stack().gatewayUrl() + "/console/";
    }

    /** Opens the console, signs in at the issuer's login page as this demo user and waits for the first page. */
    ConsoleBrowser signIn(String user) {
        driver.get(console);
        click(By.id("signin"));
        WebElement pick = wait.until(ExpectedConditions.elementToBeClickable(By.id("login-" + user)));
        check("issuer-login");
        pick.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a")));
        waitLoaded();
        return this;
    }

    /** Clicks what the locator finds once it is clickable, again if the page re-rendered it meanwhile. */
    void click(By by) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement el = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (el == null) {
                return false;
            }
            el.click();
            return true;
        });
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void type(By by, String text) {
        WebElement el = find(by);
        el.clear();
        el.sendKeys(text);
    }

    /** Sets a value the way a user's picker would (date and month inputs differ between locales when typed). */
    void set(By by, String value) {
        WebElement el = find(by);
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", el, value);
    }

    void waitLoaded() {
        wait.until(d -> d.findElements(By.cssSelector("main .loading")).isEmpty()
                && !d.findElements(By.cssSelector("main h1")).isEmpty());
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** A screenshot beside the test reports and an axe-core run: any serious or critical violation fails the test. */
    void check(String page) {
        screenshot(page);
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze(driver);
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                StringBuilder nodes = new StringBuilder();
                rule.getNodes().stream().limit(3).forEach(n -> nodes.append("\n      ").append(n.getHtml()));
                accessibility.add(page + ": " + rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + ")" + nodes);
            }
        }
        assertTrue(accessibility.isEmpty(), "axe-core found serious or critical violations:\n  " + String.join("\n  ", accessibility));
    }

    /** The whole page, not only the window (Chromium's DevTools capture beyond the viewport). */
    void screenshot(String page) {
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                    "width", ((Number) size.get("width")).doubleValue(), "height", Math.min(6000, ((Number) size.get("height")).doubleValue()));
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
            Files.write(REPORTS.resolve(test + "-" + page + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException | RuntimeException e) {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            try {
                Files.copy(shot.toPath(), REPORTS.resolve(test + "-" + page + ".png"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException io) {
                throw new IllegalStateException(io);
            }
        }
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
