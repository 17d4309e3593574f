package org.dpps.archive.schemas.provenance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.jena.rdf.model.Model;

/**
 * The top-level workflow run of a CWLProv research object.
 *
 * @param runIri the {@code wfprov:WorkflowRun} (cwltool: {@code urn:uuid:<run uuid>}, the same uuid
 *     as the bag's {@code External-Identifier arcp://uuid,<run uuid>/})
 * @param start {@code prov:startedAtTime} (else the {@code prov:qualifiedStart} time)
 * @param end {@code prov:endedAtTime} (else the {@code prov:qualifiedEnd} time)
 * @param inputs files the run used, one per content hash
 * @param outputs files the run generated (its workflow outputs), one per content hash
 * @param graph the whole provenance graph, for callers that keep or query it
 */
public record CwlProvRun(
    String runIri,
    Optional<Instant> start,
    Optional<Instant> end,
    List<CwlProvFile> inputs,
    List<CwlProvFile> outputs,
    Model graph) {
  public CwlProvRun {
    Objects.requireNonNull(runIri, "runIri");
    if (runIri.isBlank()) {
      throw new IllegalArgumentException("runIri must not be blank");
    }
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    Objects.requireNonNull(graph, "graph");
  }
}
