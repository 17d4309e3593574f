package org.dpps.archive.access.infrastructure.votable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dpps.archive.access.infrastructure.votable.Fixtures.childText;
import static org.dpps.archive.access.infrastructure.votable.Fixtures.children;

import java.util.List;
import java.util.NoSuchElementException;
import org.dpps.archive.access.domain.tap.ResultFormat;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapLimits;
import org.dpps.archive.access.domain.tap.TapSchema;
import org.dpps.archive.access.domain.tap.TapTable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class VosiDocumentsTest {
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  static final String VS = "http://www.ivoa.net/xml/VODataService/v1.1";
  static final String TR = "http://www.ivoa.net/xml/TAPRegExt/v1.0";

  static final TapLimits LIMITS = new TapLimits(86400, 604800, 60, 3600, 10000, 1000000, 10485760);

  static TapColumn col(
      String name,
      String datatype,
      String arraysize,
      String xtype,
      String unit,
      String ucd,
      String utype,
      boolean principal,
      boolean indexed,
      boolean std) {
    return new TapColumn(
        name,
        datatype,
        arraysize,
        xtype,
        unit,
        ucd,
        utype,
        "the " + name + " & <co>",
        principal,
        indexed,
        std,
        name);
  }

  static final TapSchema SCHEMA =
      new TapSchema(
          List.of(
              new TapSchema.Schema(
                  "ivoa",
                  "IVOA data models",
                  "",
                  List.of(
                      new TapTable(
                          "ivoa",
                          "obscore",
                          "table",
                          "ObsCore 1.1 of the archive",
                          "ivo://ivoa.net/std/obscore#table-1.1",
                          List.of(
                              col(
                                  "obs_publisher_did",
                                  "char",
                                  "*",
                                  "",
                                  "",
                                  "meta.ref.ivoid",
                                  "obscore:Curation.PublisherDID",
                                  true,
                                  true,
                                  true),
                              col(
                                  "s_ra",
                                  "double",
                                  "",
                                  "",
                                  "deg",
                                  "pos.eq.ra",
                                  "obscore:Char.SpatialAxis.Coverage.Location.Coord.Position2D.Value2.C1",
                                  true,
                                  false,
                                  true),
                              col(
                                  "obs_release_date",
                                  "char",
                                  "*",
                                  "timestamp",
                                  "",
                                  "time.release",
                                  "",
                                  false,
                                  false,
                                  true),
                              col("calib_level", "short", "", "", "", "", "", false, true, true)),
                          null))),
              new TapSchema.Schema(
                  "ctao",
                  "CTAO",
                  "",
                  List.of(
                      new TapTable(
                          "ctao",
                          "observation",
                          "view",
                          "",
                          "",
                          List.of(
                              col(
                                  "obs_publisher_did",
                                  "char",
                                  "*",
                                  "",
                                  "",
                                  "",
                                  "",
                                  true,
                                  false,
                                  false),
                              col("zenith", "float", "", "", "deg", "", "", false, false, false)),
                          null)))),
          List.of(
              new TapSchema.Key(
                  "obs_key",
                  "ctao.observation",
                  "ivoa.obscore",
                  "the observation's ObsCore row",
                  "",
                  List.of(new TapSchema.KeyColumn("obs_publisher_did", "obs_publisher_did")))));

  static List<String> names(List<Element> elements) {
    return elements.stream().map(Element::getLocalName).toList();
  }

  @Test
  void capabilitiesDeclareTapInSchemaOrder() throws Exception {
    Element root =
        Fixtures.parse(VosiDocuments.capabilities("https://archive.example/", LIMITS))
            .getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.ivoa.net/xml/VOSICapabilities/v1.0");
    assertThat(root.getLocalName()).isEqualTo("capabilities");
    List<Element> capabilities = children(root);
    assertThat(names(capabilities)).allMatch("capability"::equals);
    assertThat(capabilities).allMatch(c -> c.getNamespaceURI() == null);
    assertThat(capabilities.stream().map(c -> c.getAttribute("standardID")))
        .containsExactly(
            "ivo://ivoa.net/std/TAP",
            "ivo://ivoa.net/std/VOSI#capabilities",
            "ivo://ivoa.net/std/VOSI#availability",
            "ivo://ivoa.net/std/VOSI#tables-1.1",
            "ivo://ivoa.net/std/DataLink#links-1.1");

    Element tap = capabilities.get(0);
    assertThat(xsiType(tap)).isEqualTo(TR + " TableAccess");
    assertThat(names(children(tap)))
        .containsExactly(
            "interface",
            "dataModel",
            "language",
            "outputFormat",
            "outputFormat",
            "outputFormat",
            "outputFormat",
            "outputFormat",
            "uploadMethod",
            "retentionPeriod",
            "executionDuration",
            "outputLimit",
            "uploadLimit");
    Element tapInterface = children(tap, "interface").get(0);
    assertThat(xsiType(tapInterface)).isEqualTo(VS + " ParamHTTP");
    assertThat(tapInterface.getAttribute("role")).isEqualTo("std");
    assertThat(tapInterface.getAttribute("version")).isEqualTo("1.1");
    Element accessUrl = children(tapInterface, "accessURL").get(0);
    assertThat(accessUrl.getAttribute("use")).isEqualTo("base");
    assertThat(accessUrl.getTextContent()).isEqualTo("https://archive.example/tap");

    Element dataModel = children(tap, "dataModel").get(0);
    assertThat(dataModel.getAttribute("ivo-id")).isEqualTo("ivo://ivoa.net/std/ObsCore#core-1.1");
    assertThat(dataModel.getTextContent()).isEqualTo("ObsCore-1.1");

    Element language = children(tap, "language").get(0);
    assertThat(names(children(language)))
        .startsWith("name", "version", "description", "languageFeatures");
    assertThat(childText(language, "name")).isEqualTo("ADQL");
    Element version = children(language, "version").get(0);
    assertThat(version.getAttribute("ivo-id")).isEqualTo("ivo://ivoa.net/std/ADQL#v2.1");
    assertThat(version.getTextContent()).isEqualTo("2.1");
    List<Element> features = children(language, "languageFeatures");
    assertThat(features.stream().map(f -> f.getAttribute("type")))
        .containsExactly(
            "ivo://ivoa.net/std/TAPRegExt#features-adqlgeo",
            "ivo://ivoa.net/std/TAPRegExt#features-adql-string",
            "ivo://ivoa.net/std/TAPRegExt#features-adql-offset",
            "ivo://ivoa.net/std/TAPRegExt#features-adql-sets",
            "ivo://ivoa.net/std/TAPRegExt#features-adql-type",
            "ivo://ivoa.net/std/TAPRegExt#features-adql-common-table");
    assertThat(
            children(features.get(0), "feature").stream().map(f -> childText(f, "form")).toList())
        .containsExactly("POINT", "CIRCLE", "POLYGON", "BOX", "CONTAINS", "INTERSECTS", "DISTANCE");
    assertThat(children(features.get(1), "feature").stream().map(f -> childText(f, "form")))
        .containsExactly("LOWER", "UPPER", "ILIKE");

    List<Element> formats = children(tap, "outputFormat");
    for (int i = 0; i < formats.size(); i++) {
      ResultFormat format = ResultFormat.values()[i];
      Element f = formats.get(i);
      assertThat(names(children(f)).get(0)).isEqualTo("mime");
      assertThat(childText(f, "mime")).isEqualTo(format.declaredMime());
      assertThat(children(f, "alias").stream().map(Element::getTextContent))
          .containsExactlyElementsOf(format.aliases());
      assertThat(f.getAttribute("ivo-id")).isEqualTo(format.ivoId().orElse(""));
      assertThat(f.hasAttribute("ivo-id")).isEqualTo(format.ivoId().isPresent());
    }
    assertThat(children(tap, "uploadMethod").get(0).getAttribute("ivo-id"))
        .isEqualTo("ivo://ivoa.net/std/TAPRegExt#upload-inline");
    assertThat(childText(children(tap, "retentionPeriod").get(0), "default")).isEqualTo("86400");
    assertThat(childText(children(tap, "retentionPeriod").get(0), "hard")).isEqualTo("604800");
    assertThat(childText(children(tap, "executionDuration").get(0), "default")).isEqualTo("60");
    assertThat(childText(children(tap, "executionDuration").get(0), "hard")).isEqualTo("3600");
    Element outputLimit = children(tap, "outputLimit").get(0);
    assertThat(names(children(outputLimit))).containsExactly("default", "hard");
    assertThat(children(outputLimit)).allMatch(e -> e.getAttribute("unit").equals("row"));
    assertThat(childText(outputLimit, "default")).isEqualTo("10000");
    assertThat(childText(outputLimit, "hard")).isEqualTo("1000000");
    Element uploadLimit = children(tap, "uploadLimit").get(0);
    assertThat(names(children(uploadLimit))).containsExactly("hard");
    assertThat(children(uploadLimit, "hard").get(0).getAttribute("unit")).isEqualTo("byte");
    assertThat(childText(uploadLimit, "hard")).isEqualTo("10485760");

    assertThat(accessUrlOf(capabilities.get(1)))
        .isEqualTo("https://archive.example/tap/capabilities");
    assertThat(accessUrlOf(capabilities.get(2)))
        .isEqualTo("https://archive.example/tap/availability");
    assertThat(accessUrlOf(capabilities.get(3))).isEqualTo("https://archive.example/tap/tables");
    assertThat(accessUrlOf(capabilities.get(4)))
        .isEqualTo("https://archive.example/datalink/links");
    for (Element c : capabilities.subList(1, 5)) {
      assertThat(xsiType(children(c, "interface").get(0))).isEqualTo(VS + " ParamHTTP");
      assertThat(names(children(children(c, "interface").get(0)))).startsWith("accessURL");
    }
    Element datalink = children(capabilities.get(4), "interface").get(0);
    assertThat(names(children(datalink)))
        .containsExactly("accessURL", "queryType", "queryType", "resultType", "param");
    Element param = children(datalink, "param").get(0);
    assertThat(names(children(param))).containsExactly("name", "description", "ucd", "dataType");
    assertThat(childText(param, "name")).isEqualTo("ID");
  }

  @Test
  void tablesetListsEverySchemaTableAndColumnWithItsMetadata() throws Exception {
    Element root = Fixtures.parse(VosiDocuments.tables(SCHEMA)).getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.ivoa.net/xml/VOSITables/v1.0");
    assertThat(root.getLocalName()).isEqualTo("tableset");
    List<Element> schemas = children(root);
    assertThat(names(schemas)).containsExactly("schema", "schema");
    for (int s = 0; s < SCHEMA.schemas().size(); s++) {
      TapSchema.Schema expected = SCHEMA.schemas().get(s);
      Element schema = schemas.get(s);
      assertThat(schema.getNamespaceURI()).isNull();
      assertThat(names(children(schema))).containsExactly("name", "description", "table");
      assertThat(childText(schema, "name")).isEqualTo(expected.name());
      assertThat(childText(schema, "description")).isEqualTo(expected.description());
      List<Element> tables = children(schema, "table");
      assertThat(tables).hasSize(expected.tables().size());
      for (int t = 0; t < tables.size(); t++) {
        assertTable(tables.get(t), expected.tables().get(t));
      }
    }
    Element observation = children(schemas.get(1), "table").get(0);
    assertThat(observation.getAttribute("type")).isEqualTo("view");
    Element key = children(observation, "foreignKey").get(0);
    assertThat(names(children(key))).containsExactly("targetTable", "fkColumn", "description");
    assertThat(childText(key, "targetTable")).isEqualTo("ivoa.obscore");
    Element fk = children(key, "fkColumn").get(0);
    assertThat(names(children(fk))).containsExactly("fromColumn", "targetColumn");
    assertThat(childText(fk, "fromColumn")).isEqualTo("obs_publisher_did");
    assertThat(children(children(schemas.get(0), "table").get(0), "foreignKey")).isEmpty();
  }

  static void assertTable(Element table, TapTable expected) {
    assertThat(childText(table, "name")).isEqualTo(expected.qualifiedName());
    List<String> order = names(children(table));
    assertThat(order.subList(0, 1)).containsExactly("name");
    assertThat(String.join(" ", order))
        .matches("name( description)?( utype)?( column)*( foreignKey)*");
    assertThat(childText(table, "description"))
        .isEqualTo(expected.description().isEmpty() ? null : expected.description());
    List<Element> columns = children(table, "column");
    assertThat(columns).hasSize(expected.columns().size());
    for (int c = 0; c < columns.size(); c++) {
      TapColumn want = expected.columns().get(c);
      Element column = columns.get(c);
      String where = expected.qualifiedName() + "." + want.name();
      assertThat(String.join(" ", names(children(column))))
          .as(where)
          .matches("name( description)?( unit)?( ucd)?( utype)? dataType( flag)*");
      assertThat(column.getAttribute("std")).as(where).isEqualTo(Boolean.toString(want.std()));
      assertThat(childText(column, "name")).as(where).isEqualTo(want.name());
      assertThat(childText(column, "description")).as(where).isEqualTo(want.description());
      assertThat(orEmpty(childText(column, "unit"))).as(where).isEqualTo(want.unit());
      assertThat(orEmpty(childText(column, "ucd"))).as(where).isEqualTo(want.ucd());
      assertThat(orEmpty(childText(column, "utype"))).as(where).isEqualTo(want.utype());
      Element dataType = children(column, "dataType").get(0);
      assertThat(xsiType(dataType)).as(where).isEqualTo(VS + " VOTableType");
      assertThat(dataType.getTextContent()).as(where).isEqualTo(want.datatype());
      assertThat(dataType.getAttribute("arraysize")).as(where).isEqualTo(want.arraysize());
      assertThat(dataType.getAttribute("extendedType")).as(where).isEqualTo(want.xtype());
      List<String> flags = children(column, "flag").stream().map(Element::getTextContent).toList();
      assertThat(flags.contains("indexed")).as(where).isEqualTo(want.indexed());
      assertThat(flags.contains("primary")).as(where).isEqualTo(want.principal());
    }
  }

  @Test
  void oneTableIsAVosiTableElement() throws Exception {
    Element root =
        Fixtures.parse(VosiDocuments.tables(SCHEMA, "IVOA.ObsCore")).getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.ivoa.net/xml/VOSITables/v1.0");
    assertThat(root.getLocalName()).isEqualTo("table");
    assertTable(root, SCHEMA.table("ivoa.obscore").orElseThrow());
    assertThatThrownBy(() -> VosiDocuments.tables(SCHEMA, "ivoa.nothing"))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void availabilitySaysWhetherTheServiceIsUp() throws Exception {
    String ns = "http://www.ivoa.net/xml/VOSIAvailability/v1.0";
    Element up = Fixtures.parse(VosiDocuments.availability(true, "ready")).getDocumentElement();
    assertThat(up.getNamespaceURI()).isEqualTo(ns);
    assertThat(up.getLocalName()).isEqualTo("availability");
    assertThat(names(children(up))).containsExactly("available", "note");
    assertThat(children(up)).allMatch(e -> ns.equals(e.getNamespaceURI()));
    assertThat(childText(up, "available")).isEqualTo("true");
    assertThat(childText(up, "note")).isEqualTo("ready");
    Element down =
        Fixtures.parse(VosiDocuments.availability(false, "database <down>")).getDocumentElement();
    assertThat(childText(down, "available")).isEqualTo("false");
    assertThat(childText(down, "note")).isEqualTo("database <down>");
    Element bare = Fixtures.parse(VosiDocuments.availability(true, null)).getDocumentElement();
    assertThat(names(children(bare))).containsExactly("available");
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String accessUrlOf(Element capability) {
    Element url = children(children(capability, "interface").get(0), "accessURL").get(0);
    boolean vosi = capability.getAttribute("standardID").startsWith("ivo://ivoa.net/std/VOSI#");
    assertThat(url.getAttribute("use")).isEqualTo(vosi ? "full" : "base");
    return url.getTextContent();
  }

  /** The xsi:type of an element, resolved: {@code namespace localName}. */
  static String xsiType(Element e) {
    String type = e.getAttributeNS(XSI, "type");
    int colon = type.indexOf(':');
    String prefix = colon < 0 ? null : type.substring(0, colon);
    return e.lookupNamespaceURI(prefix) + " " + type.substring(colon + 1);
  }
}
