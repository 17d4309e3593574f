package org.dpps.archive.access.infrastructure.votable;

import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dpps.archive.access.domain.tap.ResultFormat;
import org.dpps.archive.access.domain.tap.TapLimits;

/**
 * The VOSI capabilities of the TAP service: TAP 1.1 (TAPRegExt 1.0 {@code tr:TableAccess}), the
 * VOSI endpoints and DataLink. Element order as VOResource 1.0 and TAPRegExt 1.0 require:
 * interface, then dataModel, language, outputFormat, uploadMethod, retentionPeriod,
 * executionDuration, outputLimit, uploadLimit.
 */
final class CapabilitiesDocument {
  static final String VOSI_CAP = "http://www.ivoa.net/xml/VOSICapabilities/v1.0";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  static final String VR = "http://www.ivoa.net/xml/VOResource/v1.0";
  static final String VS = "http://www.ivoa.net/xml/VODataService/v1.1";
  static final String TR = "http://www.ivoa.net/xml/TAPRegExt/v1.0";

  private static final String FEATURES = "ivo://ivoa.net/std/TAPRegExt#features-";

  /** The ADQL language features declared: the feature type and its forms. */
  static final List<Features> LANGUAGE_FEATURES =
      List.of(
          new Features(
              FEATURES + "adqlgeo",
              List.of("POINT", "CIRCLE", "POLYGON", "BOX", "CONTAINS", "INTERSECTS", "DISTANCE")),
          new Features(FEATURES + "adql-string", List.of("LOWER", "UPPER", "ILIKE")),
          new Features(FEATURES + "adql-offset", List.of("OFFSET")),
          new Features(FEATURES + "adql-sets", List.of("UNION", "EXCEPT", "INTERSECT")),
          new Features(FEATURES + "adql-type", List.of("CAST")),
          new Features(FEATURES + "adql-common-table", List.of("WITH")));

  record Features(String type, List<String> forms) {}

  private final XMLStreamWriter w;

  CapabilitiesDocument(XMLStreamWriter w) {
    this.w = w;
  }

  void write(String baseUrl, TapLimits limits) throws XMLStreamException {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    w.writeStartDocument("UTF-8", "1.0");
    w.writeStartElement("vosi", "capabilities", VOSI_CAP);
    w.writeNamespace("vosi", VOSI_CAP);
    w.writeNamespace("xsi", XSI);
    w.writeNamespace("vr", VR);
    w.writeNamespace("vs", VS);
    w.writeNamespace("tr", TR);
    tap(base + "/tap", limits);
    vosi("ivo://ivoa.net/std/VOSI#capabilities", base + "/tap/capabilities", null);
    vosi("ivo://ivoa.net/std/VOSI#availability", base + "/tap/availability", null);
    vosi("ivo://ivoa.net/std/VOSI#tables-1.1", base + "/tap/tables", "1.1");
    datalink(base + "/datalink/links");
    w.writeEndElement();
    w.writeEndDocument();
  }

  private void tap(String accessUrl, TapLimits limits) throws XMLStreamException {
    w.writeStartElement("capability");
    w.writeAttribute("standardID", "ivo://ivoa.net/std/TAP");
    w.writeAttribute("xsi", XSI, "type", "tr:TableAccess");
    w.writeStartElement("interface");
    w.writeAttribute("xsi", XSI, "type", "vs:ParamHTTP");
    w.writeAttribute("role", "std");
    w.writeAttribute("version", "1.1");
    accessUrl("base", accessUrl);
    w.writeEndElement();

    w.writeStartElement("dataModel");
    w.writeAttribute("ivo-id", "ivo://ivoa.net/std/ObsCore#core-1.1");
    w.writeCharacters("ObsCore-1.1");
    w.writeEndElement();

    w.writeStartElement("language");
    text("name", "ADQL");
    w.writeStartElement("version");
    w.writeAttribute("ivo-id", "ivo://ivoa.net/std/ADQL#v2.1");
    w.writeCharacters("2.1");
    w.writeEndElement();
    text("description", "ADQL 2.1 over the published tables (TAP_SCHEMA).");
    for (Features features : LANGUAGE_FEATURES) {
      w.writeStartElement("languageFeatures");
      w.writeAttribute("type", features.type());
      for (String form : features.forms()) {
        w.writeStartElement("feature");
        text("form", form);
        w.writeEndElement();
      }
      w.writeEndElement();
    }
    w.writeEndElement();

    for (ResultFormat format : ResultFormat.values()) {
      w.writeStartElement("outputFormat");
      if (format.ivoId().isPresent()) {
        w.writeAttribute("ivo-id", format.ivoId().get());
      }
      text("mime", format.declaredMime());
      for (String alias : format.aliases()) {
        text("alias", alias);
      }
      w.writeEndElement();
    }

    boolean uploads = limits.uploadHardBytes() > 0; // no upload limit: no uploads declared
    if (uploads) {
      w.writeEmptyElement("uploadMethod");
      w.writeAttribute("ivo-id", "ivo://ivoa.net/std/TAPRegExt#upload-inline");
    }

    w.writeStartElement("retentionPeriod");
    text("default", Long.toString(limits.retentionDefaultSeconds()));
    text("hard", Long.toString(limits.retentionHardSeconds()));
    w.writeEndElement();
    w.writeStartElement("executionDuration");
    text("default", Long.toString(limits.executionDefaultSeconds()));
    text("hard", Long.toString(limits.executionHardSeconds()));
    w.writeEndElement();
    w.writeStartElement("outputLimit");
    limit("default", "row", limits.outputDefaultRows());
    limit("hard", "row", limits.outputHardRows());
    w.writeEndElement();
    if (uploads) {
      w.writeStartElement("uploadLimit");
      limit("hard", "byte", limits.uploadHardBytes());
      w.writeEndElement();
    }
    w.writeEndElement();
  }

  private void vosi(String standardId, String accessUrl, String version) throws XMLStreamException {
    w.writeStartElement("capability");
    w.writeAttribute("standardID", standardId);
    w.writeStartElement("interface");
    w.writeAttribute("xsi", XSI, "type", "vs:ParamHTTP");
    w.writeAttribute("role", "std");
    if (version != null) {
      w.writeAttribute("version", version);
    }
    accessUrl("full", accessUrl);
    text("queryType", "GET");
    text("resultType", "application/xml");
    w.writeEndElement();
    w.writeEndElement();
  }

  private void datalink(String accessUrl) throws XMLStreamException {
    w.writeStartElement("capability");
    w.writeAttribute("standardID", "ivo://ivoa.net/std/DataLink#links-1.1");
    w.writeStartElement("interface");
    w.writeAttribute("xsi", XSI, "type", "vs:ParamHTTP");
    w.writeAttribute("role", "std");
    w.writeAttribute("version", "1.1");
    accessUrl("base", accessUrl);
    text("queryType", "GET");
    text("queryType", "POST");
    text("resultType", "application/x-votable+xml;content=datalink");
    w.writeStartElement("param");
    w.writeAttribute("std", "true");
    w.writeAttribute("use", "required");
    text("name", "ID");
    text("description", "The publisher DID of a data product (obs_publisher_did).");
    text("ucd", "meta.id;meta.main");
    text("dataType", "string");
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
  }

  private void accessUrl(String use, String url) throws XMLStreamException {
    w.writeStartElement("accessURL");
    w.writeAttribute("use", use);
    w.writeCharacters(Xml.legal(url));
    w.writeEndElement();
  }

  private void limit(String name, String unit, long value) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeAttribute("unit", unit);
    w.writeCharacters(Long.toString(value));
    w.writeEndElement();
  }

  private void text(String name, String value) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(Xml.legal(value));
    w.writeEndElement();
  }
}
