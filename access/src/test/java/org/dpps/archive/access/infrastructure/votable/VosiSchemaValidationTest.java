package org.dpps.archive.access.infrastructure.votable;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;

/**
 * Validates the VOSI documents against the IVOA schemas (VOSICapabilities 1.0, VOSITables 1.1,
 * VOSIAvailability 1.0, TAPRegExt, VODataService, VOResource). The schemas are not in the
 * repository: run with {@code -Divoa.xsd.dir=<a directory of the IVOA .xsd files>} (from
 * github.com/ivoa-std/{VOSI,TAPRegExt,VOResource,VODataService}); for each namespace the file with
 * the highest version is used, and STC (imported by VODataService, not used here) is stubbed.
 */
@EnabledIfSystemProperty(named = "ivoa.xsd.dir", matches = ".+")
class VosiSchemaValidationTest {
  private static final Pattern TARGET = Pattern.compile("targetNamespace=\"([^\"]+)\"");
  private static final String STC = "http://www.ivoa.net/xml/STC/stc-v1.30.xsd";
  private static final String STC_STUB =
      "<xs:schema targetNamespace='"
          + STC
          + "' xmlns:xs='http://www.w3.org/2001/XMLSchema' xmlns:stc='"
          + STC
          + "' elementFormDefault='qualified'><xs:complexType name='stcDescriptionType'>"
          + "<xs:sequence><xs:any processContents='skip' minOccurs='0' maxOccurs='unbounded'/>"
          + "</xs:sequence><xs:anyAttribute processContents='skip'/></xs:complexType>"
          + "<xs:element name='STCResourceProfile' type='stc:stcDescriptionType'/></xs:schema>";

  private static Schema schema;

  @BeforeAll
  static void loadSchemas() throws Exception {
    Map<String, Path> byNamespace = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("ivoa.xsd.dir")))) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".xsd"))
              .sorted(Comparator.comparing(Path::toString))
              .toList()) {
        Matcher m = TARGET.matcher(Files.readString(file));
        if (m.find()) {
          byNamespace.put(m.group(1), file); // the last in name order: the highest version
        }
      }
    }
    DOMImplementationLS ls =
        (DOMImplementationLS)
            DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation();
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory.setResourceResolver(
        (type, namespace, publicId, systemId, baseUri) -> {
          LSInput input = ls.createLSInput();
          Path file = byNamespace.get(namespace);
          if (file == null) {
            if (!STC.equals(namespace)) {
              return null;
            }
            input.setStringData(STC_STUB);
            input.setSystemId("stc-stub.xsd");
            return input;
          }
          try {
            input.setStringData(Files.readString(file));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          input.setSystemId(file.toUri().toString());
          return input;
        });
    List<String> roots =
        List.of(
            "http://www.ivoa.net/xml/VOSICapabilities/v1.0",
            "http://www.ivoa.net/xml/VOSITables/v1.0",
            "http://www.ivoa.net/xml/VOSIAvailability/v1.0",
            "http://www.ivoa.net/xml/TAPRegExt/v1.0",
            "http://www.ivoa.net/xml/VODataService/v1.1",
            "http://www.ivoa.net/xml/VOResource/v1.0");
    schema =
        factory.newSchema(
            roots.stream()
                .map(ns -> new StreamSource(byNamespace.get(ns).toFile()))
                .toArray(StreamSource[]::new));
  }

  private static void validate(byte[] xml) throws Exception {
    schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
  }

  @Test
  void theDocumentsAreValid() {
    assertThatCode(
            () -> {
              validate(
                  VosiDocuments.capabilities("https://archive.example", VosiDocumentsTest.LIMITS));
              validate(VosiDocuments.tables(VosiDocumentsTest.SCHEMA));
              validate(VosiDocuments.tables(VosiDocumentsTest.SCHEMA, "ctao.observation"));
              validate(VosiDocuments.availability(true, "ready"));
              validate(VosiDocuments.availability(false, null));
            })
        .doesNotThrowAnyException();
  }

  @Test
  void theSchemasDoCatchAnElementOutOfOrder() {
    String capabilities =
        new String(
            VosiDocuments.capabilities("https://archive.example", VosiDocumentsTest.LIMITS),
            StandardCharsets.UTF_8);
    String swapped =
        capabilities.replaceFirst(
            "(<dataModel [^>]*>[^<]*</dataModel>)(<language>.*?</language>)", "$2$1");
    assertThatThrownBy(
            () -> schema.newValidator().validate(new StreamSource(new StringReader(swapped))))
        .hasMessageContaining("dataModel");
  }
}
