package org.dpps.archive.access.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.dpps.archive.access.fixtures.QueryBuilder.aQuery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.dpps.archive.access.domain.SearchQuery;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.access.infrastructure.fits.FitsGadfFiles;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.api.Storage;
import org.dpps.archive.storage.domain.AipVersion;
import org.junit.jupiter.api.Test;

/**
 * How a bundle walks the search (every page, in product id order, DL3 event lists only), refuses
 * too many matches, and answers a search that finds nothing. The search answers canned pages and
 * storage holds nothing; the full path (stored files, embargoes, gammapy) is {@code Dl3BundleIT}.
 */
class Dl3BundlesTest {
  static final Instant NOW = Instant.parse("2026-11-24T05:30:00Z");

  /** A search over {@code total} products {@code p0000...}, recording what it was asked. */
  static final class CannedSearch extends Searching {
    final int total;
    final List<SearchQuery> asked = new ArrayList<>();

    CannedSearch(int total) {
      this.total = total;
    }

    @Override
    public SearchResult search(SearchQuery query) {
      asked.add(query);
      int from = (query.page() - 1) * query.size();
      List<SearchResult.Hit> hits =
          IntStream.range(from, Math.min(total, from + query.size()))
              .mapToObj(i -> hit(String.format("p%04d", i)))
              .toList();
      return new SearchResult(total, query.page(), query.size(), hits, Map.of());
    }

    private static SearchResult.Hit hit(String id) {
      return new SearchResult.Hit(
          id,
          1,
          null,
          List.of("DL3"),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          0,
          1,
          null,
          null,
          null);
    }
  }

  /** Storage without any product (the bundles refused here never reach storage). */
  static final class EmptyStorage implements Storage {
    @Override
    public Optional<AipVersion> head(ProductId productId) {
      return Optional.empty();
    }

    @Override
    public Optional<AipVersion> version(ProductId productId, int version) {
      return Optional.empty();
    }

    @Override
    public java.util.stream.Stream<ProductId> productIds() {
      return java.util.stream.Stream.empty();
    }

    @Override
    public int commit(org.dpps.archive.storage.domain.AipCommit commit) {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public List<Integer> commitAll(List<org.dpps.archive.storage.domain.AipCommit> commits) {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void ensureReplicated(ProductId productId) {}

    @Override
    public org.dpps.archive.platform.signing.Sealer sealer() {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public List<String> replicaNames() {
      return List.of();
    }

    @Override
    public List<String> unavailableReplicas() {
      return List.of();
    }
  }

  private static Dl3Bundles bundles(CannedSearch search, int max) {
    return new Dl3Bundles(
        search,
        new EmptyStorage(),
        Clock.fixed(NOW, ZoneOffset.UTC),
        new AccessSettings(max),
        new FitsGadfFiles());
  }

  private static Dl3Bundles.Request request(Map<String, String> criteria) {
    return new Dl3Bundles.Request(
        aQuery().text("crab").sort("-time").build(), criteria, Caller.ANONYMOUS);
  }

  @Test
  void moreMatchesThanABundleHoldsAreRefusedWithAccess009() {
    CannedSearch search = new CannedSearch(3);

    ArchiveException e =
        catchThrowableOfType(
            () -> bundles(search, 2).prepare(request(Map.of("q", "crab"))), ArchiveException.class);

    assertThat(e).isNotNull();
    assertThat(e.code().id()).isEqualTo("ACCESS-009");
    assertThat(e.code().category().httpStatus()).isEqualTo(400);
    assertThat(e).hasMessageContaining("3 DL3 products").hasMessageContaining("at most 2");
    assertThat(e).hasMessageContaining("narrow the search");
  }

  @Test
  void everyPageOfTheSearchIsWalkedInProductIdOrderForEventListsOnly() {
    CannedSearch search = new CannedSearch(1200);

    Dl3Bundle bundle = bundles(search, 5000).prepare(request(Map.of("q", "crab")));

    assertThat(search.asked).extracting(SearchQuery::page).containsExactly(1, 2, 3);
    assertThat(search.asked).allSatisfy(q -> assertThat(q.size()).isEqualTo(SearchQuery.MAX_SIZE));
    assertThat(search.asked).allSatisfy(q -> assertThat(q.eventListsOnly()).isTrue());
    assertThat(search.asked)
        .allSatisfy(q -> assertThat(q.sort()).isEqualTo(SearchQuery.Sort.PRODUCT_ID));
    assertThat(search.asked).allSatisfy(q -> assertThat(q.text()).contains("crab"));
    assertThat(bundle.matched()).isEqualTo(1200);
    assertThat(bundle.members()).isEmpty();
    assertThat(bundle.skipped()).hasSize(1200);
    assertThat(bundle.skipped().get(1199))
        .isEqualTo(new Dl3Bundle.Skipped("p1199", "catalogued but not found in storage"));
  }

  @Test
  void aSearchThatFindsNothingIsAZipWithOnlyAReadmeThatSaysSo() throws IOException {
    Dl3Bundles bundles = bundles(new CannedSearch(0), 5000);
    Map<String, String> criteria = new java.util.LinkedHashMap<>();
    criteria.put("target", "Vela");
    criteria.put("year", "2024");
    Dl3Bundle bundle = bundles.prepare(request(criteria));

    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    bundles.write(bundle, zip);

    assertThat(bundle.fileName()).isEqualTo("dl3-bundle-20261124T053000Z.zip");
    assertThat(bundle.hduIndex()).isEmpty();
    assertThat(bundle.obsIndex()).isEmpty();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
      ZipEntry entry = in.getNextEntry();
      assertThat(entry.getName()).isEqualTo("dl3/README.txt");
      String readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(readme)
          .contains("Created:      2026-11-24T05:30:00Z")
          .contains("Requested by: anonymous")
          .contains("Search:       target=Vela year=2024")
          .contains("Matched:      0 products")
          .contains("Included:     0 products, 0 observations, 0 files, 0 bytes")
          .contains("No DL3 observation matched this search");
      assertThat(in.getNextEntry()).isNull();
    }
  }
}
