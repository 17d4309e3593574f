package org.dpps.archive.access.infrastructure.votable;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dpps.archive.access.domain.tap.TapJob;

/** The UWS 1.1 documents of asynchronous TAP jobs: a job, and the job list. */
public final class UwsDocuments {
  public static final String CONTENT_TYPE = "application/xml";
  static final String UWS = "http://www.ivoa.net/xml/UWS/v1.0";
  static final String XLINK = "http://www.w3.org/1999/xlink";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private UwsDocuments() {}

  /** A UWS time: ISO 8601 UTC with milliseconds. */
  public static String time(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }

  /** The job document; {@code jobUrl} is the job's address, results are under it. */
  public static byte[] job(TapJob job, String jobUrl, boolean hasResult) {
    return write(
        w -> {
          w.writeStartElement("uws", "job", UWS);
          namespaces(w);
          w.writeAttribute("version", "1.1");
          text(w, "jobId", job.id());
          if (job.runId() != null) {
            text(w, "runId", job.runId());
          }
          nillable(w, "ownerId", job.owner());
          text(w, "phase", job.phase().name());
          nillable(w, "quote", null);
          text(w, "creationTime", time(job.created()));
          nillable(w, "startTime", job.started() == null ? null : time(job.started()));
          nillable(w, "endTime", job.ended() == null ? null : time(job.ended()));
          text(w, "executionDuration", Long.toString(job.executionDuration()));
          text(w, "destruction", time(job.destruction()));
          parameters(w, job.parameters());
          w.writeStartElement("uws", "results", UWS);
          if (hasResult) {
            w.writeEmptyElement("uws", "result", UWS);
            w.writeAttribute("id", "result");
            w.writeAttribute("xlink", XLINK, "type", "simple");
            w.writeAttribute("xlink", XLINK, "href", jobUrl + "/results/result");
            if (job.resultFormat() != null) {
              w.writeAttribute("mime-type", job.resultFormat());
            }
          }
          w.writeEndElement();
          if (job.error() != null) {
            w.writeStartElement("uws", "errorSummary", UWS);
            w.writeAttribute("type", "fatal");
            w.writeAttribute("hasDetail", "true");
            text(w, "message", job.error());
            w.writeEndElement();
          }
          w.writeEndElement();
        });
  }

  /** The parameters document of a job. */
  public static byte[] parameters(TapJob job) {
    return write(
        w -> {
          w.writeStartElement("uws", "parameters", UWS);
          namespaces(w);
          for (var p : job.parameters().entrySet()) {
            parameter(w, p.getKey(), p.getValue());
          }
          w.writeEndElement();
        });
  }

  /** The results document of a job. */
  public static byte[] results(TapJob job, String jobUrl, boolean hasResult) {
    return write(
        w -> {
          w.writeStartElement("uws", "results", UWS);
          namespaces(w);
          if (hasResult) {
            w.writeEmptyElement("uws", "result", UWS);
            w.writeAttribute("id", "result");
            w.writeAttribute("xlink", XLINK, "type", "simple");
            w.writeAttribute("xlink", XLINK, "href", jobUrl + "/results/result");
          }
          w.writeEndElement();
        });
  }

  /** The job list; {@code listUrl} is the list's address. */
  public static byte[] jobs(List<TapJob> jobs, String listUrl) {
    return write(
        w -> {
          w.writeStartElement("uws", "jobs", UWS);
          namespaces(w);
          w.writeAttribute("version", "1.1");
          for (TapJob job : jobs) {
            w.writeStartElement("uws", "jobref", UWS);
            w.writeAttribute("id", job.id());
            w.writeAttribute("xlink", XLINK, "type", "simple");
            w.writeAttribute("xlink", XLINK, "href", listUrl + "/" + job.id());
            text(w, "phase", job.phase().name());
            if (job.runId() != null) {
              text(w, "runId", job.runId());
            }
            if (job.owner() != null) {
              text(w, "ownerId", job.owner());
            }
            text(w, "creationTime", time(job.created()));
            w.writeEndElement();
          }
          w.writeEndElement();
        });
  }

  private static void parameters(XMLStreamWriter w, Map<String, String> parameters)
      throws XMLStreamException {
    w.writeStartElement("uws", "parameters", UWS);
    for (var p : parameters.entrySet()) {
      parameter(w, p.getKey(), p.getValue());
    }
    w.writeEndElement();
  }

  private static void parameter(XMLStreamWriter w, String id, String value)
      throws XMLStreamException {
    w.writeStartElement("uws", "parameter", UWS);
    w.writeAttribute("id", id.toLowerCase(java.util.Locale.ROOT));
    w.writeCharacters(Xml.legal(value));
    w.writeEndElement();
  }

  private static void namespaces(XMLStreamWriter w) throws XMLStreamException {
    w.writeNamespace("uws", UWS);
    w.writeNamespace("xlink", XLINK);
    w.writeNamespace("xsi", XSI);
  }

  private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeStartElement("uws", name, UWS);
    w.writeCharacters(Xml.legal(value));
    w.writeEndElement();
  }

  private static void nillable(XMLStreamWriter w, String name, String value)
      throws XMLStreamException {
    if (value == null) {
      w.writeEmptyElement("uws", name, UWS);
      w.writeAttribute("xsi", XSI, "nil", "true");
    } else {
      text(w, name, value);
    }
  }

  private static byte[] write(Content content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      content.write(w);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write a UWS document", e);
    }
    return out.toByteArray();
  }

  @FunctionalInterface
  private interface Content {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }
}
