package org.dpps.archive.ingest.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dpps.archive.ingest.domain.EmbargoPolicy;
import org.dpps.archive.ingest.domain.ProductCandidate;
import org.dpps.archive.ingest.domain.ProductCandidate.CandidateFile;
import org.dpps.archive.ingest.domain.Sip;
import org.dpps.archive.platform.files.FileTrees;
import org.dpps.archive.schemas.metadata.ProductMetadata;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.MultiDigest;
import org.dpps.archive.schemas.rdf.PremisEvents;
import org.dpps.archive.schemas.rdf.ProvenanceGraph;
import org.dpps.archive.schemas.sip.SipManifest;
import org.dpps.archive.storage.api.AipWriter;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipFile;

/**
 * Builds one AIP bag (BagIt 1.0) in a work directory: payload files linked (not copied) from the
 * staged SIP with the digests computed when they were staged; sha512 and sha256 payload manifests;
 * {@code bag-info.txt}; the descriptive record, PREMIS events and PROV-O graph as tag files; tag
 * manifests; and the Ed25519 seal over {@code tagmanifest-sha512.txt}.
 */
public final class AipAssembler {
  private final AipWriter writer;

  public AipAssembler(AipWriter writer) {
    this.writer = writer;
  }

  /** What the AIP records of its deposit. */
  public record Context(
      String depositId,
      Instant depositedAt,
      Instant started,
      Sip sip,
      Optional<SipManifest> manifest,
      EmbargoPolicy embargo) {
    public Context(
        String depositId,
        Instant depositedAt,
        Instant started,
        Sip sip,
        Optional<SipManifest> manifest) {
      this(depositId, depositedAt, started, sip, manifest, EmbargoPolicy.DEFAULT);
    }
  }

  public AipCommit assemble(ProductCandidate product, int version, Context context, Path dir) {
    try {
      deleteTree(dir);
      Files.createDirectories(dir.resolve("data"));
      List<AipFile> files = new ArrayList<>();
      for (CandidateFile file : product.files()) {
        Path target = dir.resolve("data").resolve(file.name()).normalize();
        if (!target.startsWith(dir.resolve("data"))) {
          throw new IllegalArgumentException("file name escapes the bag: " + file.name());
        }
        Files.createDirectories(target.getParent());
        linkOrCopy(context.sip().resolve(file.sipPath()), target);
        MultiDigest.Result d = file.digests();
        files.add(new AipFile("data/" + file.name(), target, d.size(), d.digests()));
      }
      List<Map.Entry<String, String>> info =
          List.of(
              Map.entry("Source-Organization", "CTAO"),
              Map.entry("Bag-Software-Agent", "DPPS preservation archive"),
              Map.entry("External-Identifier", product.productId().value()),
              Map.entry(
                  "External-Description",
                  "AIP of CTAO data product " + product.productId().value()),
              Map.entry(
                  "Bagging-Date",
                  LocalDate.ofInstant(context.depositedAt(), ZoneOffset.UTC).toString()),
              Map.entry("Payload-Oxum", AipWriter.payloadOxum(files)),
              Map.entry("Internal-Sender-Identifier", context.depositId()),
              Map.entry("Bag-Group-Identifier", "version " + version));

      DescriptiveRecord record = describe(product, version, context);
      write(dir, "metadata/descriptive.json", record.toJson());
      write(dir, "metadata/premis.ttl", premis(product, version, context).toTurtle());
      write(dir, "metadata/provenance.ttl", provenance(product, version, context).toTurtle());
      if (context.manifest().isPresent()) {
        copyTag(context.sip(), SipManifest.PATH, dir, "metadata/sip.json");
      }
      if (product.cwlProv().isPresent()) {
        String graph = product.cwlProv().get().graphFile();
        String name = graph.substring(graph.lastIndexOf('/') + 1);
        copyTag(context.sip(), graph, dir, "metadata/cwlprov/" + name);
        if (context.sip().hasTagFile("workflow/packed.cwl")) {
          copyTag(context.sip(), "workflow/packed.cwl", dir, "metadata/cwlprov/packed.cwl");
        }
      }
      for (String path : context.sip().payload().keySet()) {
        if (path.endsWith(".provenance.log")) {
          copyTag(context.sip(), path, dir, "metadata/ctapipe/" + Path.of(path).getFileName());
        }
      }
      String message =
          "Ingest of deposit " + context.depositId() + " (" + product.files().size() + " files)";
      return writer.finish(dir, product.productId(), files, info, message, "dpps-archive", 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot assemble the AIP in " + dir, e);
    }
  }

  private static DescriptiveRecord describe(
      ProductCandidate product, int version, Context context) {
    ProductMetadata m = product.metadata();
    List<DescriptiveRecord.FileEntry> files = new ArrayList<>();
    for (CandidateFile f : product.files()) {
      var d = f.digests().digests();
      files.add(
          new DescriptiveRecord.FileEntry(
              f.name(),
              f.digests().size(),
              f.format().mediaType(),
              f.format().name(),
              f.format().pronom().orElse(null),
              d.sha512(),
              d.sha256(),
              d.adler32()));
    }
    Optional<SipManifest> sip = context.manifest();
    String description =
        m.description().or(() -> sip.flatMap(SipManifest::description)).orElse(null);
    return new DescriptiveRecord(
        DescriptiveRecord.FORMAT,
        product.productId().value(),
        version,
        context.depositId(),
        context.depositedAt().toString(),
        description,
        m.dataLevels(),
        m.dataCategory().orElse(null),
        m.processType().orElse(null),
        m.activityName().orElse(null),
        m.activityId().orElse(null),
        m.softwareName().orElse(null),
        m.softwareVersion().orElse(null),
        m.instrumentSite().orElse(null),
        m.obsId().orElse(null),
        m.object().orElse(null),
        m.raPnt().orElse(null),
        m.decPnt().orElse(null),
        m.timeStart().map(Instant::toString).orElse(null),
        m.timeStop().map(Instant::toString).orElse(null),
        m.ontime().orElse(null),
        m.livetime().orElse(null),
        m.telescope().orElse(null),
        m.instrument().orElse(null),
        m.hduClasses(),
        sip.map(SipManifest::pipelineName).orElse(null),
        sip.flatMap(SipManifest::pipelineVersion).orElse(null),
        sip.map(SipManifest::keywords).orElse(List.of()),
        context
            .embargo()
            .releaseDate(
                sip.flatMap(SipManifest::embargoUntil),
                m.timeStop().or(m::timeStart),
                context.depositedAt())
            .toString(),
        context.embargo().group(sip.flatMap(SipManifest::accessGroup)),
        files,
        m.headers());
  }

  private static PremisEvents premis(ProductCandidate product, int version, Context context) {
    PremisEvents premis = new PremisEvents(product.productId().value(), version);
    for (CandidateFile f : product.files()) {
      premis.file(
          f.name(),
          f.digests().size(),
          f.format().mediaType(),
          f.format().pronom().orElse(null),
          f.digests().digests().sha512());
    }
    Instant at = context.started();
    premis.event("mes", at, true, "sha512, sha256 and adler32 computed while staging");
    premis.event(
        "val",
        at,
        true,
        "BagIt " + context.sip().bagitVersion() + " bag complete and valid; all manifests match");
    premis.event("for", at, true, "Apache Tika and FITS/HDF5 signatures");
    premis.event("mee", at, true, "CTAO reference metadata and GADF headers read");
    premis.event("ipc", at, true, "BagIt 1.0 AIP, sealed with Ed25519");
    premis.event("ing", at, true, "Deposit " + context.depositId() + ", AIP version " + version);
    return premis;
  }

  private static ProvenanceGraph provenance(
      ProductCandidate product, int version, Context context) {
    ProvenanceGraph graph = new ProvenanceGraph(product.productId().value(), version);
    Optional<SipManifest> sip = context.manifest();
    graph.ingest(
        context.depositId(),
        context.started(),
        context.depositedAt(),
        sip.map(SipManifest::pipelineName),
        sip.flatMap(SipManifest::pipelineVersion));
    graph.fromHeaders(product.metadata());
    product.activities().forEach(graph::ctapipeActivity);
    product
        .cwlProv()
        .ifPresent(link -> graph.cwlProv(link.entityIri(), link.runIri(), link.inputProducts()));
    product.files().forEach(f -> graph.file(f.name(), f.digests().digests().sha512()));
    return graph;
  }

  private static void write(Path dir, String path, byte[] bytes) throws IOException {
    Path target = dir.resolve(path);
    Files.createDirectories(target.getParent());
    Files.write(target, bytes);
  }

  private static void copyTag(Sip sip, String from, Path dir, String to) throws IOException {
    Path target = dir.resolve(to);
    Files.createDirectories(target.getParent());
    Files.copy(sip.resolve(from), target, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Hard-links the staged file (no bytes copied); copies when the file system cannot link. */
  private static void linkOrCopy(Path source, Path target) throws IOException {
    AipWriter.linkOrCopy(source, target);
  }

  static void deleteTree(Path dir) throws IOException {
    FileTrees.delete(dir);
  }
}
