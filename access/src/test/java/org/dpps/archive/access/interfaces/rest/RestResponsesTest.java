package org.dpps.archive.access.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpps.archive.access.application.Catalogue;
import org.dpps.archive.access.application.Retrieval;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.junit.jupiter.api.Test;

/**
 * The REST records carry every field of the domain and application records they answer with: same
 * names, same Java types, same values, so the JSON of the API is what it was when the resources
 * returned the domain types. Every field of the objects built here has a value distinct from the
 * others of its type, so a dropped or swapped field fails.
 */
class RestResponsesTest {
  /** Record components by name, nulls left out: how JSON-B writes these records too. */
  private static final ObjectMapper JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  // ------------------------------------------------------------------------------------ search

  private static SearchResult.Hit crab() {
    return new SearchResult.Hit(
        "3f2a6c1e-8d4b-4e5f-9a7c-1b2d3e4f5a01",
        2,
        "DL3 event list of Crab Nebula",
        List.of("DL3"),
        "Crab Nebula",
        5101001L,
        83.6331,
        22.0145,
        "2021-11-20T22:00:00Z",
        "2021-11-20T22:20:00Z",
        "LST-1",
        "application/fits",
        23040L,
        1,
        "2026-12-03T09:42:06.628885Z",
        "/api/v1/products/3f2a6c1e-8d4b-4e5f-9a7c-1b2d3e4f5a01",
        null);
  }

  private static SearchResult.Hit simulation() {
    return new SearchResult.Hit(
        "9b2f5c1e-3d4a-4f6b-8c7d-0e1f2a3b4c5d",
        1,
        "ctapipe Data Product",
        List.of("DL1_IMAGES", "DL1_PARAMETERS"),
        null,
        4242L,
        83.6331,
        null,
        null,
        null,
        null,
        "application/x-hdf5",
        11600L,
        3,
        "2026-12-03T09:42:01.806625Z",
        "/api/v1/products/9b2f5c1e-3d4a-4f6b-8c7d-0e1f2a3b4c5d",
        "2027-12-03T09:42:01.806625Z");
  }

  private static SearchResult.Hit grb() {
    return new SearchResult.Hit(
        "a4b5c6d7-e8f9-4a0b-8c1d-2e3f4a5b6c03",
        4,
        "DL3 event list of GRB 221009A",
        List.of(),
        "GRB 221009A",
        7303003L,
        288.2646,
        19.7733,
        "2022-10-10T20:15:00Z",
        "2022-10-10T20:35:00Z",
        "MST",
        "text/plain",
        2205L,
        7,
        "2026-12-03T09:42:04.222881Z",
        "/api/v1/products/a4b5c6d7-e8f9-4a0b-8c1d-2e3f4a5b6c03",
        "2999-01-01T00:00:00Z");
  }

  private static SearchResult searchResult() {
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    facets.put("level", ordered("DL3", 3L, "DL1_IMAGES", 1L, "DL4", 5L));
    facets.put("target", ordered("crab nebula", 2L, "grb 221009a", 9L));
    facets.put("instrument", ordered("LST-1", 4L, "MST", 6L));
    facets.put("site", ordered());
    facets.put("year", ordered("2022", 11L, "2020", 12L, "2021", 13L));
    return new SearchResult(42L, 3, 17, List.of(crab(), simulation(), grb()), facets);
  }

  private static Map<String, Long> ordered(Object... keysAndCounts) {
    Map<String, Long> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndCounts.length; i += 2) {
      map.put((String) keysAndCounts[i], (Long) keysAndCounts[i + 1]);
    }
    return map;
  }

  @Test
  void aSearchAnswerCarriesTheTotalThePageEveryHitAndEveryFacet() {
    SearchResult result = searchResult();

    SearchResponse response = SearchResponse.of(result);

    assertThat(response.total()).isEqualTo(42L);
    assertThat(response.page()).isEqualTo(3);
    assertThat(response.size()).isEqualTo(17);
    assertThat(response.hits()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertHit(response.hits().get(i), result.hits().get(i));
    }
    assertThat(response.facets()).isEqualTo(result.facets());
    assertThat(response.facets().keySet())
        .containsExactly("level", "target", "instrument", "site", "year");
    assertThat(response.facets().get("level"))
        .containsExactly(Map.entry("DL3", 3L), Map.entry("DL1_IMAGES", 1L), Map.entry("DL4", 5L));
    assertThat(response.facets().get("target"))
        .containsExactly(Map.entry("crab nebula", 2L), Map.entry("grb 221009a", 9L));
    assertThat(response.facets().get("instrument"))
        .containsExactly(Map.entry("LST-1", 4L), Map.entry("MST", 6L));
    assertThat(response.facets().get("site")).isEmpty();
    assertThat(response.facets().get("year"))
        .containsExactly(Map.entry("2022", 11L), Map.entry("2020", 12L), Map.entry("2021", 13L));
    assertSameFields(result, response);
    assertSameJson(result, response);
  }

  private static void assertHit(SearchResponse.Hit actual, SearchResult.Hit expected) {
    assertThat(actual.productId()).isEqualTo(expected.productId());
    assertThat(actual.version()).isEqualTo(expected.version());
    assertThat(actual.description()).isEqualTo(expected.description());
    assertThat(actual.dataLevels()).containsExactlyElementsOf(expected.dataLevels());
    assertThat(actual.target()).isEqualTo(expected.target());
    assertThat(actual.obsId()).isEqualTo(expected.obsId());
    assertThat(actual.ra()).isEqualTo(expected.ra());
    assertThat(actual.dec()).isEqualTo(expected.dec());
    assertThat(actual.timeStart()).isEqualTo(expected.timeStart());
    assertThat(actual.timeStop()).isEqualTo(expected.timeStop());
    assertThat(actual.instrument()).isEqualTo(expected.instrument());
    assertThat(actual.format()).isEqualTo(expected.format());
    assertThat(actual.sizeBytes()).isEqualTo(expected.sizeBytes());
    assertThat(actual.fileCount()).isEqualTo(expected.fileCount());
    assertThat(actual.depositedAt()).isEqualTo(expected.depositedAt());
    assertThat(actual.href()).isEqualTo(expected.href());
    assertThat(actual.embargoedUntil()).isEqualTo(expected.embargoedUntil());
  }

  @Test
  void hitsKeepTheirValuesOneByOne() {
    SearchResponse.Hit hit = SearchResponse.Hit.of(simulation());

    assertThat(hit.productId()).isEqualTo("9b2f5c1e-3d4a-4f6b-8c7d-0e1f2a3b4c5d");
    assertThat(hit.version()).isEqualTo(1);
    assertThat(hit.description()).isEqualTo("ctapipe Data Product");
    assertThat(hit.dataLevels()).containsExactly("DL1_IMAGES", "DL1_PARAMETERS");
    assertThat(hit.target()).isNull();
    assertThat(hit.obsId()).isEqualTo(4242L);
    assertThat(hit.ra()).isEqualTo(83.6331);
    assertThat(hit.dec()).isNull();
    assertThat(hit.timeStart()).isNull();
    assertThat(hit.timeStop()).isNull();
    assertThat(hit.instrument()).isNull();
    assertThat(hit.format()).isEqualTo("application/x-hdf5");
    assertThat(hit.sizeBytes()).isEqualTo(11600L);
    assertThat(hit.fileCount()).isEqualTo(3);
    assertThat(hit.depositedAt()).isEqualTo("2026-12-03T09:42:01.806625Z");
    assertThat(hit.href()).isEqualTo("/api/v1/products/9b2f5c1e-3d4a-4f6b-8c7d-0e1f2a3b4c5d");
    assertThat(hit.embargoedUntil()).isEqualTo("2027-12-03T09:42:01.806625Z");
  }

  @Test
  void anEmptySearchAnswerStaysEmpty() {
    SearchResult empty = new SearchResult(0L, 1, 20, List.of(), Map.of());

    SearchResponse response = SearchResponse.of(empty);

    assertThat(response).isEqualTo(new SearchResponse(0L, 1, 20, List.of(), Map.of()));
    assertSameFields(empty, response);
    assertSameJson(empty, response);
  }

  // ----------------------------------------------------------------------------------- catalogue

  @Test
  void catalogueCountsCarryEveryCount() {
    Catalogue.Counts counts = new Catalogue.Counts(8L, 9L, 7L, 3L);

    CatalogueCountsResponse response = CatalogueCountsResponse.of(counts);

    assertThat(response.products()).isEqualTo(8L);
    assertThat(response.files()).isEqualTo(9L);
    assertThat(response.graphs()).isEqualTo(7L);
    assertThat(response.indexed()).isEqualTo(3L);
    assertSameFields(counts, response);
    assertSameJson(counts, response);
  }

  @Test
  void aRebuildCarriesBothCountsTheStoredObjectsAndTheVerdicts() {
    Catalogue.Rebuild rebuild =
        new Catalogue.Rebuild(
            new Catalogue.Counts(8L, 9L, 7L, 0L),
            new Catalogue.Counts(11L, 13L, 12L, 10L),
            14L,
            true,
            false);

    RebuildResponse response = RebuildResponse.of(rebuild);

    assertThat(response.before()).isEqualTo(new CatalogueCountsResponse(8L, 9L, 7L, 0L));
    assertThat(response.after()).isEqualTo(new CatalogueCountsResponse(11L, 13L, 12L, 10L));
    assertThat(response.storedObjects()).isEqualTo(14L);
    assertThat(response.matches()).isTrue();
    assertThat(response.unchanged()).isFalse();
    RebuildResponse flipped =
        RebuildResponse.of(
            new Catalogue.Rebuild(rebuild.before(), rebuild.after(), 14L, false, true));
    assertThat(flipped.matches()).isFalse();
    assertThat(flipped.unchanged()).isTrue();
    assertSameFields(rebuild, response);
    assertSameJson(rebuild, response);
  }

  // ------------------------------------------------------------------------------------ products

  private static DescriptiveRecord fullRecord() {
    return new DescriptiveRecord(
        DescriptiveRecord.FORMAT,
        "3f2a6c1e-8d4b-4e5f-9a7c-1b2d3e4f5a01",
        2,
        "37a42ddc-2ae6-43a4-ac9b-0aa63ec026f8",
        "2026-12-03T09:41:54.419738203Z",
        "DL3 event list of Crab Nebula",
        List.of("DL3", "DL4"),
        "A",
        "Observation",
        "ctapipe-create-dl3",
        "e1d2c3b4-a5f6-4708-9a1b-2c3d4e5f6a7b",
        "ctapipe",
        "0.23.2",
        "CTAO-North",
        5101001L,
        "Crab Nebula",
        83.6331,
        22.0145,
        "2021-11-20T22:00:00Z",
        "2021-11-20T22:20:00Z",
        1200.0,
        1140.0,
        "CTAO",
        "LST-1",
        List.of("EVENTS", "GTI", "AEFF_2D"),
        "lstchain",
        "0.10.7",
        List.of("crab", "reference source"),
        "2022-11-20T22:20:00Z",
        "ctao",
        List.of(
            new DescriptiveRecord.FileEntry(
                "dl3/obs_005101001.fits",
                23040L,
                "application/fits",
                "Flexible Image Transport System",
                "x-fmt/383",
                "f7547edf7d4d3a17",
                "b56872259ca1e36e",
                "f3b09c7d"),
            new DescriptiveRecord.FileEntry(
                "notes.txt", 18L, "text/plain", "Plain Text File", "x-fmt/111", "aa", "bb", "cc")),
        Map.of("OBS_ID", "5101001", "TELESCOP", "CTAO", "RA_PNT", "83.6331"));
  }

  @Test
  void productMetadataCarriesEveryFieldOfTheDescriptiveRecord() {
    DescriptiveRecord r = fullRecord();

    ProductMetadataView m = ProductMetadataView.of(r);

    assertThat(m.format()).isEqualTo("dpps-archive/descriptive/1");
    assertThat(m.productId()).isEqualTo("3f2a6c1e-8d4b-4e5f-9a7c-1b2d3e4f5a01");
    assertThat(m.version()).isEqualTo(2);
    assertThat(m.depositId()).isEqualTo("37a42ddc-2ae6-43a4-ac9b-0aa63ec026f8");
    assertThat(m.depositedAt()).isEqualTo("2026-12-03T09:41:54.419738203Z");
    assertThat(m.description()).isEqualTo("DL3 event list of Crab Nebula");
    assertThat(m.dataLevels()).containsExactly("DL3", "DL4");
    assertThat(m.dataCategory()).isEqualTo("A");
    assertThat(m.processType()).isEqualTo("Observation");
    assertThat(m.activityName()).isEqualTo("ctapipe-create-dl3");
    assertThat(m.activityId()).isEqualTo("e1d2c3b4-a5f6-4708-9a1b-2c3d4e5f6a7b");
    assertThat(m.softwareName()).isEqualTo("ctapipe");
    assertThat(m.softwareVersion()).isEqualTo("0.23.2");
    assertThat(m.instrumentSite()).isEqualTo("CTAO-North");
    assertThat(m.obsId()).isEqualTo(5101001L);
    assertThat(m.object()).isEqualTo("Crab Nebula");
    assertThat(m.raPnt()).isEqualTo(83.6331);
    assertThat(m.decPnt()).isEqualTo(22.0145);
    assertThat(m.timeStart()).isEqualTo("2021-11-20T22:00:00Z");
    assertThat(m.timeStop()).isEqualTo("2021-11-20T22:20:00Z");
    assertThat(m.ontime()).isEqualTo(1200.0);
    assertThat(m.livetime()).isEqualTo(1140.0);
    assertThat(m.telescope()).isEqualTo("CTAO");
    assertThat(m.instrument()).isEqualTo("LST-1");
    assertThat(m.hduClasses()).containsExactly("EVENTS", "GTI", "AEFF_2D");
    assertThat(m.pipeline()).isEqualTo("lstchain");
    assertThat(m.pipelineVersion()).isEqualTo("0.10.7");
    assertThat(m.keywords()).containsExactly("crab", "reference source");
    assertThat(m.embargoUntil()).isEqualTo("2022-11-20T22:20:00Z");
    assertThat(m.accessGroup()).isEqualTo("ctao");
    assertThat(m.files())
        .containsExactly(
            new ProductMetadataView.FileEntryView(
                "dl3/obs_005101001.fits",
                23040L,
                "application/fits",
                "Flexible Image Transport System",
                "x-fmt/383",
                "f7547edf7d4d3a17",
                "b56872259ca1e36e",
                "f3b09c7d"),
            new ProductMetadataView.FileEntryView(
                "notes.txt", 18L, "text/plain", "Plain Text File", "x-fmt/111", "aa", "bb", "cc"));
    assertThat(m.headers())
        .containsOnly(
            Map.entry("OBS_ID", "5101001"),
            Map.entry("TELESCOP", "CTAO"),
            Map.entry("RA_PNT", "83.6331"));
    assertSameFields(r, m);
    assertSameJson(r, m);
  }

  @Test
  void aSparseRecordLeavesTheSameFieldsOut() {
    DescriptiveRecord sparse =
        new DescriptiveRecord(
            DescriptiveRecord.FORMAT,
            "crab-map-notes-2021",
            1,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    ProductMetadataView m = ProductMetadataView.of(sparse);

    assertSameFields(sparse, m);
    assertSameJson(sparse, m);
    assertThat(JSON.valueToTree(m).has("obsId")).isFalse();
    assertThat(JSON.valueToTree(m).get("files").isEmpty()).isTrue();
  }

  @Test
  void versionsEventsAndAccessOfTheProductPageKeepEveryField() {
    Retrieval.VersionSummary version =
        new Retrieval.VersionSummary(2, "2026-12-03T09:42:06Z", "Ingest of deposit ee8bb5df");
    Retrieval.Event fromAip =
        new Retrieval.Event(
            "ing", "2026-12-03T09:41:53.447Z", "suc", "Deposit 37a42ddc", "aip", null);
    Retrieval.Event fromLog =
        new Retrieval.Event(
            "rep",
            "2026-12-03T09:41:57.843279Z",
            "fail",
            "replicated {from=r1}",
            "event-log",
            "r2");
    Retrieval.Access embargoed = new Retrieval.Access("2999-01-01T00:00:00Z", "ctao", false);
    Retrieval.Access released = new Retrieval.Access(null, "lst", true);

    ProductResource.VersionView v = ProductResource.VersionView.of(version);
    ProductResource.EventView a = ProductResource.EventView.of(fromAip);
    ProductResource.EventView l = ProductResource.EventView.of(fromLog);
    ProductResource.AccessView e = ProductResource.AccessView.of(embargoed);
    ProductResource.AccessView r = ProductResource.AccessView.of(released);

    assertThat(v.version()).isEqualTo(2);
    assertThat(v.created()).isEqualTo("2026-12-03T09:42:06Z");
    assertThat(v.message()).isEqualTo("Ingest of deposit ee8bb5df");
    assertThat(a.type()).isEqualTo("ing");
    assertThat(a.time()).isEqualTo("2026-12-03T09:41:53.447Z");
    assertThat(a.outcome()).isEqualTo("suc");
    assertThat(a.note()).isEqualTo("Deposit 37a42ddc");
    assertThat(a.source()).isEqualTo("aip");
    assertThat(a.replica()).isNull();
    assertThat(l.type()).isEqualTo("rep");
    assertThat(l.time()).isEqualTo("2026-12-03T09:41:57.843279Z");
    assertThat(l.outcome()).isEqualTo("fail");
    assertThat(l.note()).isEqualTo("replicated {from=r1}");
    assertThat(l.source()).isEqualTo("event-log");
    assertThat(l.replica()).isEqualTo("r2");
    assertThat(e.embargoedUntil()).isEqualTo("2999-01-01T00:00:00Z");
    assertThat(e.accessGroup()).isEqualTo("ctao");
    assertThat(e.downloadable()).isFalse();
    assertThat(r.embargoedUntil()).isNull();
    assertThat(r.accessGroup()).isEqualTo("lst");
    assertThat(r.downloadable()).isTrue();
    for (Object[] pair :
        List.of(
            new Object[] {version, v},
            new Object[] {fromAip, a},
            new Object[] {fromLog, l},
            new Object[] {embargoed, e},
            new Object[] {released, r})) {
      assertSameFields((Record) pair[0], (Record) pair[1]);
      assertSameJson(pair[0], pair[1]);
    }
  }

  // ------------------------------------------------------------------------------------- helpers

  /**
   * The REST record has exactly the components of the domain record, in the same order, with the
   * same names and Java types (a nested domain record becomes a REST record checked the same way)
   * and equal values.
   */
  private static void assertSameFields(Record domain, Record rest) {
    RecordComponent[] from = domain.getClass().getRecordComponents();
    RecordComponent[] to = rest.getClass().getRecordComponents();
    assertThat(names(to))
        .as("components of %s", rest.getClass().getSimpleName())
        .containsExactlyElementsOf(names(from));
    for (int i = 0; i < from.length; i++) {
      Object expected = value(from[i], domain);
      Object actual = value(to[i], rest);
      String at = rest.getClass().getSimpleName() + "." + to[i].getName();
      if (from[i].getType().isRecord()) {
        assertThat(to[i].getType().isRecord()).as(at).isTrue();
        assertThat(to[i].getType().getPackageName()).as(at).endsWith(".interfaces.rest");
        if (expected == null) {
          assertThat(actual).as(at).isNull();
        } else {
          assertSameFields((Record) expected, (Record) actual);
        }
      } else if (recordElements(from[i]) != null) {
        Class<?> element = recordElements(to[i]);
        assertThat(element).as(at + " holds records").isNotNull();
        assertThat(element.getPackageName()).as(at).endsWith(".interfaces.rest");
        List<?> list = (List<?>) expected;
        assertThat((List<?>) actual).as(at).hasSameSizeAs(list);
        for (int j = 0; j < list.size(); j++) {
          assertSameFields((Record) list.get(j), (Record) ((List<?>) actual).get(j));
        }
      } else {
        assertThat(to[i].getGenericType()).as(at).isEqualTo(from[i].getGenericType());
        assertThat(actual).as(at).isEqualTo(expected);
      }
    }
  }

  /** The element type of a {@code List<SomeRecord>} component, else null. */
  private static Class<?> recordElements(RecordComponent component) {
    if (component.getType() == List.class
        && component.getGenericType() instanceof ParameterizedType list
        && list.getActualTypeArguments()[0] instanceof Class<?> element
        && element.isRecord()) {
      return element;
    }
    return null;
  }

  private static List<String> names(RecordComponent[] components) {
    List<String> names = new ArrayList<>();
    for (RecordComponent c : components) {
      names.add(c.getName());
    }
    return names;
  }

  private static Object value(RecordComponent component, Record of) {
    try {
      return component.getAccessor().invoke(of);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Written by component name with nulls left out, both give the same JSON. */
  private static void assertSameJson(Object domain, Object rest) {
    JsonNode expected = JSON.valueToTree(domain);
    JsonNode actual = JSON.valueToTree(rest);
    assertThat(actual).isEqualTo(expected);
  }
}
