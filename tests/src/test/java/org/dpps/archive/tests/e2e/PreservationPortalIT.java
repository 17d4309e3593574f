package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveClient.Reply;
import org.dpps.archive.tests.support.ArchiveExtension;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.Browser;
import org.dpps.archive.tests.support.SkyMaps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The preservation planning page in a real headless Chromium against the running archive. Two
 * uncompressed FITS sky maps are deposited through the API; everything else goes through the page:
 * an archivist signs in with a bearer token, marks {@code fits-image-uncompressed} at risk with a
 * reason, sees the change in the registry, its history, the risk chart and the at-risk table, makes
 * a migration plan of the two maps to tile-compressed FITS, previews it, executes it and follows it
 * to the end. An anonymous visitor sees the public registry and is told to sign in as an archivist
 * for the rest. The registry entry is put back as it was afterwards, since other tests share the
 * server.
 */
@ExtendWith(ArchiveExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreservationPortalIT {
  private static final String SOURCE = "fits-image-uncompressed";
  private static final String TARGET = "fits-tile-compressed";
  private static final Duration MIGRATION_TIMEOUT = Duration.ofSeconds(180);

  private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 20);
  private final Map<String, byte[]> maps = new LinkedHashMap<>();

  private ArchiveClient api;
  private ArchiveServer server;
  private Path downloads;

  /** The registry entry as it was before this class changed it. */
  private JsonNode original;

  /** The browser a failure is recorded from. */
  private Browser current;

  @RegisterExtension
  final TestExecutionExceptionHandler evidence =
      Browser.evidenceOnFailure(() -> Optional.ofNullable(current));

  @BeforeAll
  void depositTwoSkyMaps(ArchiveClient api, ArchiveServer server) throws IOException {
    Browser.assumeInstalled();
    this.api = api;
    this.server = server;
    Reply entry = api.get("/api/v1/formats/" + SOURCE);
    assertThat(entry.status()).as(entry.toString()).isEqualTo(200);
    original = entry.json();
    for (int i = 0; i < 2; i++) {
      SkyMaps map = SkyMaps.map().object("Portal map " + run + "-" + i).size(96).seed(500 + i);
      byte[] fits = map.fits();
      maps.put(map.productId(), fits);
      JsonNode deposit =
          api.depositArchived(
              Bags.aBag()
                  .withFile("data/map.fits", fits)
                  .withSipJson("gammapy-maps", "Preservation portal map " + run + "-" + i)
                  .zip(),
              "application/zip");
      assertThat(ArchiveClient.products(deposit))
          .extracting(p -> p.path("productId").asText())
          .containsExactly(map.productId());
    }
    downloads = Files.createTempDirectory(server.runDir(), "preservation-");
  }

  @AfterEach
  void closeBrowser() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  /** Puts the registry entry back (status and reasons) for the other tests of the suite. */
  @AfterAll
  void restoreTheRegistry() {
    if (api == null || original == null) {
      return;
    }
    JsonNode now = api.get("/api/v1/formats/" + SOURCE).json();
    Map<String, Object> body = new LinkedHashMap<>();
    if (!now.path("status").equals(original.path("status"))) {
      body.put("status", original.path("status").asText());
    }
    if (!now.path("reasons").equals(original.path("reasons"))) {
      List<String> reasons = new ArrayList<>();
      original.path("reasons").forEach(r -> reasons.add(r.asText()));
      body.put("reasons", reasons);
    }
    if (body.isEmpty()) {
      return;
    }
    body.put("reason", "PreservationPortalIT " + run + " done: restored");
    Reply restored = api.patch("/api/v1/formats/" + SOURCE, "application/json", json(body));
    assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
    assertThat(restored.json().path("status")).isEqualTo(original.path("status"));
  }

  @Test
  void anAnonymousVisitorSeesThePublicRegistryAndIsAskedToSignInAsAnArchivist() {
    current = Browser.open(server, downloads.resolve("anonymous"));
    Browser browser = current;
    browser.go("/preservation.html");
    awaitLoaded(browser);
    assertThat(browser.find("#whoami").getText()).isEqualTo("Anonymous");
    WebElement access = browser.find("#access");
    assertThat(access.getText())
        .contains("Sign in as an archivist")
        .contains("registry below is public");
    assertThat(access.getAttribute("role")).isEqualTo("status");

    WebElement row = registryRow(browser, SOURCE);
    assertThat(row.getText())
        .contains("FITS with uncompressed image arrays")
        .contains("application/fits");
    assertThat(row.findElement(By.cssSelector(".badge.status")).getText())
        .isEqualTo(api.anonymous().get("/api/v1/formats/" + SOURCE).json().path("status").asText());
    assertThat(registryRow(browser, TARGET).findElement(By.cssSelector(".badge.status")).getText())
        .isEqualTo("preferred");
    assertThat(browser.findAll("#formats tbody tr").size()).isGreaterThanOrEqualTo(5);
    assertThat(browser.findAll("#formats button.edit-format")).as("no editing").isEmpty();
    assertThat(browser.find("#plans").isDisplayed()).as("plans are for archivists").isFalse();
    assertThat(browser.find("#risk").isDisplayed()).as("the risk overview too").isFalse();
    assertThat(browser.findAll("#alerts .alert")).as("no 401 shown as an error").isEmpty();

    // the sign-in button of the note opens the header's sign-in control at the token field
    browser.find("#access-sign-in").click();
    assertThat(browser.find("details.sign-in").getAttribute("open")).isNotNull();
    assertThat(browser.script("return document.activeElement.id")).isEqualTo("token");
  }

  @Test
  void anArchivistMarksAFormatAtRiskAndMigratesItsProductsThroughThePage() throws IOException {
    List<String> ids = List.copyOf(maps.keySet());
    String subject = "curator-" + run;
    String token = api.issueToken(subject, "archivist");
    current = Browser.open(server, downloads.resolve("archivist"));
    Browser browser = current;
    browser.go("/preservation.html");
    awaitLoaded(browser);
    browser.find("details.sign-in summary").click();
    browser.find("#token").sendKeys(token);
    browser.find("#sign-in-form button[type=submit]").click();
    browser.awaitElement("#whoami[data-subject='" + subject + "']");
    browser.await(d -> d.findElement(By.id("plans")).isDisplayed());
    awaitLoaded(browser);
    assertThat(browser.find("#access").getText())
        .contains("Signed in as " + subject)
        .contains("archivist");

    // ----------------------------------------------------------- the registry: mark it at risk
    registryRow(browser, SOURCE).findElement(By.cssSelector("button.edit-format")).click();
    WebElement status = browser.awaitElement("#edit-" + SOURCE + "-status");
    assertThat(browser.script("return document.activeElement.id"))
        .isEqualTo("edit-" + SOURCE + "-status");
    new Select(status).selectByValue("at-risk");
    WebElement reasons = browser.find("#edit-" + SOURCE + "-reasons");
    reasons.clear();
    reasons.sendKeys(
        "Uncompressed integer images take 2-4 times the space on every replica\nMigrate to tile-compressed FITS");
    // the reason for the change is required: without it nothing is sent
    browser.find("#edit-" + SOURCE + "-save").click();
    assertThat(
            browser.script(
                "return document.getElementById(arguments[0]).validity.valueMissing",
                "edit-" + SOURCE + "-why"))
        .isEqualTo(true);
    assertThat(api.get("/api/v1/formats/" + SOURCE).json().path("status").asText())
        .isEqualTo(original.path("status").asText());
    String why = "Storage budget review " + run;
    browser.find("#edit-" + SOURCE + "-why").sendKeys(why);
    browser.find("#edit-" + SOURCE + "-save").click();

    browser.await(
        d ->
            "at-risk"
                .equals(
                    registryRow(browser, SOURCE)
                        .findElement(By.cssSelector(".badge.status"))
                        .getText()));
    WebElement row = registryRow(browser, SOURCE);
    assertThat(row.getAttribute("data-status")).isEqualTo("at-risk");
    assertThat(row.getText()).contains("Migrate to tile-compressed FITS").contains(subject);
    assertThat(browser.awaitElement("#edit-" + SOURCE + "-message").getText())
        .contains("Saved")
        .contains("at-risk");
    String history = "#edit-" + SOURCE + "-history";
    assertThat(browser.find(history).getAttribute("open"))
        .as("the history is shown after saving")
        .isNotNull();
    WebElement latest =
        browser.await(
            d -> {
              List<WebElement> items =
                  d.findElements(By.cssSelector(history + " .history-list > li"));
              return !items.isEmpty() && items.get(0).getText().contains(why) ? items.get(0) : null;
            });
    assertThat(latest.getText())
        .contains(subject)
        .contains("status: " + original.path("status").asText() + " → at-risk");

    // ---------------------------------------------------------------------- the risk overview
    WebElement bar =
        browser.await(
            d -> {
              List<WebElement> bars =
                  d.findElements(
                      By.cssSelector("#risk-chart .risk-bar[data-format-id='" + SOURCE + "']"));
              return !bars.isEmpty() && "at-risk".equals(bars.get(0).getAttribute("data-status"))
                  ? bars.get(0)
                  : null;
            });
    String barName = bar.findElement(By.tagName("title")).getAttribute("textContent");
    assertThat(barName).contains(SOURCE).contains("status at-risk").contains("product");
    assertThat(bar.getAttribute("aria-label")).isEqualTo(barName);
    assertThat(bar.getText())
        .as("the status is written next to the bar, not only coloured")
        .contains("at-risk");
    assertThat(browser.findAll("#risk-legend li"))
        .extracting(WebElement::getText)
        .anySatisfy(t -> assertThat(t).startsWith("at-risk"));
    assertThat(browser.find("#risk-totals").getText()).contains("At risk:");
    browser.script("arguments[0].focus()", bar);
    assertThat(browser.script("return document.activeElement.getAttribute('data-format-id')"))
        .isEqualTo(SOURCE);
    WebElement dl4AtRisk = browser.find("#levels tr[data-level='DL4'] td[data-status='at-risk']");
    assertThat(Integer.parseInt(dl4AtRisk.getAttribute("data-products"))).isGreaterThanOrEqualTo(2);
    for (String id : ids) {
      WebElement product = browser.find("#at-risk tr[data-product-id='" + id + "']");
      assertThat(product.findElement(By.cssSelector("a.product-link")).getDomAttribute("href"))
          .isEqualTo("product.html?id=" + id);
      assertThat(product.getText())
          .contains("map.fits")
          .contains(SOURCE)
          .contains("at-risk")
          .contains("DL4");
    }
    // the at-risk files as CSV, fetched with the bearer token and saved from the page
    browser.find("#csv-files").click();
    String csv = Files.readString(browser.awaitDownload("risk-files.csv"));
    assertThat(csv.lines().findFirst())
        .contains("product_id,version,data_level,path,bytes,format_id,status,reasons");
    for (String id : ids) {
      assertThat(csv)
          .contains(id + ",1,DL4,")
          .contains("," + maps.get(id).length + "," + SOURCE + ",at-risk,");
    }
    assertThat(browser.find("#risk-status").getText()).startsWith("Downloaded risk-files.csv");
    browser.find("#at-risk-filter").sendKeys(ids.get(0));
    assertThat(browser.findAll("#at-risk tbody tr[data-product-id]")).hasSize(1);
    assertThat(browser.find("#at-risk-count").getText()).startsWith("Showing 1 product of");
    browser.find("#at-risk-filter").clear();

    // --------------------------------------------------------------------- a migration plan
    String name = "Compress portal maps " + run;
    browser.find("#plan-name").sendKeys(name);
    new Select(browser.find("#plan-source")).selectByValue(SOURCE);
    new Select(browser.find("#plan-target")).selectByValue(TARGET);
    Select action = new Select(browser.find("#plan-action"));
    action.selectByValue("cwl");
    assertThat(browser.find("#plan-cwl").isDisplayed())
        .as("CWL reveals its document field")
        .isTrue();
    action.selectByValue("fits-tile-compress");
    assertThat(browser.find("#plan-cwl").isDisplayed()).isFalse();
    browser.find("#plan-products").sendKeys(String.join("\n", ids));
    browser.find("#plan-create").click();

    WebElement detail = browser.awaitElement("#plan-detail:not([hidden])");
    browser.await(d -> d.findElement(By.id("plan-title")).getText().contains(name));
    assertThat(browser.find("#plan-state").getText()).isEqualTo("DRAFT");
    String planId = detail.getAttribute("data-plan-id");
    assertThat(browser.find("#plan-list tr[data-plan-id='" + planId + "']").getText())
        .contains(name)
        .contains("DRAFT");
    assertThat(browser.find("#plan-facts").getText())
        .contains(SOURCE)
        .contains(TARGET)
        .contains("2 named products");
    assertThat(browser.find("#plan-form-status").getText()).contains("created");

    browser.find("#plan-preview-button").click();
    WebElement products = browser.awaitElement("#preview-products");
    assertThat(products.getText()).isEqualTo("2 products");
    assertThat(browser.find("#sample-verdict").getText()).isEqualTo("accepted");
    assertThat(browser.find("#preview-summary").getText()).contains("2 files");
    assertThat(browser.find("#preview-sample").getText())
        .contains("map.fits")
        .contains("% of the original");
    assertThat(browser.find("#preview-estimate").getText())
        .contains("Estimated time")
        .contains("basis");
    assertThat(browser.findAll("#preview-ids li[data-product-id]"))
        .extracting(e -> e.getAttribute("data-product-id"))
        .containsExactlyInAnyOrderElementsOf(ids);
    for (String id : ids) {
      assertThat(api.product(id).path("versions").size())
          .as("a preview stores nothing")
          .isEqualTo(1);
    }

    browser.find("#plan-execute-button").click();
    new WebDriverWait(browser.driver(), MIGRATION_TIMEOUT, Duration.ofMillis(200))
        .ignoring(StaleElementReferenceException.class)
        .until((WebDriver d) -> "FINISHED".equals(d.findElement(By.id("plan-state")).getText()));
    assertThat(browser.find("#plan-counts").getText())
        .contains("2 of 2 products done")
        .contains("2 migrated")
        .contains("0 failed");
    WebElement progress = browser.find("#plan-progress-bar");
    assertThat(progress.getDomProperty("value"))
        .isEqualTo(progress.getDomProperty("max"))
        .isEqualTo("2");
    assertThat(browser.find("#plan-rates").getText()).contains("→").contains("% of the original");
    assertThat(browser.find("#plan-list tr[data-plan-id='" + planId + "']").getText())
        .contains("FINISHED")
        .contains("2 migrated");
    assertThat(browser.find("#plan-failed-block").isDisplayed()).isFalse();
    List<WebElement> migrated =
        browser.await(
            d -> {
              List<WebElement> rows =
                  d.findElements(By.cssSelector("#plan-migrated tbody tr[data-product-id]"));
              return rows.size() == 2 ? rows : null;
            });
    for (WebElement m : migrated) {
      String id = m.getAttribute("data-product-id");
      assertThat(ids).contains(id);
      assertThat(m.findElement(By.cssSelector("a.new-version")).getDomAttribute("href"))
          .isEqualTo("product.html?id=" + id + "&version=2");
      assertThat(m.getText()).contains("v1").contains("v2");
    }

    // the archive holds both versions of each product
    for (String id : ids) {
      JsonNode product = api.product(id);
      assertThat(product.path("versions").size()).as("versions of %s", id).isEqualTo(2);
      assertThat(product.path("headVersion").asInt()).isEqualTo(2);
    }
    // and the risk overview, refreshed when the plan finished, no longer lists them
    browser.await(
        d ->
            ids.stream()
                .allMatch(
                    id ->
                        d.findElements(By.cssSelector("#at-risk tr[data-product-id='" + id + "']"))
                            .isEmpty()));
  }

  // ---------------------------------------------------------------------------------- helpers

  private static void awaitLoaded(Browser browser) {
    browser.await(
        d ->
            "false".equals(d.findElement(By.id("main")).getAttribute("aria-busy"))
                && !d.findElements(By.cssSelector("#formats tbody tr[data-format-id]")).isEmpty());
  }

  private static WebElement registryRow(Browser browser, String formatId) {
    return browser.find("#formats tbody tr[data-format-id='" + formatId + "']");
  }

  private static byte[] json(Object document) {
    try {
      return ArchiveClient.JSON.writeValueAsBytes(document);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
