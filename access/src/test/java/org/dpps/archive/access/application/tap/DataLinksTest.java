package org.dpps.archive.access.application.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dpps.archive.access.fixtures.RecordBuilder.aRecord;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dpps.archive.access.domain.CatalogueRepository;
import org.dpps.archive.access.domain.LineageGraph;
import org.dpps.archive.access.domain.LineageQuery;
import org.dpps.archive.access.domain.LineageReader;
import org.dpps.archive.access.domain.tap.DataLink;
import org.dpps.archive.access.domain.tap.ObsCorePublication;
import org.dpps.archive.access.infrastructure.votable.StilResultWriter;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.platform.security.Role;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.ProductId;
import org.junit.jupiter.api.Test;

/**
 * The DataLink rows of products: files, IRFs, progenitors, AIP, provenance and bundle; embargo as
 * anonymous, group member and archivist see it; unknown and malformed IDs; parameter errors. The
 * catalogue and the lineage are canned; the VOTable is written by the real STIL writer.
 */
class DataLinksTest {
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  static final String BASE = "https://archive.example.org";
  static final ObsCorePublication PUBLICATION =
      new ObsCorePublication("ctao.dpps", BASE + "/", "CTAO", 10);
  static final Caller MEMBER = new Caller("ann", "issuer", Set.of("lst"));
  static final Caller OUTSIDER = new Caller("bob", "issuer", Set.of("magic"));
  static final Caller ARCHIVIST = new Caller("eve", "issuer", Set.of(Role.ARCHIVIST.claim()));

  final Map<String, DescriptiveRecord> records = new HashMap<>();
  final Map<String, List<String>> derivedFrom = new HashMap<>();

  DataLinks dataLinks() {
    CatalogueRepository catalogue =
        (CatalogueRepository)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {CatalogueRepository.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("record")) {
                    return Optional.ofNullable(records.get(((ProductId) args[0]).value()));
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    LineageReader lineage =
        new LineageReader() {
          @Override
          public LineageGraph document(LineageQuery query) {
            String id = query.product().value();
            assertThat(query.direction()).isEqualTo(LineageQuery.Direction.UPSTREAM);
            assertThat(query.depth()).isEqualTo(1);
            if (!derivedFrom.containsKey(id)) {
              throw new ArchiveException(ErrorCode.PRODUCT_NOT_FOUND, "not in the graph");
            }
            List<LineageGraph.Node> nodes = new java.util.ArrayList<>();
            nodes.add(product(id));
            nodes.add(
                new LineageGraph.Node(
                    "urn:activity",
                    LineageGraph.Kind.ACTIVITY,
                    "reconstruction",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
            derivedFrom.get(id).forEach(p -> nodes.add(product(p)));
            return new LineageGraph(query, nodes, List.of());
          }

          @Override
          public byte[] statements(LineageQuery query, String mediaType) {
            throw new UnsupportedOperationException();
          }
        };
    return new DataLinks(
        catalogue, lineage, new StilResultWriter(), PUBLICATION, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static LineageGraph.Node product(String id) {
    return new LineageGraph.Node(
        "urn:product:" + id,
        LineageGraph.Kind.PRODUCT,
        id,
        Optional.of(id),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static String did(String productId) {
    return "ivo://ctao.dpps/products?" + productId;
  }

  DescriptiveRecord dl3(String id) {
    DescriptiveRecord r =
        aRecord(id)
            .levels("DL3")
            .target("Crab Nebula")
            .obsId(4242)
            .observed("2025-03-01T21:00:00Z", "2025-03-01T21:20:00Z")
            .hduClasses("EVENTS", "GTI", "AEFF_2D", "EDISP_2D", "PSF_TABLE", "BKG_2D")
            .build();
    records.put(id, r);
    return r;
  }

  @Test
  void aDl3ObservationLinksItsFileItsIrfsItsAipItsProvenanceAndItsBundle() {
    DescriptiveRecord r = dl3("obs-1");

    List<DataLink> links = dataLinks().links(List.of(did("obs-1")), Caller.ANONYMOUS);

    String product = BASE + "/api/v1/products/obs-1";
    assertThat(links)
        .extracting(DataLink::semantics, DataLink::accessUrl)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("#this", product + "/files/obs-1.fits"),
            org.assertj.core.groups.Tuple.tuple("#calibration", product + "/files/obs-1.fits"),
            org.assertj.core.groups.Tuple.tuple("#auxiliary", product + "/aip"),
            org.assertj.core.groups.Tuple.tuple("#auxiliary", product + "/provenance"),
            org.assertj.core.groups.Tuple.tuple(
                "#auxiliary",
                BASE
                    + "/api/v1/bundles/dl3?level=DL3&target=Crab+Nebula"
                    + "&from=2025-03-01T21%3A10%3A00Z&to=2025-03-01T21%3A10%3A00Z"));
    DataLink file = links.get(0);
    assertThat(file.id()).isEqualTo(did("obs-1"));
    assertThat(file.contentType()).isEqualTo("application/fits");
    assertThat(file.contentLength()).isEqualTo(r.files().get(0).size());
    assertThat(file.contentQualifier()).isEqualTo("event");
    assertThat(file.linkAuth()).isEqualTo("false");
    assertThat(file.linkAuthorized()).isTrue();
    assertThat(links.get(1).description())
        .contains("AEFF_2D, EDISP_2D, PSF_TABLE, BKG_2D")
        .doesNotContain("EVENTS");
    assertThat(links.get(1).localSemantics()).isEqualTo("irf");
    assertThat(links.get(2).contentType()).isEqualTo("application/zip");
    assertThat(links.get(3).contentType()).isEqualTo("text/turtle");
    assertThat(links.get(4).localSemantics()).isEqualTo("dl3-bundle");
    assertThat(links).allSatisfy(l -> assertThat(l.errorMessage()).isNull());
  }

  @Test
  void aProductLinksTheDataLinksOfTheProductsItWasDerivedFrom() {
    dl3("dl3-a");
    records.put("dl2-x", aRecord("dl2-x").levels("DL2").build());
    derivedFrom.put("dl3-a", List.of("dl2-y", "dl2-x"));

    List<DataLink> progenitors =
        dataLinks().links(List.of(did("dl3-a")), Caller.ANONYMOUS).stream()
            .filter(l -> l.semantics().equals("#progenitor"))
            .toList();

    assertThat(progenitors)
        .extracting(DataLink::accessUrl)
        .containsExactly(PUBLICATION.dataLinkUrl("dl2-x"), PUBLICATION.dataLinkUrl("dl2-y"));
    assertThat(progenitors)
        .allSatisfy(l -> assertThat(l.contentType()).isEqualTo(ObsCorePublication.DATALINK_FORMAT));
  }

  @Test
  void anEmbargoedProductKeepsItsLinksButOnlyMembersAndArchivistsAreAuthorized() {
    records.put(
        "secret", aRecord("secret").levels("DL3").embargo("2099-01-01T00:00:00Z", "lst").build());
    DataLinks dataLinks = dataLinks();

    for (Caller caller : List.of(Caller.ANONYMOUS, OUTSIDER, MEMBER, ARCHIVIST)) {
      boolean allowed = caller == MEMBER || caller == ARCHIVIST;
      List<DataLink> links = dataLinks.links(List.of(did("secret")), caller);
      DataLink file = links.get(0);
      assertThat(file.semantics()).isEqualTo("#this");
      assertThat(file.accessUrl()).endsWith("/files/secret.fits");
      assertThat(file.errorMessage()).isNull();
      assertThat(file.linkAuth()).isEqualTo("required");
      assertThat(file.linkAuthorized()).as(caller.subject()).isEqualTo(allowed);
      assertThat(file.description())
          .contains("embargo until 2099-01-01T00:00:00Z")
          .contains("group 'lst'");
      DataLink aip = links.stream().filter(l -> "aip".equals(l.localSemantics())).findFirst().get();
      assertThat(aip.linkAuthorized()).isEqualTo(allowed);
      DataLink provenance =
          links.stream().filter(l -> "provenance".equals(l.localSemantics())).findFirst().get();
      assertThat(provenance.linkAuth()).isEqualTo("false");
      assertThat(provenance.linkAuthorized()).isTrue();
    }
  }

  @Test
  void aReleasedEmbargoIsNoLongerMentioned() {
    records.put("old", aRecord("old").levels("DL3").embargo("2020-01-01T00:00:00Z", "lst").build());

    DataLink file = dataLinks().links(List.of(did("old")), Caller.ANONYMOUS).get(0);

    assertThat(file.linkAuth()).isEqualTo("false");
    assertThat(file.linkAuthorized()).isTrue();
    assertThat(file.description()).doesNotContain("embargo");
  }

  @Test
  void unknownAndMalformedIdsGetANotFoundFaultRowEach() {
    dl3("known");
    List<String> ids =
        List.of(
            did("missing"),
            "ivo://other.authority/products?known",
            "ivo://ctao.dpps/products?bad id/..",
            "known",
            did("known"));

    List<DataLink> links = dataLinks().links(ids, Caller.ANONYMOUS);

    assertThat(links.subList(0, 4))
        .extracting(DataLink::id)
        .containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(3));
    assertThat(links.subList(0, 4))
        .allSatisfy(
            l -> {
              assertThat(l.errorMessage()).startsWith("NotFoundFault: ");
              assertThat(l.accessUrl()).isNull();
              assertThat(l.semantics()).isEqualTo("#this");
            });
    assertThat(links.get(0).errorMessage()).contains("no product missing");
    assertThat(links.subList(4, links.size()))
        .allSatisfy(l -> assertThat(l.id()).isEqualTo(did("known")));
  }

  @Test
  void noIdTooManyIdsAndOtherFormatsAreUsageFaults() {
    DataLinks dataLinks = dataLinks();
    assertThatThrownBy(() -> dataLinks.prepare(List.of(), null, Caller.ANONYMOUS))
        .isInstanceOf(DataLinks.UsageFault.class)
        .hasMessageContaining("ID");
    List<String> many = Collections.nCopies(101, did("x"));
    assertThatThrownBy(() -> dataLinks.prepare(many, null, Caller.ANONYMOUS))
        .isInstanceOf(DataLinks.UsageFault.class)
        .hasMessageContaining("at most 100");
    assertThatThrownBy(() -> dataLinks.prepare(List.of(did("x")), "csv", Caller.ANONYMOUS))
        .isInstanceOf(DataLinks.UsageFault.class)
        .extracting(e -> ((DataLinks.UsageFault) e).describe())
        .asString()
        .startsWith("UsageFault: RESPONSEFORMAT");
  }

  @Test
  void theVotableIsTabledataWithTheDataLinkColumnsAndStandardId() throws Exception {
    dl3("obs-2");
    records.put(
        "secret", aRecord("secret").levels("DL3").embargo("2099-01-01T00:00:00Z", "lst").build());
    derivedFrom.put("obs-2", List.of("dl2-z"));

    DataLinks.Answer answer =
        dataLinks()
            .prepare(
                List.of(did("obs-2"), did("secret"), did("nope")),
                "application/x-votable+xml;content=datalink",
                Caller.ANONYMOUS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    answer.write(out);
    String votable = out.toString(StandardCharsets.UTF_8);

    assertThat(answer.contentType()).isEqualTo("application/x-votable+xml;content=datalink");
    assertThat(votable)
        .contains("<RESOURCE type=\"results\">")
        .contains("<INFO name=\"standardID\" value=\"ivo://ivoa.net/std/DataLink#links-1.1\"/>")
        .contains("<TABLEDATA>")
        .contains("<FIELD name=\"ID\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.id;meta.main\"")
        .contains("name=\"content_length\" datatype=\"long\" unit=\"byte\"")
        .contains("NotFoundFault: no product nope");
    int previous = -1;
    for (String name :
        List.of(
            "ID",
            "access_url",
            "service_def",
            "error_message",
            "semantics",
            "description",
            "content_type",
            "content_length")) {
      int at = votable.indexOf("<FIELD name=\"" + name + "\"");
      assertThat(at).as(name).isGreaterThan(previous);
      previous = at;
    }
    // for a look with `stilts datalinklint target/datalink-sample.xml`
    Files.write(Path.of("target", "datalink-sample.xml"), out.toByteArray());
  }
}
