package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveExtension;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.Browser;
import org.dpps.archive.tests.support.Dl3Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The search portal in a real headless Chromium against the running archive: five DL3 observations
 * of this class's own targets (PKS 2155-304, Crab Nebula, and Vela under a one-year embargo, each
 * name tagged with the run) plus a reprocessed PKS observation whose ctapipe provenance log names
 * one of them as its input. Each test opens its own page: search by text from the keyboard, facets,
 * the cone and the time filters, the plots, sorting and paging, the product page with digests and a
 * download compared byte for byte, the lineage, errors as alerts, and signing in with a bearer
 * token to download an embargoed file.
 */
@ExtendWith(ArchiveExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserIT {
  private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 20);
  private final String pks = "PKS 2155-304 " + run;
  private final String crab = "Crab Nebula " + run;
  private final String vela = "Vela " + run;

  private final Dl3Files pks1 =
      observation(pks, "first night", 329.7169, -30.2256, "2024-07-10T21:00:00Z");
  private final Dl3Files pks2 =
      observation(pks, "second night", 329.9, -30.5, "2024-07-11T21:30:00Z")
          .dataLevels("DL3,DL3_IRF");
  private final Dl3Files crab1 =
      observation(crab, "November", 83.6331, 22.0145, "2024-11-20T22:00:00Z");
  private final Dl3Files crab2 = observation(crab, "January", 83.7, 22.1, "2025-01-15T01:00:00Z");

  /** Observed twenty days ago: under the default one-year proprietary period. */
  private final Dl3Files velaObs =
      observation(
          vela,
          "recent",
          128.84,
          -45.18,
          Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS).toString());

  /** Made from {@link #pks1} by ctapipe-process (see its provenance log). */
  private final Dl3Files derived =
      observation(pks, "reprocessed", 329.8, -30.3, "2024-07-12T21:00:00Z");

  private final Map<String, byte[]> bytes = new LinkedHashMap<>();
  private final Map<String, String> paths = new LinkedHashMap<>();

  private ArchiveClient api;
  private ArchiveServer server;
  private Browser browser;

  /** The browser a failure is recorded from: the shared one, or a test's own. */
  private Browser current;

  @RegisterExtension
  final TestExecutionExceptionHandler evidence =
      Browser.evidenceOnFailure(() -> Optional.ofNullable(current));

  /** An observation whose description holds its target (and so the run tag, for q=run). */
  private static Dl3Files observation(
      String target, String what, double ra, double dec, String start) {
    return Dl3Files.observation()
        .object(target)
        .description("Portal test " + target + ", " + what)
        .instrument(target.startsWith("PKS") ? "SST" : "LST-1")
        .pointing(ra, dec)
        .start(Instant.parse(start));
  }

  @BeforeAll
  void depositObservations(ArchiveClient api, ArchiveServer server) throws IOException {
    Browser.assumeInstalled();
    this.api = api;
    this.server = server;
    Bags bag = Bags.aBag().inDirectory("portal-" + run);
    add(bag, pks1, "pks/pks1-" + run + ".fits");
    add(bag, pks2, "pks/pks2-" + run + ".fits");
    add(bag, crab1, "crab/crab1-" + run + ".fits");
    add(bag, crab2, "crab/crab2-" + run + ".fits");
    add(bag, velaObs, "vela/vela-" + run + ".fits");
    api.depositArchived(bag.zip(), "application/zip");

    // reprocessed afterwards: its ctapipe provenance log names the first PKS night as its input
    String log =
        """
        [{"activity_name": "ctapipe-process", "activity_uuid": "%s", "status": "completed",
          "start": {"time_utc": "2024-07-13T08:00:00.000"},
          "stop": {"time_utc": "2024-07-13T08:20:00.000"},
          "system": {"ctapipe_version": "0.23.2"},
          "input": [{"url": "/data/dl3/pks1-%s.fits", "role": "DataWriter.input",
                     "reference_meta": {"CTA PRODUCT ID": "%s"}}],
          "output": [{"url": "/data/dl3/derived-%s.fits", "role": "DataWriter.output"}],
          "config": {}, "exit_code": 0}]
        """
            .formatted(UUID.randomUUID(), run, pks1.productId(), run);
    Bags lineage =
        Bags.aBag().withFile("data/process.provenance.log", log.getBytes(StandardCharsets.UTF_8));
    add(lineage, derived, "derived-" + run + ".fits");
    api.depositArchived(lineage.zip(), "application/zip");

    Path downloads = Files.createTempDirectory(server.runDir(), "downloads-");
    browser = Browser.open(server, downloads);
  }

  private void add(Bags bag, Dl3Files obs, String path) {
    byte[] fits = obs.fits();
    bag.withFile("data/" + path, fits);
    bytes.put(obs.productId(), fits);
    paths.put(obs.productId(), path);
  }

  @AfterEach
  void backToTheSharedBrowser() {
    if (current != null && current != browser) {
      current.close();
    }
    current = browser;
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  // -------------------------------------------------------------------------------- search page

  @Test
  void keyboardUserTabsToTheSearchBoxAndSubmitsWithEnter() {
    current = browser;
    browser.go("/");
    awaitResultsSettled();
    Actions keys = new Actions(browser.driver());
    for (int i = 0; i < 12 && !"q".equals(activeId()); i++) {
      keys.sendKeys(Keys.TAB).perform();
    }
    assertThat(activeId()).as("Tab reaches the search box").isEqualTo("q");
    assertThat(browser.script("return getComputedStyle(document.activeElement).outlineStyle"))
        .as("the focused search box shows its focus")
        .isNotEqualTo("none");
    keys.sendKeys("crab " + run).sendKeys(Keys.ENTER).perform();

    assertThat(awaitHits(2)).containsExactlyInAnyOrder(crab1.productId(), crab2.productId());
    assertThat(browser.find("#result-count").getText()).isEqualTo("2 products match");
    assertThat(browser.pathAndQuery()).contains("q=crab+" + run);
    WebElement hit = hit(crab1);
    assertThat(hit.findElement(By.cssSelector(".hit-target")).getText()).isEqualTo(crab);
    assertThat(hit.getText())
        .contains("obs " + crab1.obsId())
        .contains("2024-11-20 22:00 – 22:30 UTC")
        .contains("LST-1")
        .contains("DL3")
        .contains(crab1.productId());
    assertThat(hit.findElement(By.cssSelector("[data-fact=size]")).getText())
        .isEqualTo(
            String.format(
                java.util.Locale.ROOT, "%.1f KiB", bytes.get(crab1.productId()).length / 1024.0));
    assertThat(hit.findElements(By.cssSelector(".badge.embargo"))).isEmpty();
  }

  @Test
  void facetsNarrowTheResultsAndTheBackButtonRestoresThem() {
    current = browser;
    browser.go("/?q=" + run);
    assertThat(awaitHits(6)).hasSize(6);
    assertThat(facetCount("level", "DL3")).isEqualTo("6");
    assertThat(facetCount("level", "DL3_IRF")).isEqualTo("1");
    assertThat(facetCount("target", pks.toLowerCase())).isEqualTo("3");
    assertThat(facetCount("year", "2024")).isEqualTo("4");
    assertThat(facetCount("instrument", "SST")).isEqualTo("3");
    assertThat(browser.findAll("[data-facet=site] .facet-value")).isNotEmpty();

    facet("level", "DL3_IRF").click();
    assertThat(awaitHits(1)).containsExactly(pks2.productId());
    assertThat(browser.find("#result-count").getText()).isEqualTo("1 product matches");
    assertThat(facet("level", "DL3_IRF").getAttribute("aria-pressed")).isEqualTo("true");
    assertThat(facetCount("level", "DL3")).as("counts follow the filter").isEqualTo("1");
    assertThat(browser.pathAndQuery()).contains("level=DL3_IRF");

    browser.driver().navigate().back();
    assertThat(awaitHits(6)).hasSize(6);
    assertThat(browser.pathAndQuery()).doesNotContain("level=");
    assertThat(facet("level", "DL3_IRF").getAttribute("aria-pressed")).isEqualTo("false");

    facet("target", crab.toLowerCase()).click();
    assertThat(awaitHits(2)).containsExactlyInAnyOrder(crab1.productId(), crab2.productId());
    facet("year", "2025").click();
    assertThat(awaitHits(1)).containsExactly(crab2.productId());
    assertThat(browser.pathAndQuery()).contains("year=2025").contains("target=crab+nebula+" + run);
    assertThat(facet("year", "2025").getAttribute("aria-pressed")).isEqualTo("true");
    assertThat(browser.findAll("#active-filters .chip"))
        .extracting(WebElement::getText)
        .contains("Year: 2025 ×");

    // the URL is the query: opening it afresh gives the same result
    String link = browser.pathAndQuery();
    browser.go("/");
    awaitResultsSettled();
    browser.go(link);
    assertThat(awaitHits(1)).containsExactly(crab2.productId());
  }

  @Test
  void coneAndTimeFiltersSelectTheObservationsAroundAPositionAndInAWindow() {
    current = browser;
    browser.go("/?q=" + run);
    awaitHits(6);
    browser.find("#ra").sendKeys("329.8");
    browser.find("#dec").sendKeys("-30.3");
    browser.find("#radius").sendKeys("1");
    browser.find("#apply-filters").click();
    assertThat(awaitHits(3))
        .containsExactlyInAnyOrder(pks1.productId(), pks2.productId(), derived.productId());
    assertThat(browser.pathAndQuery()).contains("ra=329.8").contains("dec=-30.3");
    assertThat(browser.findAll("#sky-plot .cone")).as("the cone is drawn").hasSize(1);

    // "open in TOPCAT": the ADQL of this search, with the free text named as left out
    browser.find("#adql summary").click();
    String adql = browser.find("#adql-query").getText();
    assertThat(adql)
        .startsWith("SELECT o.obs_id")
        .contains("FROM ivoa.obscore AS o")
        .contains(
            "1 = CONTAINS(POINT('ICRS', o.s_ra, o.s_dec), CIRCLE('ICRS', 329.8, -30.3, 1.0))");
    assertThat(browser.find("#adql-note").getText()).contains("free text").contains(run);
    assertThat(browser.find("#adql-tap").getText()).isEqualTo(server.uri("/tap").toString());
    // the query runs as it stands, and finds the observations of the cone
    String csv =
        api.anonymous()
            .get(
                "/tap/sync?LANG=ADQL&RESPONSEFORMAT=csv&QUERY="
                    + java.net.URLEncoder.encode(adql, StandardCharsets.UTF_8))
            .text();
    assertThat(csv.lines().skip(1).map(l -> l.split(",")[0]))
        .contains(Long.toString(pks1.obsId()), Long.toString(pks2.obsId()));

    setDate("#from", "2024-07-11");
    setDate("#to", "2024-07-11");
    browser.find("#apply-filters").click();
    assertThat(awaitHits(1))
        .as("only the second night overlaps 11 July (the 'to' day is inclusive)")
        .containsExactly(pks2.productId());
  }

  @Test
  void skyAndTimePlotsDrawOneFocusableMarkAPerHit() {
    current = browser;
    browser.go("/?q=" + run);
    Set<String> hits = Set.copyOf(awaitHits(6));
    List<WebElement> markers = browser.findAll("#sky-plot a.sky-marker");
    List<WebElement> bars = browser.findAll("#time-plot a.time-bar");
    assertThat(markers).hasSize(6);
    assertThat(bars).hasSize(6);
    assertThat(markers.stream().map(m -> m.getAttribute("data-product-id")))
        .containsExactlyInAnyOrderElementsOf(hits);
    assertThat(bars.stream().map(m -> m.getAttribute("data-product-id")))
        .containsExactlyInAnyOrderElementsOf(hits);

    WebElement crabMarker = marker(crab1);
    assertThat(crabMarker.findElement(By.tagName("title")).getAttribute("textContent"))
        .contains(crab)
        .contains("obs " + crab1.obsId());
    assertThat(crabMarker.getDomAttribute("href"))
        .isEqualTo("product.html?id=" + crab1.productId());
    // RA grows to the left of the centre (0h): the Crab (5.6h) left, PKS 2155 (22h) right
    double centre = 352;
    assertThat(cx(crab1)).isLessThan(centre);
    assertThat(cx(velaObs)).isLessThan(cx(crab1));
    assertThat(cx(pks1)).isGreaterThan(centre);
    assertThat(cy(velaObs)).as("south is down").isGreaterThan(cy(crab1));

    // bars follow the time axis: the first PKS night left of the November Crab
    double pksX =
        Double.parseDouble(bar(pks1).findElement(By.tagName("rect")).getDomAttribute("x"));
    double crabX =
        Double.parseDouble(bar(crab1).findElement(By.tagName("rect")).getDomAttribute("x"));
    assertThat(pksX).isLessThan(crabX);
    assertThat(browser.find("#sky-caption").getText()).contains("6 observations on this page");
  }

  @Test
  void sortingAndPagingKeepTheirParametersInTheUrl() {
    current = browser;
    browser.go("/?q=" + run);
    awaitHits(6);
    new Select(browser.find("#sort")).selectByValue("time");
    awaitUrl("sort=time");
    new Select(browser.find("#size")).selectByValue("10");
    awaitUrl("size=10");
    assertThat(awaitHits(6))
        .as("oldest first")
        .containsExactly(
            pks1.productId(),
            pks2.productId(),
            derived.productId(),
            crab1.productId(),
            crab2.productId(),
            velaObs.productId());

    browser.go("/?q=" + run + "&sort=-time&size=2");
    assertThat(awaitHits(2)).containsExactly(velaObs.productId(), crab2.productId());
    assertThat(browser.find("#page-status").getText()).isEqualTo("Page 1 of 3");
    browser.find("#next-page").click();
    awaitUrl("page=2");
    assertThat(awaitHits(2)).containsExactly(crab1.productId(), derived.productId());
    assertThat(browser.find("#result-count").getText()).isEqualTo("6 products match · showing 3–4");
    assertThat(browser.find("#bundle-link").getAttribute("href"))
        .as("the DL3 bundle is the whole selection, not one page")
        .endsWith("/api/v1/bundles/dl3?q=" + run + "&sort=-time");
  }

  @Test
  void apiProblemsAreShownInTheAlertRegion() {
    current = browser;
    browser.go("/?q=" + run + "&ra=10&dec=100&radius=1");
    WebElement alert = browser.awaitElement("#alerts .alert");
    assertThat(browser.find("#alerts").getAttribute("role")).isEqualTo("alert");
    assertThat(alert.getAttribute("data-code")).isEqualTo("ACCESS-004");
    assertThat(alert.getText()).contains("ACCESS-004").contains("HTTP 400").contains("dec");
    assertThat(browser.find("#result-count").getText()).isEqualTo("The search failed");

    browser.go("/product.html?id=" + UUID.randomUUID());
    assertThat(browser.awaitElement("#alerts .alert[data-code]").getAttribute("data-code"))
        .isEqualTo("ACCESS-001");
  }

  // ------------------------------------------------------------------------------- product page

  @Test
  void productPageListsFilesWithDigestsAndItsDownloadHasTheDepositedBytes() throws IOException {
    current = browser;
    browser.go("/?q=crab+" + run);
    awaitHits(2);
    hit(crab1).findElement(By.cssSelector("a.hit-target")).click();
    awaitProductPage(crab1);

    byte[] expected = bytes.get(crab1.productId());
    String path = paths.get(crab1.productId());
    WebElement row = browser.awaitElement("#files tbody tr");
    assertThat(browser.findAll("#files tbody tr")).hasSize(1);
    assertThat(row.getAttribute("data-path")).isEqualTo(path);
    assertThat(row.findElement(By.cssSelector(".sha256")).getText())
        .isEqualTo(Bags.sha256(expected));
    assertThat(row.findElement(By.cssSelector(".sha512")).getAttribute("textContent"))
        .isEqualTo(Bags.sha512(expected));
    assertThat(row.findElement(By.cssSelector("[data-size]")).getAttribute("data-size"))
        .isEqualTo(String.valueOf(expected.length));
    assertThat(browser.find("#metadata [data-field=obsId] td").getText())
        .isEqualTo(String.valueOf(crab1.obsId()));
    assertThat(browser.find("#metadata [data-field=object] td").getText()).isEqualTo(crab);
    assertThat(browser.find("#versions [aria-current=page]").getText()).isEqualTo("Version 1");
    assertThat(browser.find("#aip-link").getAttribute("href"))
        .endsWith("/api/v1/products/" + crab1.productId() + "/aip");
    assertThat(browser.find("#turtle-link").getAttribute("href"))
        .endsWith("/api/v1/products/" + crab1.productId() + "/provenance");
    assertThat(browser.find("#integrity-badge").getText()).startsWith("Integrity: ");
    List<String> events =
        browser.findAll("#events tbody tr").stream().map(r -> r.getAttribute("data-type")).toList();
    assertThat(events).contains("ing", "val", "mes");
    assertThat(browser.find("#events tbody tr[data-type=ing]").getText())
        .contains("Ingestion")
        .contains("success");

    row.findElement(By.cssSelector("a.file-link")).click();
    String name = path.substring(path.lastIndexOf('/') + 1);
    Path file = browser.awaitDownload(name, expected.length);
    assertThat(Bags.sha256(Files.readAllBytes(file))).isEqualTo(Bags.sha256(expected));
  }

  @Test
  void lineageShowsTheActivityWithItsSoftwareTheInputAndTheDownstreamProduct() throws IOException {
    current = browser;
    browser.go("/product.html?id=" + derived.productId());
    awaitProductPage(derived);
    WebElement activities = browser.awaitElement("ul#lineage-activities");
    List<String> activityTexts =
        activities.findElements(By.tagName("li")).stream().map(WebElement::getText).toList();
    assertThat(activityTexts)
        .as("the ctapipe run with its software version")
        .anySatisfy(t -> assertThat(t).contains("ctapipe-process").contains("0.23.2"));
    WebElement input =
        browser.find("#lineage-inputs a[href='product.html?id=" + pks1.productId() + "']");
    assertThat(input.isDisplayed()).isTrue();
    assertThat(browser.findAll(".lineage-graph svg .node.activity"))
        .extracting(WebElement::getText)
        .anySatisfy(t -> assertThat(t).contains("ctapipe-process"));
    assertThat(browser.findAll(".lineage-graph svg .node.focus")).hasSize(1);

    browser.find("#jsonld-button").click();
    Path jsonLd = browser.awaitDownload(derived.productId() + ".provenance.jsonld");
    assertThat(ArchiveClient.JSON.readTree(jsonLd.toFile()).toString())
        .as("the JSON-LD download is the product's provenance graph")
        .contains("urn:ctao:product:" + derived.productId())
        .contains("urn:ctao:product:" + pks1.productId());

    input.click();
    awaitProductPage(pks1);
    browser.awaitElement(
        "#lineage-downstream a[href='product.html?id=" + derived.productId() + "']");
    assertThat(browser.findAll("#lineage-inputs a[href*='" + derived.productId() + "']"))
        .as("the derived product is downstream, not an input")
        .isEmpty();
  }

  // -------------------------------------------------------------------------- embargo, sign-in

  @Test
  void anEmbargoedHitCarriesItsBadge() {
    current = browser;
    String until = api.product(velaObs.productId()).path("metadata").path("embargoUntil").asText();
    assertThat(Instant.parse(until)).isAfter(Instant.now());
    browser.go("/?q=vela+" + run);
    awaitHits(1);
    assertThat(hit(velaObs).findElement(By.cssSelector(".badge.embargo")).getText())
        .isEqualTo("Embargoed until " + until.substring(0, 10));
    assertThat(hit(velaObs).findElement(By.cssSelector(".hit-target")).getText()).isEqualTo(vela);
  }

  @Test
  void signingInWithABearerTokenUnlocksTheEmbargoedDownloadUntilSigningOut() throws IOException {
    String subject = "portal-" + run;
    String token = api.issueToken(subject, "scientist", "ctao");
    Browser own = Browser.open(server, browser.downloads().resolveSibling("own-" + run));
    current = own;
    own.go("/product.html?id=" + velaObs.productId());
    awaitProductPage(own, velaObs);
    assertThat(own.find("#product-badges .badge.embargo").getText()).startsWith("Embargoed until");
    assertThat(own.awaitElement("#whoami").getText()).isEqualTo("Anonymous");
    String href = own.find("#files a.file-link").getAttribute("href");
    assertThat(status(own, href)).as("anonymous download of an embargoed file").isIn(401, 403);

    own.find("details.sign-in summary").click();
    own.find("#token").sendKeys(token);
    own.find("#sign-in-form button[type=submit]").click();
    WebElement who = own.awaitElement("#whoami[data-subject='" + subject + "']");
    assertThat(who.getText()).startsWith("Signed in as " + subject);
    assertThat(own.script("return sessionStorage.getItem('dpps-archive.token')")).isEqualTo(token);

    own.find("#files a.file-link").click();
    String path = paths.get(velaObs.productId());
    Path file =
        own.awaitDownload(
            path.substring(path.lastIndexOf('/') + 1), bytes.get(velaObs.productId()).length);
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes.get(velaObs.productId()));

    own.find("#sign-out").click();
    own.await(d -> "Anonymous".equals(d.findElement(By.id("whoami")).getText()));
    assertThat(own.script("return sessionStorage.getItem('dpps-archive.token')")).isNull();
    assertThat(status(own, href)).as("the session cookie is gone").isIn(401, 403);
  }

  // ---------------------------------------------------------------------------------- helpers

  private String activeId() {
    return String.valueOf(
        browser.script("return document.activeElement && document.activeElement.id"));
  }

  private void awaitResultsSettled() {
    browser.await(
        d ->
            "false".equals(d.findElement(By.id("results-region")).getAttribute("aria-busy"))
                && !d.findElement(By.id("result-count")).getText().startsWith("Searching"));
  }

  /** Waits until the page shows {@code count} hits (and the count agrees); their ids in order. */
  private List<String> awaitHits(int count) {
    return browser.await(
        d -> {
          if (!"false".equals(d.findElement(By.id("results-region")).getAttribute("aria-busy"))) {
            return null;
          }
          List<String> ids =
              d.findElements(By.cssSelector("#results li.hit")).stream()
                  .map(e -> e.getAttribute("data-product-id"))
                  .toList();
          return ids.size() == count ? ids : null;
        });
  }

  private void awaitUrl(String part) {
    browser.await(d -> d.getCurrentUrl().contains(part));
  }

  private WebElement hit(Dl3Files obs) {
    return browser.find("#results li.hit[data-product-id='" + obs.productId() + "']");
  }

  private WebElement marker(Dl3Files obs) {
    return browser.find("#sky-plot a.sky-marker[data-product-id='" + obs.productId() + "']");
  }

  private WebElement bar(Dl3Files obs) {
    return browser.find("#time-plot a.time-bar[data-product-id='" + obs.productId() + "']");
  }

  private double cx(Dl3Files obs) {
    return Double.parseDouble(marker(obs).findElement(By.tagName("circle")).getDomAttribute("cx"));
  }

  private double cy(Dl3Files obs) {
    return Double.parseDouble(marker(obs).findElement(By.tagName("circle")).getDomAttribute("cy"));
  }

  private WebElement facet(String name, String value) {
    return browser.find(
        "#facets button.facet-value[data-facet='" + name + "'][data-value='" + value + "']");
  }

  private String facetCount(String name, String value) {
    return facet(name, value).findElement(By.cssSelector(".count")).getText();
  }

  private void setDate(String css, String isoDate) {
    // date inputs take keyboard input in the locale's order: set the value as a user agent would
    browser.script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))",
        browser.find(css),
        isoDate);
  }

  private void awaitProductPage(Dl3Files obs) {
    awaitProductPage(browser, obs);
  }

  private static void awaitProductPage(Browser b, Dl3Files obs) {
    b.await(
        d ->
            d.getCurrentUrl().contains("id=" + obs.productId())
                && "false".equals(d.findElement(By.id("main")).getAttribute("aria-busy")));
    assertThat(b.find("#product-id").getText()).contains(obs.productId());
    assertThat(b.find("#product-title").getText()).isEqualTo(obs.object());
  }

  /** The status of a same-origin GET from the page (with its cookies, without a token). */
  private static int status(Browser b, String href) {
    Object status =
        b.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'})"
                + ".then(r => done(r.status), e => done(-1));",
            href);
    return ((Number) status).intValue();
  }
}
