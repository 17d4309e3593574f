package org.dpps.archive.ingest.application;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dpps.archive.ingest.domain.FileFormat;
import org.dpps.archive.ingest.domain.FormatIdentifier;
import org.dpps.archive.ingest.domain.ProductCandidate;
import org.dpps.archive.ingest.domain.ProductCandidate.CandidateFile;
import org.dpps.archive.ingest.domain.ProductCandidate.CwlProvLink;
import org.dpps.archive.ingest.domain.Sip;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.jobs.ParallelMap;
import org.dpps.archive.schemas.metadata.FitsMetadataReader;
import org.dpps.archive.schemas.metadata.Hdf5MetadataReader;
import org.dpps.archive.schemas.metadata.ProductMetadata;
import org.dpps.archive.schemas.model.MultiDigest;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.schemas.provenance.CtapipeActivity;
import org.dpps.archive.schemas.provenance.CtapipeProvenanceLog;
import org.dpps.archive.schemas.provenance.CwlProvFile;
import org.dpps.archive.schemas.provenance.CwlProvResearchObject;
import org.dpps.archive.schemas.provenance.CwlProvRun;
import org.dpps.archive.schemas.sip.SipManifest;
import org.dpps.archive.storage.domain.ContentLookup;

/**
 * Decides which products a validated SIP holds: characterises every payload file (format, FITS and
 * HDF5 headers) and groups files into products.
 *
 * <ul>
 *   <li>A CWLProv research object: each workflow output is a product named by its {@code
 *       cwlprov:basename}; each input already archived (same sha512) is linked, any other input is
 *       archived as a product too.
 *   <li>Otherwise each payload file is a product, unless {@code metadata/sip.json} groups files;
 *       files sharing a {@code CTA PRODUCT ID} are one product. ctapipe {@code *.provenance.log}
 *       files are provenance, not products.
 * </ul>
 *
 * Identity: {@code CTA PRODUCT ID}, else the sip.json product id, else {@code sha256-<hex>}.
 */
public final class ProductPlanner {
  static final int MAX_TARGET = 200;
  static final int MAX_SHORT = 100;
  static final int MAX_DESCRIPTION = 4000;
  private final FormatIdentifier formats;
  private final Optional<ContentLookup> archived;
  private final ParallelMap parallel;

  public ProductPlanner(FormatIdentifier formats, Optional<ContentLookup> archived) {
    this(formats, archived, ParallelMap.SEQUENTIAL);
  }

  /** A planner that characterises the files of a deposit in parallel with {@code parallel}. */
  public ProductPlanner(
      FormatIdentifier formats, Optional<ContentLookup> archived, ParallelMap parallel) {
    this.parallel = parallel;
    this.formats = formats;
    this.archived = archived;
  }

  /** CWLProv graphs a research object may carry, in order of preference. */
  public static final List<String> CWLPROV_GRAPHS =
      List.of("metadata/provenance/primary.cwlprov.ttl", "metadata/provenance/primary.cwlprov.nt");

  public List<ProductCandidate> plan(Sip sip, Optional<SipManifest> manifest) {
    Optional<String> cwlGraph = CWLPROV_GRAPHS.stream().filter(sip::hasTagFile).findFirst();
    if (cwlGraph.isPresent()) {
      return planCwlProv(sip, cwlGraph.get());
    }
    return planFiles(sip, manifest);
  }

  private List<ProductCandidate> planCwlProv(Sip sip, String graphFile) {
    CwlProvRun run = CwlProvResearchObject.read(sip.root());
    if (run.outputs().isEmpty()) {
      throw new ArchiveException(
          ErrorCode.PROVENANCE_INVALID, "The workflow run has no output files", graphFile);
    }
    List<ProductCandidate> candidates = new ArrayList<>();
    List<String> inputIds = new ArrayList<>();
    for (CwlProvFile input : run.inputs()) {
      MultiDigest.Result digests = payloadOf(sip, input.bagPath());
      Optional<ProductId> known =
          archived.flatMap(lookup -> lookup.productWithFile(digests.digests().sha512()));
      if (known.isPresent()) {
        inputIds.add(known.get().value());
      } else {
        ProductCandidate candidate =
            single(sip, input.bagPath(), nameOf(input), digests, List.of(), Optional.empty());
        candidates.add(candidate);
        inputIds.add(candidate.productId().value());
      }
    }
    for (CwlProvFile output : run.outputs()) {
      MultiDigest.Result digests = payloadOf(sip, output.bagPath());
      CwlProvLink link =
          new CwlProvLink(output.entityIri(), run.runIri(), graphFile, List.copyOf(inputIds));
      candidates.add(
          single(sip, output.bagPath(), nameOf(output), digests, List.of(), Optional.of(link)));
    }
    return merge(candidates);
  }

  private static String nameOf(CwlProvFile file) {
    return file.basename().filter(b -> !b.isBlank() && !b.contains("/")).orElse(file.sha1());
  }

  private static MultiDigest.Result payloadOf(Sip sip, String bagPath) {
    MultiDigest.Result digests = sip.payload().get(bagPath);
    if (digests == null) {
      throw new ArchiveException(
          ErrorCode.BAG_INCOMPLETE, "The provenance names a file the bag does not hold", bagPath);
    }
    return digests;
  }

  private List<ProductCandidate> planFiles(Sip sip, Optional<SipManifest> manifest) {
    List<CtapipeActivity> activities = new ArrayList<>();
    Map<String, MultiDigest.Result> products = new LinkedHashMap<>();
    sip.payload()
        .forEach(
            (path, digests) -> {
              if (path.endsWith(".provenance.log")) {
                activities.addAll(CtapipeProvenanceLog.parse(sip.resolve(path)));
              } else {
                products.put(path, digests);
              }
            });
    if (products.isEmpty()) {
      throw new ArchiveException(
          ErrorCode.EMPTY_BAG, "The bag holds provenance but no data product", "data/");
    }
    List<ProductCandidate> candidates = new ArrayList<>();
    Map<String, String> grouped = new LinkedHashMap<>();
    manifest.ifPresent(
        m -> {
          for (SipManifest.Product product : m.products()) {
            for (String file : product.files()) {
              String path = file.startsWith("data/") ? file : "data/" + file;
              if (!products.containsKey(path)) {
                throw new ArchiveException(
                    ErrorCode.SIP_MANIFEST_INVALID,
                    "sip.json lists a product file the bag does not hold",
                    path);
              }
              grouped.put(path, product.id());
            }
          }
        });
    List<ProductCandidate> characterised =
        parallel.map(
            List.copyOf(products.entrySet()),
            entry -> {
              String name = entry.getKey().substring("data/".length());
              return single(
                  sip,
                  entry.getKey(),
                  name,
                  entry.getValue(),
                  activitiesFor(name, activities),
                  Optional.empty());
            });
    for (ProductCandidate candidate : characterised) {
      String groupId = grouped.get(candidate.files().get(0).sipPath());
      if (groupId != null && candidate.metadata().productId().isEmpty()) {
        candidate =
            new ProductCandidate(
                new ProductId(groupId),
                candidate.files(),
                candidate.metadata(),
                candidate.activities(),
                candidate.cwlProv());
      }
      candidates.add(candidate);
    }
    return merge(candidates);
  }

  /** The activities whose outputs name this file; all of them if none names any file. */
  private static List<CtapipeActivity> activitiesFor(String name, List<CtapipeActivity> all) {
    String base = Path.of(name).getFileName().toString();
    List<CtapipeActivity> mine =
        all.stream()
            .filter(
                a ->
                    a.outputs().stream()
                        .anyMatch(o -> o.url().endsWith("/" + base) || o.url().equals(base)))
            .toList();
    boolean anyNamed = all.stream().anyMatch(a -> !a.outputs().isEmpty());
    return mine.isEmpty() && !anyNamed ? all : mine;
  }

  private ProductCandidate single(
      Sip sip,
      String sipPath,
      String name,
      MultiDigest.Result digests,
      List<CtapipeActivity> activities,
      Optional<CwlProvLink> link) {
    Path file = sip.resolve(sipPath);
    FileFormat format = formats.identify(file, sipPath);
    ProductMetadata metadata = characterise(file, sipPath, format);
    checkLengths(metadata, sipPath);
    ProductId id =
        metadata
            .productId()
            .map(ProductPlanner::productIdFromHeader)
            .orElseGet(() -> ProductId.fromSha256(digests.digests().sha256()));
    return new ProductCandidate(
        id, List.of(new CandidateFile(sipPath, name, digests, format)), metadata, activities, link);
  }

  private static ProductId productIdFromHeader(String value) {
    try {
      return new ProductId(value.trim());
    } catch (ArchiveException e) {
      throw new ArchiveException(
          ErrorCode.FORMAT_INVALID, "CTA PRODUCT ID is not a valid product id: " + value);
    }
  }

  private static ProductMetadata characterise(Path file, String sipPath, FileFormat format) {
    String lower = sipPath.toLowerCase(Locale.ROOT);
    boolean namedFits =
        lower.endsWith(".fits") || lower.endsWith(".fits.gz") || lower.endsWith(".fit");
    boolean namedHdf5 = lower.endsWith(".h5") || lower.endsWith(".hdf5");
    try {
      if (format.isFits()) {
        return new FitsMetadataReader().read(file);
      }
      if (format.isHdf5()) {
        return new Hdf5MetadataReader().read(file);
      }
    } catch (ArchiveException e) {
      throw relativeToBag(e, file, sipPath);
    }
    if (namedFits || namedHdf5) {
      throw new ArchiveException(
          ErrorCode.FORMAT_INVALID,
          "The file is named as "
              + (namedFits ? "FITS" : "HDF5")
              + " but its content is "
              + format.mediaType(),
          sipPath);
    }
    return ProductMetadata.empty();
  }

  /**
   * The readers name the file by its absolute staging path; a deposit's problem names it by its
   * path in the bag, and never reveals the archive's directories.
   */
  private static ArchiveException relativeToBag(ArchiveException e, Path file, String sipPath) {
    String absolute = file.toString();
    String detail = e.getMessage() == null ? null : e.getMessage().replace(absolute, sipPath);
    String path = e.path().map(p -> p.replace(absolute, sipPath)).orElse(sipPath);
    return new ArchiveException(e.code(), detail, path, e);
  }

  private static void checkLengths(ProductMetadata m, String path) {
    check(m.object(), MAX_TARGET, "OBJECT", path);
    check(m.telescope(), MAX_SHORT, "TELESCOP", path);
    check(m.instrument(), MAX_SHORT, "INSTRUME", path);
    check(m.instrumentSite(), MAX_SHORT, "CTA INSTRUMENT SITE", path);
    check(m.dataCategory(), MAX_SHORT, "CTA PRODUCT DATA CATEGORY", path);
    check(m.description(), MAX_DESCRIPTION, "CTA PRODUCT DESCRIPTION", path);
    check(Optional.of(String.join(",", m.dataLevels())), 500, "CTA PRODUCT DATA LEVELS", path);
  }

  private static void check(Optional<String> value, int max, String key, String path) {
    if (value.isPresent() && value.get().length() > max) {
      throw new ArchiveException(
          ErrorCode.FIELD_TOO_LONG,
          key + " is " + value.get().length() + " characters long; at most " + max + " allowed",
          path);
    }
  }

  /** Candidates with the same product id become one product with all their files. */
  private static List<ProductCandidate> merge(List<ProductCandidate> candidates) {
    Map<ProductId, ProductCandidate> byId = new LinkedHashMap<>();
    for (ProductCandidate c : candidates) {
      byId.merge(
          c.productId(),
          c,
          (a, b) -> {
            List<CandidateFile> files = new ArrayList<>(a.files());
            for (CandidateFile f : b.files()) {
              boolean clash = files.stream().anyMatch(x -> x.name().equals(f.name()));
              if (!clash) {
                files.add(f);
              }
            }
            List<CtapipeActivity> activities = new ArrayList<>(a.activities());
            b.activities().stream().filter(x -> !activities.contains(x)).forEach(activities::add);
            return new ProductCandidate(
                a.productId(), files, a.metadata(), activities, a.cwlProv().or(b::cwlProv));
          });
    }
    return List.copyOf(byId.values());
  }
}
