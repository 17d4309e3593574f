package org.dpps.archive.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
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
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Selenium against the running archive: the Debian {@code chromium}
 * and {@code chromium-driver} packages (never Selenium Manager, which would download a browser),
 * downloads into a directory of the test's own, and a screenshot plus the page and the browser
 * console in {@code tests/target/portal-failures/} when a test fails.
 *
 * <pre>{@code
 * try (Browser browser = Browser.open(server, downloads)) {
 *   browser.go("/?q=crab");
 *   browser.await(d -> d.findElements(By.cssSelector(".hit")).size() == 2);
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration WAIT = Duration.ofSeconds(30);

  private final ArchiveServer server;
  private final Path downloads;
  private final ChromeDriver driver;

  private Browser(ArchiveServer server, Path downloads, ChromeDriver driver) {
    this.server = server;
    this.downloads = downloads;
    this.driver = driver;
  }

  /**
   * Skips the calling test when Chromium or its driver is missing, or fails it when the environment
   * variable {@code CI} is {@code true} (CI installs both, so a missing browser there is a broken
   * build, not a reason to run nothing).
   */
  public static void assumeInstalled() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(
          "CI=true but "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing: install chromium and"
              + " chromium-driver");
    }
    Assumptions.assumeTrue(
        installed, "No " + CHROMIUM + " and " + CHROMEDRIVER + ": browser tests skipped");
  }

  /** A new headless browser whose downloads land in {@code downloads}. */
  public static Browser open(ArchiveServer server, Path downloads) {
    assumeInstalled();
    try {
      Files.createDirectories(downloads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000",
        "--lang=en-GB",
        "--no-first-run",
        "--disable-search-engine-choice-screen");
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
    prefs.put("download.prompt_for_download", false);
    prefs.put("download.directory_upgrade", true);
    prefs.put("safebrowsing.enabled", false);
    options.setExperimentalOption("prefs", prefs);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    // headless Chromium honours the prefs; the CDP command makes sure of it on every version
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of(
            "behavior",
            "allow",
            "downloadPath",
            downloads.toAbsolutePath().toString(),
            "eventsEnabled",
            false));
    return new Browser(server, downloads, driver);
  }

  public WebDriver driver() {
    return driver;
  }

  public Path downloads() {
    return downloads;
  }

  /** Opens a page of the archive, e.g. {@code /?q=crab} or {@code /product.html?id=...}. */
  public void go(String pathAndQuery) {
    driver.get(server.uri(pathAndQuery).toString());
  }

  /** The path and query of the current page, e.g. {@code /?q=crab}. */
  public String pathAndQuery() {
    java.net.URI uri = java.net.URI.create(driver.getCurrentUrl());
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * Waits (polling, up to 30 s) until the condition holds and returns its value; elements that the
   * page replaced meanwhile are looked up again.
   */
  public <T> T await(ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** Waits until {@code css} matches an element and returns it. */
  public WebElement awaitElement(String css) {
    return await(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
  }

  public Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  /** Runs an async script: its last argument is the callback to call with the result. */
  public Object asyncScript(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeAsyncScript(javascript, arguments);
  }

  /**
   * Waits until a download named {@code name} is complete (no {@code .crdownload} left and the
   * expected size reached) and returns its path.
   */
  public Path awaitDownload(String name, long size) {
    return awaitDownload(name, size, true);
  }

  /** Waits until a download named {@code name} of any non-zero size is complete. */
  public Path awaitDownload(String name) {
    return awaitDownload(name, 0, false);
  }

  private Path awaitDownload(String name, long size, boolean exact) {
    Path file = downloads.resolve(name);
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (Files.isRegularFile(file)
            && (exact ? Files.size(file) == size : Files.size(file) > 0)
            && !Files.exists(downloads.resolve(name + ".crdownload"))) {
          return file;
        }
      } catch (IOException e) {
        // still being written: try again
      }
      ArchiveServer.sleep(100);
    }
    throw new AssertionError(
        "No complete download "
            + name
            + " ("
            + size
            + " bytes) in "
            + downloads
            + ": "
            + listing());
  }

  private String listing() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.map(p -> p.getFileName().toString()).toList().toString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Saves a screenshot, the page source and the browser console under {@code dir}. */
  public void saveEvidence(Path dir, String name) {
    try {
      Files.createDirectories(dir);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(dir.resolve(name + ".png"), png);
      Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
      StringBuilder console = new StringBuilder("URL: " + driver.getCurrentUrl() + "\n");
      driver
          .manage()
          .logs()
          .get(LogType.BROWSER)
          .forEach(entry -> console.append(entry.toString()).append('\n'));
      Files.writeString(dir.resolve(name + ".console.txt"), console.toString());
      System.out.printf("[e2e] browser evidence of %s in %s%n", name, dir);
    } catch (IOException | RuntimeException e) {
      System.out.printf("[e2e] could not save the browser evidence of %s: %s%n", name, e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }

  /** Where failing browser tests leave their evidence: {@code tests/target/portal-failures}. */
  public static Path evidenceDirectory() {
    String work = System.getProperty("archive.test.work");
    Path target = work == null ? Path.of("target") : Path.of(work).toAbsolutePath().getParent();
    return target.resolve("portal-failures");
  }

  /**
   * An extension that saves the evidence of a failing test from the browser the test class is using
   * at the time; it runs when the test method throws, before {@code @AfterEach} can close that
   * browser.
   */
  public static TestExecutionExceptionHandler evidenceOnFailure(
      Supplier<Optional<Browser>> browser) {
    return (context, failure) -> {
      String name =
          context.getRequiredTestClass().getSimpleName()
              + "-"
              + context.getRequiredTestMethod().getName();
      browser.get().ifPresent(b -> b.saveEvidence(evidenceDirectory(), name));
      throw failure;
    };
  }
}
