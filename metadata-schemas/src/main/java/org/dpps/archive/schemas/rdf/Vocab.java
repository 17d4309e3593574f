package org.dpps.archive.schemas.rdf;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/** IRIs of the vocabularies the archive writes: PROV-O, PREMIS 3, Dublin Core, CTAO archive. */
public final class Vocab {
  public static final String PROV = "http://www.w3.org/ns/prov#";
  public static final String PREMIS = "http://www.loc.gov/premis/rdf/v3/";
  public static final String EVENT_TYPE = "http://id.loc.gov/vocabulary/preservation/eventType/";
  public static final String EVENT_OUTCOME =
      "http://id.loc.gov/vocabulary/preservation/eventOutcome/";
  public static final String DCT = "http://purl.org/dc/terms/";
  public static final String CTAO = "urn:ctao:archive:vocab#";
  public static final String CWLPROV = "https://w3id.org/cwl/prov#";
  public static final String WFPROV = "http://purl.org/wf4ever/wfprov#";

  public static final Resource ENTITY = r(PROV + "Entity");
  public static final Resource ACTIVITY = r(PROV + "Activity");
  public static final Resource AGENT = r(PROV + "Agent");
  public static final Resource SOFTWARE_AGENT = r(PROV + "SoftwareAgent");
  public static final Resource ORGANIZATION = r(PROV + "Organization");
  public static final Resource PLAN = r(PROV + "Plan");
  public static final Resource ASSOCIATION = r(PROV + "Association");
  public static final Property USED = p(PROV + "used");
  public static final Property GENERATED = p(PROV + "generated");
  public static final Property QUALIFIED_ASSOCIATION = p(PROV + "qualifiedAssociation");
  public static final Property AGENT_PROPERTY = p(PROV + "agent");
  public static final Property HAD_PLAN = p(PROV + "hadPlan");
  public static final Property WAS_GENERATED_BY = p(PROV + "wasGeneratedBy");
  public static final Property WAS_DERIVED_FROM = p(PROV + "wasDerivedFrom");
  public static final Property WAS_ASSOCIATED_WITH = p(PROV + "wasAssociatedWith");
  public static final Property WAS_ATTRIBUTED_TO = p(PROV + "wasAttributedTo");
  public static final Property ACTED_ON_BEHALF_OF = p(PROV + "actedOnBehalfOf");
  public static final Property WAS_REVISION_OF = p(PROV + "wasRevisionOf");
  public static final Property SPECIALIZATION_OF = p(PROV + "specializationOf");
  public static final Property ALTERNATE_OF = p(PROV + "alternateOf");
  public static final Property STARTED_AT = p(PROV + "startedAtTime");
  public static final Property ENDED_AT = p(PROV + "endedAtTime");
  public static final Property AT_TIME = p(PROV + "atTime");
  public static final Property GENERATED_AT = p(PROV + "generatedAtTime");
  public static final Property LABEL = p("http://www.w3.org/2000/01/rdf-schema#label");
  public static final Property VALUE = p(PROV + "value");

  public static final Resource PREMIS_EVENT = r(PREMIS + "Event");
  public static final Resource PREMIS_FILE = r(PREMIS + "File");
  public static final Resource PREMIS_IE = r(PREMIS + "IntellectualEntity");
  public static final Property PREMIS_OUTCOME = p(PREMIS + "outcome");
  public static final Property PREMIS_OUTCOME_NOTE = p(PREMIS + "outcomeNote");
  public static final Property PREMIS_FIXITY = p(PREMIS + "fixity");
  public static final Property PREMIS_SIZE = p(PREMIS + "size");
  public static final Property PREMIS_FORMAT = p(PREMIS + "format");
  public static final Property DCT_TYPE = p(DCT + "type");
  public static final Property DCT_IDENTIFIER = p(DCT + "identifier");
  public static final Property DCT_DESCRIPTION = p(DCT + "description");
  public static final Property DCT_HAS_PART = p(DCT + "hasPart");
  public static final Property DCT_CONFORMS_TO = p(DCT + "conformsTo");

  public static final Property CTAO_PRODUCT_ID = p(CTAO + "productId");
  public static final Property CTAO_VERSION = p(CTAO + "version");
  public static final Property CTAO_DATA_LEVEL = p(CTAO + "dataLevel");
  public static final Property CTAO_SOFTWARE_VERSION = p(CTAO + "softwareVersion");
  public static final Property CTAO_DEPOSIT = p(CTAO + "deposit");
  public static final Property CTAO_SHA512 = p(CTAO + "sha512");
  public static final Property CTAO_SHA1 = p(CTAO + "sha1");
  public static final Property CTAO_MIGRATION_PLAN = p(CTAO + "migrationPlan");
  public static final Property CTAO_FORMAT = p(CTAO + "format");

  /** The archive as a PROV agent. */
  public static final String ARCHIVE_AGENT = "urn:ctao:agent:dpps-archive";

  private Vocab() {}

  public static String productIri(String productId) {
    return "urn:ctao:product:" + productId;
  }

  public static String aipIri(String productId, int version) {
    return "urn:ctao:product:" + productId + ":v" + version;
  }

  public static String fileIri(String productId, int version, String path) {
    return aipIri(productId, version) + "/data/" + path;
  }

  /** A migration plan of the archive's preservation planning. */
  public static String planIri(String planId) {
    return "urn:ctao:migration-plan:" + planId;
  }

  /** A software agent: tool name and version. */
  public static String softwareIri(String name, String version) {
    return "urn:ctao:software:"
        + ProvenanceGraph.safe(name)
        + (version == null ? "" : ":" + ProvenanceGraph.safe(version));
  }

  public static String depositIri(String depositId) {
    return "urn:ctao:deposit:" + depositId;
  }

  /** The name of the named graph holding one product's provenance. */
  public static String graphName(String productId) {
    return productIri(productId);
  }

  public static Resource eventType(String code) {
    return r(EVENT_TYPE + code);
  }

  public static Resource outcome(boolean success) {
    return r(EVENT_OUTCOME + (success ? "suc" : "fail"));
  }

  private static Resource r(String iri) {
    return ResourceFactory.createResource(iri);
  }

  private static Property p(String iri) {
    return ResourceFactory.createProperty(iri);
  }
}
