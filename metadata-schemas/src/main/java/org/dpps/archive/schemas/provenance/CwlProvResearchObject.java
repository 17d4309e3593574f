package org.dpps.archive.schemas.provenance;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.vocabulary.RDF;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * Reads the research object {@code cwltool --provenance DIR} writes (a BagIt 0.97 bag): the graph
 * {@code metadata/provenance/primary.cwlprov.ttl} (else {@code .nt}), the top-level {@code
 * wfprov:WorkflowRun}, and the files it used and generated.
 *
 * <p>What cwltool (checked with 3.1.20230209161050) writes, and this reader relies on:
 *
 * <ul>
 *   <li>the run is {@code urn:uuid:<uuid>}, {@code a wfprov:WorkflowRun}, with {@code
 *       prov:startedAtTime} and a {@code prov:qualifiedEnd [prov:atTime]} (no {@code
 *       prov:endedAtTime}); its steps are {@code wfprov:ProcessRun}s whose {@code
 *       prov:qualifiedStart} has {@code prov:hadActivity} the workflow run;
 *   <li>inputs are {@code run prov:qualifiedUsage [prov:entity E; prov:hadRole <...#main/param>]};
 *       workflow outputs are {@code E prov:qualifiedGeneration [prov:activity run; prov:hadRole
 *       <...#main/primary/param>]} (each step generation is recorded too, against the step);
 *   <li>{@code E} is a {@code urn:uuid:} {@code wf4ever:File} with {@code cwlprov:basename} and
 *       {@code prov:specializationOf <urn:hash::sha1:HEX>}; the bytes are at {@code data/HE/HEX}.
 *       Plain {@code prov:used}/{@code prov:wasGeneratedBy} and entities that are themselves {@code
 *       urn:hash::sha1:} IRIs are accepted as well.
 * </ul>
 *
 * <p>Entities without a sha1 (directories) are skipped; content bound twice (a bare tool run
 * records its input both for {@code #main/infile} and {@code #main/tool.cwl/infile}) is reported
 * once. Times without a zone are UTC. Graphs larger than {@value #MAX_GRAPH_BYTES} bytes, graphs
 * outside the bag (symbolic links) and JSON-LD (whose remote contexts a parser would fetch) are
 * refused.
 */
public final class CwlProvResearchObject {

  /** Largest graph file parsed: 64 MiB. */
  public static final long MAX_GRAPH_BYTES = 64L * 1024 * 1024;

  static final String PROV = "http://www.w3.org/ns/prov#";
  static final String WFPROV = "http://purl.org/wf4ever/wfprov#";
  static final String CWLPROV = "https://w3id.org/cwl/prov#";
  static final String SHA1_URN = "urn:hash::sha1:";

  private static final Pattern HEX40 = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern EXTERNAL_ID =
      Pattern.compile("^External-Identifier:\\s*arcp://uuid,([0-9a-fA-F-]{36})/?\\s*$");

  private CwlProvResearchObject() {}

  /**
   * Reads the top-level workflow run of a research object.
   *
   * @param bagRoot the directory holding {@code bagit.txt} and {@code metadata/}
   * @return the run, its times and files, and the whole graph
   * @throws ArchiveException {@link ErrorCode#PROVENANCE_INVALID} if the graph is missing, too
   *     large, outside the bag, unparseable, or has no workflow run
   */
  public static CwlProvRun read(Path bagRoot) {
    Objects.requireNonNull(bagRoot, "bagRoot");
    String bagName = bagRoot.toString();
    Path dir = bagRoot.resolve("metadata").resolve("provenance");
    Path file;
    Lang lang;
    if (Files.isRegularFile(dir.resolve("primary.cwlprov.ttl"))) {
      file = dir.resolve("primary.cwlprov.ttl");
      lang = Lang.TURTLE;
    } else if (Files.isRegularFile(dir.resolve("primary.cwlprov.nt"))) {
      file = dir.resolve("primary.cwlprov.nt");
      lang = Lang.NTRIPLES;
    } else {
      throw invalid(
          "no metadata/provenance/primary.cwlprov.ttl or primary.cwlprov.nt", bagName, null);
    }
    String name = file.toString();
    Model model = parse(bagRoot, file, lang, name);
    try {
      Resource run = topLevelRun(model, externalRunUuid(bagRoot), name);
      return new CwlProvRun(
          run.getURI() != null ? run.getURI() : "_:" + run.getId().getLabelString(),
          time(run, PROV + "startedAtTime", PROV + "qualifiedStart", name),
          time(run, PROV + "endedAtTime", PROV + "qualifiedEnd", name),
          inputs(model, run),
          outputs(model, run),
          model);
    } catch (ArchiveException e) {
      throw e;
    } catch (RuntimeException e) {
      throw invalid("the provenance graph has an unexpected shape: " + e.getMessage(), name, e);
    }
  }

  private static Model parse(Path bagRoot, Path file, Lang lang, String name) {
    try {
      Path realRoot = bagRoot.toRealPath();
      Path realFile = file.toRealPath();
      if (!realFile.startsWith(realRoot) || Files.isSymbolicLink(file)) {
        throw invalid("the provenance graph is a link out of the bag", name, null);
      }
      if (Files.size(realFile) > MAX_GRAPH_BYTES) {
        throw invalid(
            "the provenance graph is larger than " + MAX_GRAPH_BYTES + " bytes", name, null);
      }
      Model model = ModelFactory.createDefaultModel();
      RDFParser.create().source(realFile).lang(lang).errorHandler(new FailOnError()).parse(model);
      return model;
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw invalid("the provenance graph cannot be parsed: " + e.getMessage(), name, e);
    }
  }

  /** The run uuid from bag-info.txt {@code External-Identifier: arcp://uuid,<uuid>/}, if any. */
  private static Optional<String> externalRunUuid(Path bagRoot) {
    Path info = bagRoot.resolve("bag-info.txt");
    if (!Files.isRegularFile(info, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (BufferedReader r = Files.newBufferedReader(info, StandardCharsets.UTF_8)) {
      String line;
      int lines = 0;
      while ((line = r.readLine()) != null && lines++ < 1000) {
        Matcher m = EXTERNAL_ID.matcher(line);
        if (m.matches()) {
          return Optional.of(m.group(1).toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException | RuntimeException e) {
      // bag-info.txt only breaks ties between candidate runs; unreadable means no tie-break
    }
    return Optional.empty();
  }

  private static Resource topLevelRun(Model m, Optional<String> runUuid, String name) {
    Resource workflowRun = m.createResource(WFPROV + "WorkflowRun");
    Resource processRun = m.createResource(WFPROV + "ProcessRun");
    Property partOf = m.createProperty(WFPROV + "wasPartOfWorkflowRun");
    Property qualifiedStart = m.createProperty(PROV + "qualifiedStart");
    Property hadActivity = m.createProperty(PROV + "hadActivity");
    List<Resource> candidates = new ArrayList<>();
    for (Resource r : m.listSubjectsWithProperty(RDF.type, workflowRun).toList()) {
      if (r.hasProperty(partOf)) {
        continue;
      }
      boolean startedByRun = false;
      for (Statement s : r.listProperties(qualifiedStart).toList()) {
        if (!s.getObject().isResource()) {
          continue;
        }
        for (Statement h : s.getResource().listProperties(hadActivity).toList()) {
          RDFNode starter = h.getObject();
          if (starter.isResource()
              && (starter.asResource().hasProperty(RDF.type, workflowRun)
                  || starter.asResource().hasProperty(RDF.type, processRun))) {
            startedByRun = true;
          }
        }
      }
      if (!startedByRun) {
        candidates.add(r);
      }
    }
    if (candidates.isEmpty()) {
      throw invalid("the graph has no top-level wfprov:WorkflowRun", name, null);
    }
    if (runUuid.isPresent()) {
      for (Resource r : candidates) {
        if (("urn:uuid:" + runUuid.get()).equalsIgnoreCase(r.getURI())) {
          return r;
        }
      }
    }
    candidates.sort(
        Comparator.comparing(
                (Resource r) ->
                    time(r, PROV + "startedAtTime", PROV + "qualifiedStart", name)
                        .orElse(Instant.MAX))
            .thenComparing(r -> String.valueOf(r.getURI())));
    return candidates.get(0);
  }

  private static List<CwlProvFile> inputs(Model m, Resource run) {
    Property qualifiedUsage = m.createProperty(PROV + "qualifiedUsage");
    Property entity = m.createProperty(PROV + "entity");
    Property hadRole = m.createProperty(PROV + "hadRole");
    Property used = m.createProperty(PROV + "used");
    List<CwlProvFile> found = new ArrayList<>();
    for (Statement s : run.listProperties(qualifiedUsage).toList()) {
      if (!s.getObject().isResource()) {
        continue;
      }
      Resource usage = s.getResource();
      Optional<String> role = role(usage.getProperty(hadRole));
      for (Statement e : usage.listProperties(entity).toList()) {
        file(m, e.getObject(), role).ifPresent(found::add);
      }
    }
    for (Statement s : run.listProperties(used).toList()) {
      file(m, s.getObject(), Optional.empty()).ifPresent(found::add);
    }
    return dedupe(found);
  }

  private static List<CwlProvFile> outputs(Model m, Resource run) {
    Property qualifiedGeneration = m.createProperty(PROV + "qualifiedGeneration");
    Property activity = m.createProperty(PROV + "activity");
    Property hadRole = m.createProperty(PROV + "hadRole");
    Property wasGeneratedBy = m.createProperty(PROV + "wasGeneratedBy");
    Property generated = m.createProperty(PROV + "generated");
    List<CwlProvFile> found = new ArrayList<>();
    for (Statement s : m.listStatements(null, qualifiedGeneration, (RDFNode) null).toList()) {
      if (!s.getObject().isResource()) {
        continue;
      }
      Resource generation = s.getResource();
      if (generation.hasProperty(activity, run)) {
        file(m, s.getSubject(), role(generation.getProperty(hadRole))).ifPresent(found::add);
      }
    }
    for (Statement s : m.listStatements(null, wasGeneratedBy, run).toList()) {
      file(m, s.getSubject(), Optional.empty()).ifPresent(found::add);
    }
    for (Statement s : run.listProperties(generated).toList()) {
      file(m, s.getObject(), Optional.empty()).ifPresent(found::add);
    }
    return dedupe(found);
  }

  private static Optional<CwlProvFile> file(Model m, RDFNode node, Optional<String> role) {
    if (!node.isResource()) {
      return Optional.empty();
    }
    Resource entity = node.asResource();
    Property basename = m.createProperty(CWLPROV + "basename");
    Resource content = null;
    String sha1 = sha1Of(entity);
    if (sha1 != null) {
      content = entity;
    } else {
      for (String p : List.of(PROV + "specializationOf", PROV + "alternateOf")) {
        for (Statement s : entity.listProperties(m.createProperty(p)).toList()) {
          if (s.getObject().isResource() && sha1Of(s.getResource()) != null) {
            content = s.getResource();
            sha1 = sha1Of(content);
            break;
          }
        }
        if (sha1 != null) {
          break;
        }
      }
    }
    if (sha1 == null) {
      return Optional.empty(); // a directory or an entity without content hash
    }
    Optional<String> name = literal(entity.getProperty(basename));
    if (name.isEmpty()) {
      name = literal(content.getProperty(basename));
    }
    String iri = entity.getURI() != null ? entity.getURI() : "_:" + entity.getId().getLabelString();
    return Optional.of(new CwlProvFile(iri, sha1, name, role, CwlProvFile.bagPathOf(sha1)));
  }

  private static String sha1Of(Resource r) {
    String uri = r.getURI();
    if (uri == null || !uri.regionMatches(true, 0, SHA1_URN, 0, SHA1_URN.length())) {
      return null;
    }
    String hex = uri.substring(SHA1_URN.length());
    return HEX40.matcher(hex).matches() ? hex.toLowerCase(Locale.ROOT) : null;
  }

  /** The CWL parameter name of a role: the last segment of the IRI fragment. */
  private static Optional<String> role(Statement roleStatement) {
    if (roleStatement == null) {
      return Optional.empty();
    }
    RDFNode o = roleStatement.getObject();
    String text;
    if (o.isURIResource()) {
      String uri = o.asResource().getURI();
      int hash = uri.lastIndexOf('#');
      text = hash >= 0 ? uri.substring(hash + 1) : uri;
      int slash = text.lastIndexOf('/');
      text = slash >= 0 ? text.substring(slash + 1) : text;
    } else if (o.isLiteral()) {
      text = o.asLiteral().getLexicalForm();
    } else {
      return Optional.empty();
    }
    return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
  }

  private static List<CwlProvFile> dedupe(List<CwlProvFile> files) {
    Map<String, CwlProvFile> bySha = new LinkedHashMap<>();
    for (CwlProvFile f : files) {
      bySha.merge(f.sha1(), f, CwlProvResearchObject::preferred);
    }
    List<CwlProvFile> out = new ArrayList<>(bySha.values());
    out.sort(
        Comparator.comparing((CwlProvFile f) -> f.basename().orElse("\uffff"))
            .thenComparing(CwlProvFile::sha1));
    return out;
  }

  /** Of two bindings of the same content, keep the one with a role, then the smaller IRI. */
  private static CwlProvFile preferred(CwlProvFile a, CwlProvFile b) {
    if (a.role().isPresent() != b.role().isPresent()) {
      return a.role().isPresent() ? a : b;
    }
    if (a.basename().isPresent() != b.basename().isPresent()) {
      return a.basename().isPresent() ? a : b;
    }
    return a.entityIri().compareTo(b.entityIri()) <= 0 ? a : b;
  }

  private static Optional<Instant> time(
      Resource activity, String directProperty, String qualifiedProperty, String name) {
    Model m = activity.getModel();
    Optional<String> text = literal(activity.getProperty(m.createProperty(directProperty)));
    if (text.isEmpty()) {
      Statement q = activity.getProperty(m.createProperty(qualifiedProperty));
      if (q != null && q.getObject().isResource()) {
        text = literal(q.getResource().getProperty(m.createProperty(PROV + "atTime")));
      }
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Times.parse(text.get()));
    } catch (DateTimeParseException e) {
      throw invalid("not a timestamp: " + text.get(), name, e);
    }
  }

  private static Optional<String> literal(Statement s) {
    if (s == null || !s.getObject().isLiteral()) {
      return Optional.empty();
    }
    String v = s.getObject().asLiteral().getLexicalForm();
    return v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  private static ArchiveException invalid(String what, String name, Throwable cause) {
    return new ArchiveException(
        ErrorCode.PROVENANCE_INVALID,
        "Invalid CWLProv research object " + name + ": " + what,
        name,
        cause);
  }

  /** Warnings (odd IRIs such as cwltool's {@code arcp://uuid,...}) pass; errors fail. */
  private static final class FailOnError implements ErrorHandler {
    @Override
    public void warning(String message, long line, long col) {
      // tolerated
    }

    @Override
    public void error(String message, long line, long col) {
      throw new RiotException("line " + line + ", column " + col + ": " + message);
    }

    @Override
    public void fatal(String message, long line, long col) {
      throw new RiotException("line " + line + ", column " + col + ": " + message);
    }
  }
}
