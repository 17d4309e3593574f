package org.dpps.archive.schemas.rdf;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDateTime;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.vocabulary.RDF;
import org.dpps.archive.schemas.metadata.ProductMetadata;
import org.dpps.archive.schemas.provenance.CtapipeActivity;
import org.dpps.archive.schemas.provenance.FileRef;

/**
 * Builds the PROV-O graph of one AIP version: the product and this version of it, the archive's
 * ingest activity and agent, the deposit it came from, the pipeline that deposited it, and what the
 * product's headers and the SIP's provenance say about how it was made.
 */
public final class ProvenanceGraph {
  private final Model model = ModelFactory.createDefaultModel();
  private final Resource product;
  private final Resource aip;
  private final String productId;

  /**
   * The graph of a new version that continues an earlier version's graph ({@code previous}, kept
   * whole: how the product was made stays part of its provenance).
   */
  public ProvenanceGraph(String productId, int version, Model previous) {
    this(productId, version);
    model.add(previous);
  }

  public ProvenanceGraph(String productId, int version) {
    this.productId = Objects.requireNonNull(productId);
    model.setNsPrefix("prov", Vocab.PROV);
    model.setNsPrefix("premis", Vocab.PREMIS);
    model.setNsPrefix("dct", Vocab.DCT);
    model.setNsPrefix("ctao", Vocab.CTAO);
    model.setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
    product =
        model
            .createResource(Vocab.productIri(productId))
            .addProperty(RDF.type, Vocab.ENTITY)
            .addProperty(Vocab.CTAO_PRODUCT_ID, productId);
    aip =
        model
            .createResource(Vocab.aipIri(productId, version))
            .addProperty(RDF.type, Vocab.ENTITY)
            .addProperty(Vocab.SPECIALIZATION_OF, product)
            .addLiteral(Vocab.CTAO_VERSION, (long) version);
    if (version > 1) {
      aip.addProperty(
          Vocab.WAS_REVISION_OF, model.createResource(Vocab.aipIri(productId, version - 1)));
    }
  }

  /** The archive as a PROV software agent. */
  private Resource archiveAgent() {
    return model
        .createResource(Vocab.ARCHIVE_AGENT)
        .addProperty(RDF.type, Vocab.SOFTWARE_AGENT)
        .addProperty(Vocab.LABEL, "DPPS preservation archive");
  }

  /** The archive's ingest of this version from a deposit, by a depositing pipeline. */
  public ProvenanceGraph ingest(
      String depositId,
      Instant started,
      Instant ended,
      Optional<String> pipeline,
      Optional<String> pipelineVersion) {
    Resource archive = archiveAgent();
    Resource deposit =
        model
            .createResource(Vocab.depositIri(depositId))
            .addProperty(RDF.type, Vocab.ENTITY)
            .addProperty(Vocab.LABEL, "SIP of deposit " + depositId);
    Resource activity =
        model
            .createResource(Vocab.depositIri(depositId) + "/ingest")
            .addProperty(RDF.type, Vocab.ACTIVITY)
            .addProperty(Vocab.DCT_TYPE, Vocab.eventType("ing"))
            .addProperty(Vocab.USED, deposit)
            .addProperty(Vocab.WAS_ASSOCIATED_WITH, archive)
            .addLiteral(Vocab.STARTED_AT, dateTime(started))
            .addLiteral(Vocab.ENDED_AT, dateTime(ended));
    aip.addProperty(Vocab.WAS_GENERATED_BY, activity).addProperty(Vocab.WAS_DERIVED_FROM, deposit);
    pipeline.ifPresent(
        name -> {
          Resource agent =
              model
                  .createResource("urn:ctao:pipeline:" + safe(name))
                  .addProperty(RDF.type, Vocab.SOFTWARE_AGENT)
                  .addProperty(Vocab.LABEL, name);
          pipelineVersion.ifPresent(v -> agent.addProperty(Vocab.CTAO_SOFTWARE_VERSION, v));
          deposit.addProperty(Vocab.WAS_ATTRIBUTED_TO, agent);
          product.addProperty(Vocab.WAS_ATTRIBUTED_TO, agent);
        });
    return this;
  }

  /** What the product's own reference metadata says about the activity that made it. */
  public ProvenanceGraph fromHeaders(ProductMetadata metadata) {
    metadata.description().ifPresent(d -> product.addProperty(Vocab.DCT_DESCRIPTION, d));
    metadata.dataLevels().forEach(level -> product.addProperty(Vocab.CTAO_DATA_LEVEL, level));
    if (metadata.activityName().isPresent() || metadata.activityId().isPresent()) {
      String id =
          metadata.activityId().orElse(UUID.nameUUIDFromBytes(productId.getBytes()).toString());
      Resource activity =
          model
              .createResource("urn:ctao:activity:" + safe(id))
              .addProperty(RDF.type, Vocab.ACTIVITY);
      metadata.activityName().ifPresent(n -> activity.addProperty(Vocab.LABEL, n));
      metadata
          .softwareName()
          .ifPresent(
              software -> {
                Resource agent =
                    model
                        .createResource(
                            "urn:ctao:software:"
                                + safe(software)
                                + metadata.softwareVersion().map(v -> ":" + safe(v)).orElse(""))
                        .addProperty(RDF.type, Vocab.SOFTWARE_AGENT)
                        .addProperty(Vocab.LABEL, software);
                metadata
                    .softwareVersion()
                    .ifPresent(v -> agent.addProperty(Vocab.CTAO_SOFTWARE_VERSION, v));
                activity.addProperty(Vocab.WAS_ASSOCIATED_WITH, agent);
              });
      product.addProperty(Vocab.WAS_GENERATED_BY, activity);
    }
    return this;
  }

  /**
   * A ctapipe activity (from a {@code *.provenance.log}) that produced this product: its inputs
   * become used entities, and inputs carrying a product id are linked to that product.
   */
  public ProvenanceGraph ctapipeActivity(CtapipeActivity activity) {
    Resource node =
        model
            .createResource("urn:ctao:activity:" + safe(activity.uuid()))
            .addProperty(RDF.type, Vocab.ACTIVITY)
            .addProperty(Vocab.LABEL, activity.name());
    activity.start().ifPresent(t -> node.addLiteral(Vocab.STARTED_AT, dateTime(t)));
    activity.stop().ifPresent(t -> node.addLiteral(Vocab.ENDED_AT, dateTime(t)));
    Resource agent =
        model
            .createResource(
                "urn:ctao:software:ctapipe"
                    + activity.softwareVersion().map(v -> ":" + safe(v)).orElse(""))
            .addProperty(RDF.type, Vocab.SOFTWARE_AGENT)
            .addProperty(Vocab.LABEL, "ctapipe");
    activity.softwareVersion().ifPresent(v -> agent.addProperty(Vocab.CTAO_SOFTWARE_VERSION, v));
    node.addProperty(Vocab.WAS_ASSOCIATED_WITH, agent);
    for (FileRef input : activity.inputs()) {
      Resource used =
          input
              .productId()
              .map(id -> model.createResource(Vocab.productIri(id)))
              .orElseGet(() -> model.createResource("urn:ctao:file:" + safe(input.url())));
      used.addProperty(RDF.type, Vocab.ENTITY).addProperty(Vocab.LABEL, input.url());
      node.addProperty(Vocab.USED, used);
      product.addProperty(Vocab.WAS_DERIVED_FROM, used);
    }
    product.addProperty(Vocab.WAS_GENERATED_BY, node);
    return this;
  }

  /**
   * Links this product to the CWLProv entity it is in a workflow run's graph (same bytes), and to
   * the products the run used.
   */
  public ProvenanceGraph cwlProv(String entityIri, String runIri, List<String> inputProductIds) {
    Resource entity = model.createResource(entityIri);
    product.addProperty(Vocab.ALTERNATE_OF, entity);
    Resource run = model.createResource(runIri).addProperty(RDF.type, Vocab.ACTIVITY);
    product.addProperty(Vocab.WAS_GENERATED_BY, run);
    for (String input : inputProductIds) {
      Resource used = model.createResource(Vocab.productIri(input));
      run.addProperty(Vocab.USED, used);
      product.addProperty(Vocab.WAS_DERIVED_FROM, used);
    }
    return this;
  }

  /**
   * A migration made this version from the previous one: the activity (typed PREMIS {@code mig}),
   * associated with the archive and with the tool under the plan, used the earlier files and
   * generated the new ones; each new file and the version itself were derived from what they
   * replace. {@code derived} maps each new file path to the earlier version's file path.
   */
  public ProvenanceGraph migration(
      String activityIri,
      String label,
      Instant started,
      Instant ended,
      String toolName,
      String toolVersion,
      String planIri,
      String planLabel,
      java.util.Map<String, String> derived) {
    int version = versionOf();
    Resource previous = model.createResource(Vocab.aipIri(productId, version - 1));
    Resource tool =
        model
            .createResource(Vocab.softwareIri(toolName, toolVersion))
            .addProperty(RDF.type, Vocab.SOFTWARE_AGENT)
            .addProperty(Vocab.LABEL, toolName);
    if (toolVersion != null) {
      tool.addProperty(Vocab.CTAO_SOFTWARE_VERSION, toolVersion);
    }
    Resource plan =
        model
            .createResource(planIri)
            .addProperty(RDF.type, Vocab.PLAN)
            .addProperty(RDF.type, Vocab.ENTITY)
            .addProperty(Vocab.LABEL, planLabel);
    Resource archive = archiveAgent();
    Resource activity =
        model
            .createResource(activityIri)
            .addProperty(RDF.type, Vocab.ACTIVITY)
            .addProperty(Vocab.DCT_TYPE, Vocab.eventType("mig"))
            .addProperty(Vocab.LABEL, label)
            .addLiteral(Vocab.STARTED_AT, dateTime(started))
            .addLiteral(Vocab.ENDED_AT, dateTime(ended))
            .addProperty(Vocab.WAS_ASSOCIATED_WITH, tool)
            .addProperty(Vocab.WAS_ASSOCIATED_WITH, archive)
            .addProperty(Vocab.CTAO_MIGRATION_PLAN, plan)
            .addProperty(Vocab.USED, previous);
    activity.addProperty(
        Vocab.QUALIFIED_ASSOCIATION,
        model
            .createResource()
            .addProperty(RDF.type, Vocab.ASSOCIATION)
            .addProperty(Vocab.AGENT_PROPERTY, tool)
            .addProperty(Vocab.HAD_PLAN, plan));
    aip.addProperty(Vocab.WAS_GENERATED_BY, activity).addProperty(Vocab.WAS_DERIVED_FROM, previous);
    derived.forEach(
        (path, from) -> {
          Resource old =
              model
                  .createResource(Vocab.fileIri(productId, version - 1, from))
                  .addProperty(RDF.type, Vocab.ENTITY);
          activity.addProperty(Vocab.USED, old);
          model
              .createResource(Vocab.fileIri(productId, version, path))
              .addProperty(RDF.type, Vocab.ENTITY)
              .addProperty(Vocab.WAS_DERIVED_FROM, old)
              .addProperty(Vocab.WAS_GENERATED_BY, activity);
        });
    return this;
  }

  /** A file of this version, with its sha512. */
  public ProvenanceGraph file(String path, String sha512) {
    Resource file =
        model
            .createResource(Vocab.fileIri(productId, versionOf(), path))
            .addProperty(RDF.type, Vocab.ENTITY)
            .addProperty(Vocab.LABEL, path)
            .addProperty(Vocab.CTAO_SHA512, sha512);
    aip.addProperty(Vocab.DCT_HAS_PART, file);
    return this;
  }

  private int versionOf() {
    return (int) aip.getProperty(Vocab.CTAO_VERSION).getLong();
  }

  public Model model() {
    return model;
  }

  public byte[] toTurtle() {
    return turtle(model);
  }

  /** Turtle written triple by triple with prefixes (streamed: cheap to write, still Turtle). */
  public static byte[] turtle(Model model) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RDFDataMgr.write(out, model, RDFFormat.TURTLE_FLAT);
    return out.toByteArray();
  }

  static XSDDateTime dateTime(Instant instant) {
    Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    calendar.setTimeInMillis(instant.toEpochMilli());
    return new XSDDateTime(calendar);
  }

  static String safe(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
