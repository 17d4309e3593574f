package org.dpps.archive.access.infrastructure.votable;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dpps.archive.access.domain.adql.AdqlReservedWords;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapSchema;
import org.dpps.archive.access.domain.tap.TapTable;

/**
 * VOSI tables 1.1: the published schema as a VODataService 1.1 {@code TableSet} (schema: name,
 * description, utype, table*; table: name, description, utype, column*, foreignKey*; column: name,
 * description, unit, ucd, utype, dataType, flag*). A column's xtype is the {@code extendedType}
 * attribute of its {@code vs:VOTableType} dataType, which VODataService 1.1 and 1.2 both allow.
 */
final class TablesetDocument {
  static final String VOSI_TABLES = "http://www.ivoa.net/xml/VOSITables/v1.0";

  private final XMLStreamWriter w;

  TablesetDocument(XMLStreamWriter w) {
    this.w = w;
  }

  void tableset(TapSchema schema) throws XMLStreamException {
    w.writeStartDocument("UTF-8", "1.0");
    w.writeStartElement("vosi", "tableset", VOSI_TABLES);
    namespaces();
    for (TapSchema.Schema s : schema.schemas()) {
      w.writeStartElement("schema");
      text("name", s.name());
      optional("description", s.description());
      optional("utype", s.utype());
      for (TapTable table : s.tables()) {
        w.writeStartElement("table");
        table(schema, table);
        w.writeEndElement();
      }
      w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndDocument();
  }

  void tableDocument(TapSchema schema, TapTable table) throws XMLStreamException {
    w.writeStartDocument("UTF-8", "1.0");
    w.writeStartElement("vosi", "table", VOSI_TABLES);
    namespaces();
    table(schema, table);
    w.writeEndElement();
    w.writeEndDocument();
  }

  private void namespaces() throws XMLStreamException {
    w.writeNamespace("vosi", VOSI_TABLES);
    w.writeNamespace("xsi", CapabilitiesDocument.XSI);
    w.writeNamespace("vr", CapabilitiesDocument.VR);
    w.writeNamespace("vs", CapabilitiesDocument.VS);
  }

  /** The content of a table element (its type attribute first). */
  private void table(TapSchema schema, TapTable table) throws XMLStreamException {
    w.writeAttribute("type", table.type().equals("view") ? "view" : "table");
    text("name", table.qualifiedName());
    optional("description", table.description());
    optional("utype", table.utype());
    for (TapColumn column : table.columns()) {
      column(column);
    }
    for (TapSchema.Key key : schema.keys()) {
      if (key.fromTable().equalsIgnoreCase(table.qualifiedName())) {
        w.writeStartElement("foreignKey");
        text("targetTable", key.targetTable());
        for (TapSchema.KeyColumn pair : key.columns()) {
          w.writeStartElement("fkColumn");
          text("fromColumn", pair.fromColumn());
          text("targetColumn", pair.targetColumn());
          w.writeEndElement();
        }
        optional("description", key.description());
        optional("utype", key.utype());
        w.writeEndElement();
      }
    }
  }

  private void column(TapColumn column) throws XMLStreamException {
    w.writeStartElement("column");
    w.writeAttribute("std", Boolean.toString(column.std()));
    text("name", AdqlReservedWords.asWritten(column.name()));
    optional("description", column.description());
    optional("unit", column.unit());
    optional("ucd", column.ucd());
    optional("utype", column.utype());
    w.writeStartElement("dataType");
    w.writeAttribute("xsi", CapabilitiesDocument.XSI, "type", "vs:VOTableType");
    if (!column.arraysize().isEmpty()) {
      w.writeAttribute("arraysize", column.arraysize());
    }
    if (!column.xtype().isEmpty()) {
      w.writeAttribute("extendedType", column.xtype());
    }
    w.writeCharacters(column.datatype());
    w.writeEndElement();
    if (column.indexed()) {
      text("flag", "indexed");
    }
    if (column.principal()) {
      text("flag", "primary");
    }
    w.writeEndElement();
  }

  private void optional(String name, String value) throws XMLStreamException {
    if (!value.isEmpty()) {
      text(name, value);
    }
  }

  private void text(String name, String value) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(Xml.legal(value));
    w.writeEndElement();
  }
}
