package org.dpps.archive.ingest.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.dpps.archive.schemas.metadata.ProductMetadata;
import org.dpps.archive.schemas.model.MultiDigest;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.schemas.provenance.CtapipeActivity;

/**
 * One product found in a SIP, ready to become an AIP: its identity, its files (where they are in
 * the SIP and what they will be called in the AIP), their formats and digests, its metadata and
 * what the SIP says about how it was made.
 */
public record ProductCandidate(
    ProductId productId,
    List<CandidateFile> files,
    ProductMetadata metadata,
    List<CtapipeActivity> activities,
    Optional<CwlProvLink> cwlProv) {

  public ProductCandidate {
    Objects.requireNonNull(productId, "productId");
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("A product needs at least one file");
    }
    Objects.requireNonNull(metadata, "metadata");
    activities = List.copyOf(activities);
    Objects.requireNonNull(cwlProv, "cwlProv");
  }

  /**
   * A file of the product.
   *
   * @param sipPath its path in the SIP (relative to the bag root)
   * @param name its path inside the AIP's {@code data/}
   */
  public record CandidateFile(
      String sipPath, String name, MultiDigest.Result digests, FileFormat format) {}

  /**
   * Where the product sits in a CWLProv research object.
   *
   * @param entityIri the product's entity in the run's graph
   * @param runIri the workflow run
   * @param graphFile the run's graph, relative to the bag root
   * @param inputProducts archived products the run used
   */
  public record CwlProvLink(
      String entityIri, String runIri, String graphFile, List<String> inputProducts) {}

  /** The payload as {@code name -> sha512}: what decides whether a re-deposit is new. */
  public Map<String, String> payloadDigests() {
    Map<String, String> digests = new TreeMap<>();
    files.forEach(f -> digests.put(f.name(), f.digests().digests().sha512()));
    return digests;
  }
}
