package org.dpps.archive.schemas.rdf;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;

/**
 * The PREMIS 3 record of one AIP version ({@code metadata/premis.ttl}): the intellectual entity,
 * its files with fixity, and the preservation events of its ingest, each a {@code premis:Event}
 * that is also a {@code prov:Activity}, typed from the Library of Congress event type vocabulary.
 */
public final class PremisEvents {
  private final Model model = ModelFactory.createDefaultModel();
  private final String productId;
  private final int version;
  private final Resource entity;

  /**
   * The record of a new version that continues an earlier version's record ({@code previous}, kept
   * whole: its entity, files and events stay).
   */
  public PremisEvents(String productId, int version, Model previous) {
    this(productId, version);
    model.add(previous);
  }

  public PremisEvents(String productId, int version) {
    this.productId = Objects.requireNonNull(productId);
    this.version = version;
    model.setNsPrefix("premis", Vocab.PREMIS);
    model.setNsPrefix("prov", Vocab.PROV);
    model.setNsPrefix("dct", Vocab.DCT);
    model.setNsPrefix("ctao", Vocab.CTAO);
    entity =
        model
            .createResource(Vocab.aipIri(productId, version))
            .addProperty(RDF.type, Vocab.PREMIS_IE)
            .addProperty(Vocab.DCT_IDENTIFIER, productId);
  }

  /** A payload file with its size, format and sha512. */
  public PremisEvents file(String path, long size, String mediaType, String pronom, String sha512) {
    Resource file =
        model
            .createResource(Vocab.fileIri(productId, version, path))
            .addProperty(RDF.type, Vocab.PREMIS_FILE)
            .addLiteral(Vocab.PREMIS_SIZE, size)
            .addProperty(Vocab.CTAO_SHA512, sha512);
    if (mediaType != null) {
      file.addProperty(Vocab.PREMIS_FORMAT, mediaType);
    }
    if (pronom != null) {
      file.addProperty(Vocab.DCT_CONFORMS_TO, model.createResource("info:pronom/" + pronom));
    }
    entity.addProperty(Vocab.DCT_HAS_PART, file);
    return this;
  }

  /**
   * An event of the given PREMIS event type code ({@code ing}, {@code val}, {@code mes}, {@code
   * for}, {@code mee}, {@code ipc}, {@code fix}...).
   */
  public PremisEvents event(String typeCode, Instant at, boolean success, String note) {
    Resource event =
        model
            .createResource("urn:uuid:" + UUID.randomUUID())
            .addProperty(RDF.type, Vocab.PREMIS_EVENT)
            .addProperty(RDF.type, Vocab.ACTIVITY)
            .addProperty(Vocab.DCT_TYPE, Vocab.eventType(typeCode))
            .addLiteral(Vocab.AT_TIME, ProvenanceGraph.dateTime(at))
            .addProperty(Vocab.PREMIS_OUTCOME, Vocab.outcome(success))
            .addProperty(Vocab.WAS_ASSOCIATED_WITH, model.createResource(Vocab.ARCHIVE_AGENT))
            .addProperty(Vocab.USED, entity);
    if (note != null) {
      event.addProperty(Vocab.PREMIS_OUTCOME_NOTE, note);
    }
    return this;
  }

  /**
   * A migration event ({@code mig}): the files of the earlier version it used, the files of this
   * version it generated, the tool that did it (an agent with its version) and the plan.
   */
  public PremisEvents migration(
      Instant at,
      boolean success,
      String note,
      java.util.List<String> usedFileIris,
      java.util.List<String> generatedFileIris,
      String toolIri,
      String planIri) {
    Resource event =
        model
            .createResource("urn:uuid:" + UUID.randomUUID())
            .addProperty(RDF.type, Vocab.PREMIS_EVENT)
            .addProperty(RDF.type, Vocab.ACTIVITY)
            .addProperty(Vocab.DCT_TYPE, Vocab.eventType("mig"))
            .addLiteral(Vocab.AT_TIME, ProvenanceGraph.dateTime(at))
            .addProperty(Vocab.PREMIS_OUTCOME, Vocab.outcome(success))
            .addProperty(Vocab.WAS_ASSOCIATED_WITH, model.createResource(Vocab.ARCHIVE_AGENT))
            .addProperty(Vocab.WAS_ASSOCIATED_WITH, model.createResource(toolIri))
            .addProperty(Vocab.CTAO_MIGRATION_PLAN, model.createResource(planIri))
            .addProperty(Vocab.USED, entity)
            .addProperty(Vocab.PREMIS_OUTCOME_NOTE, note);
    usedFileIris.forEach(iri -> event.addProperty(Vocab.USED, model.createResource(iri)));
    generatedFileIris.forEach(iri -> event.addProperty(Vocab.GENERATED, model.createResource(iri)));
    return this;
  }

  public Model model() {
    return model;
  }

  public byte[] toTurtle() {
    return ProvenanceGraph.turtle(model);
  }
}
