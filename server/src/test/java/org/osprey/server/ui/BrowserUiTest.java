package org.osprey.server.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.osprey.model.labels.Labels;
import org.osprey.server.OspreyServer;
import org.osprey.server.ServerLog;
import org.osprey.server.cli.ServerOptions;
import org.osprey.tsdb.Appender;

/**
 * The web UI in a real headless Chromium (Debian's chromium + chromedriver): type a query, see
 * table rows, switch to the graph and see it drawn; the targets page lists the self-scrape as UP;
 * API errors are shown. Screenshots go to {@code <build dir>/screenshots}.
 */
class BrowserUiTest {
    @TempDir
    static Path dir;
    static OspreyServer server;
    static ChromeDriver driver;
    static String base;
    static Path shots;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: demo-rules
                    interval: 1s
                    rules:
                      - record: room:demo_temperature:max
                        expr: max(demo_temperature)
                      - alert: HallTooWarm
                        expr: demo_temperature{room="hall"} > 0
                        labels:
                          severity: ticket
                        annotations:
                          summary: the hall is warm
                      - alert: NeverFires
                        expr: vector(1) < 0
                """);
        Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 2s\n  evaluation_interval: 1s\n"
                + "rule_files:\n  - rules.yml\nscrape_configs:\n  - job_name: osprey\n    static_configs:\n"
                + "      - targets: ['127.0.0.1:" + port + "']\n");
        ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.path=" + dir.resolve("data"),
                "--config.file=" + dir.resolve("prometheus.yml"));
        server = OspreyServer.start(o, new ServerLog(new PrintStream(new ByteArrayOutputStream()), "info", "logfmt"));
        base = "http://127.0.0.1:" + server.port();
        long now = System.currentTimeMillis();
        Appender a = server.storage().appender();
        Labels hall = Labels.of("__name__", "demo_temperature", "room", "hall");
        Labels lab = Labels.of("__name__", "demo_temperature", "room", "lab");
        for (long t = now - 3_600_000; t <= now; t += 15_000) {
            double x = (t - now) / 600_000.0;
            a.append(0, hall, t, 20 + 3 * Math.sin(x));
            a.append(0, lab, t, 18 + 2 * Math.cos(x));
        }
        a.commit();
        shots = Path.of(System.getProperty("osprey.buildDir", "target"), "screenshots");
        Files.createDirectories(shots);

        String chromium = firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser");
        String chromedriver = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        ChromeOptions opts = new ChromeOptions();
        opts.setBinary(chromium);
        opts.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory(dir, "chrome-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, opts);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    private static String firstExisting(String... paths) {
        for (String p : paths) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException("none of " + List.of(paths) + " is installed (run ./run-tests, which installs chromium and chromium-driver)");
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static WebDriverWait waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    private static void screenshot(String name) throws Exception {
        File f = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), shots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void typeQueryRunItSeeTableRowsThenDrawnGraph() throws Exception {
        driver.get(base + "/graph");
        WebElement input = waitFor(10).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".panel .expr-input")));
        input.sendKeys("demo_temp");
        // autocomplete offers the metric name fetched from the API
        WebElement item = waitFor(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".autocomplete .ac-item")));
        assertTrue(item.getText().contains("demo_temperature"), item.getText());
        input.sendKeys(Keys.TAB);
        assertEquals("demo_temperature", input.getAttribute("value"));
        driver.findElement(By.cssSelector(".panel .execute-btn")).click();
        List<WebElement> rows = waitFor(10).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table.data-table tbody tr.result-row"), 2));
        assertTrue(rows.get(0).getText().contains("demo_temperature{room=\"hall\"}"), rows.get(0).getText());
        assertTrue(driver.getCurrentUrl().contains("g0.expr=demo_temperature"), driver.getCurrentUrl());
        screenshot("table");

        driver.findElement(By.cssSelector(".panel .tab-graph")).click();
        waitFor(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".graph-area canvas")));
        long painted = (Long) ((JavascriptExecutor) driver).executeScript(
                "const c = document.querySelector('.graph-area canvas');"
                        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++; }"
                        + "return n;");
        assertTrue(painted > 500, "graph canvas has only " + painted + " drawn pixels");
        String legend = driver.findElement(By.cssSelector(".graph-area .u-legend")).getText();
        assertTrue(legend.contains("demo_temperature{room=\"hall\"}") && legend.contains("room=\"lab\""), legend);
        assertTrue(driver.getCurrentUrl().contains("g0.tab=0"), driver.getCurrentUrl());
        // hovering the plot shows each series' value at the cursor in the legend
        new org.openqa.selenium.interactions.Actions(driver)
                .moveToElement(driver.findElement(By.cssSelector(".graph-area .u-over")), 40, 20).perform();
        String hovered = waitFor(5).until(d -> {
            String v = d.findElement(By.cssSelector(".graph-area .u-legend .u-series:nth-child(2) .u-value")).getText();
            return v.matches("\\d+(\\.\\d+)?") ? v : null;
        });
        double value = Double.parseDouble(hovered);
        assertTrue(value >= 17 && value <= 23, "hall temperature under the cursor: " + hovered);
        screenshot("graph");

        // a second panel with its own query
        driver.findElement(By.id("add-panel")).click();
        List<WebElement> inputs = waitFor(5).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".panel .expr-input"), 2));
        inputs.get(1).sendKeys("count(demo_temperature)");
        driver.findElements(By.cssSelector(".panel .execute-btn")).get(1).click();
        WebElement second = waitFor(10).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(".panel:nth-child(2) table.data-table tr.result-row"));
            return found.isEmpty() ? null : found.get(0);
        });
        assertTrue(second.getText().endsWith("2"), second.getText());
        assertTrue(driver.getCurrentUrl().contains("g1.expr=count"), driver.getCurrentUrl());

        // the URL carries the state: reloading it restores both panels
        driver.get(driver.getCurrentUrl());
        waitFor(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".graph-area canvas")));
        List<WebElement> restored = driver.findElements(By.cssSelector(".panel .expr-input"));
        assertEquals("demo_temperature", restored.get(0).getAttribute("value"));
        assertEquals("count(demo_temperature)", restored.get(1).getAttribute("value"));
    }

    @Test
    void apiErrorsAreShownToThePerson() throws Exception {
        driver.get(base + "/graph?g0.expr=" + java.net.URLEncoder.encode("sum(", java.nio.charset.StandardCharsets.UTF_8) + "&g0.tab=1");
        WebElement err = waitFor(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".panel .error")));
        assertTrue(err.getText().contains("bad_data") && err.getText().contains("parse error"), err.getText());
        screenshot("error");
    }

    @Test
    void targetsPageListsTheSelfScrapeTargetAsUp() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String health = "";
        while (System.currentTimeMillis() < deadline) {
            driver.get(base + "/targets");
            List<WebElement> h = waitFor(10).until(ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector(".target-row .health")));
            health = h.get(0).getText();
            if (health.equals("UP")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertEquals("UP", health);
        assertTrue(driver.findElement(By.cssSelector(".pool")).getText().contains("osprey (1/1 up)"));
        screenshot("targets");
    }

    @Test
    void statusAndTsdbPagesRender() throws Exception {
        driver.get(base + "/status");
        WebElement rt = waitFor(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.status-runtimeinfo")));
        assertTrue(rt.getText().contains("storageRetention"), rt.getText());
        driver.get(base + "/tsdb-status");
        WebElement head = waitFor(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.head-stats")));
        assertTrue(head.getText().contains("Number of series"), head.getText());
        screenshot("tsdb-status");
    }

    @Test
    void rulesAndAlertsPagesShowRuleHealthAndFiringAlerts() throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        String firing = "";
        while (System.currentTimeMillis() < deadline) {
            driver.get(base + "/alerts");
            List<WebElement> rules = waitFor(10).until(ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector(".alert-rule")));
            firing = rules.get(0).getText();
            if (firing.startsWith("FIRING")) {
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(firing.startsWith("FIRING") && firing.contains("HallTooWarm"), firing);
        String counts = driver.findElement(By.cssSelector(".alert-counts")).getText();
        assertTrue(counts.contains("Inactive (1)") && counts.contains("Firing (1)"), counts);
        assertTrue(driver.findElement(By.cssSelector(".alerts-table")).getText().contains("severity=\"ticket\""));
        screenshot("alerts");

        driver.get(base + "/rules");
        List<WebElement> rows = waitFor(10).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".rule-row"), 3));
        assertTrue(rows.get(0).getText().contains("record: room:demo_temperature:max"), rows.get(0).getText());
        assertTrue(rows.get(0).getText().contains("OK"), rows.get(0).getText());
        screenshot("rules");

        driver.get(base + "/service-discovery");
        WebElement pool = waitFor(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pool")));
        assertTrue(pool.getText().contains("__address__=\"127.0.0.1:"), pool.getText());
        driver.get(base + "/config");
        WebElement yaml = waitFor(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".config-yaml")));
        assertTrue(yaml.getText().contains("rule_files"), yaml.getText());
    }
}
