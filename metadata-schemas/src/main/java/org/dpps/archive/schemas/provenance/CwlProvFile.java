package org.dpps.archive.schemas.provenance;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One file input or output of a CWLProv workflow run.
 *
 * @param entityIri the file entity as the run used or generated it (cwltool: a {@code urn:uuid:}
 *     entity that is {@code prov:specializationOf} the content entity)
 * @param sha1 the content hash, 40 lower-case hex digits, from the {@code urn:hash::sha1:<hex>}
 *     content entity
 * @param basename {@code cwlprov:basename} (the file name the workflow saw), if recorded
 * @param role the CWL parameter the file was bound to (the last segment of {@code prov:hadRole},
 *     e.g. {@code events}), if recorded
 * @param bagPath where the content sits in the research object: {@code data/<2 hex>/<sha1>}
 */
public record CwlProvFile(
    String entityIri,
    String sha1,
    Optional<String> basename,
    Optional<String> role,
    String bagPath) {

  private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

  public CwlProvFile {
    Objects.requireNonNull(entityIri, "entityIri");
    Objects.requireNonNull(sha1, "sha1");
    if (!SHA1.matcher(sha1).matches()) {
      throw new IllegalArgumentException("sha1 must be 40 lower-case hex digits: " + sha1);
    }
    Objects.requireNonNull(basename, "basename");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(bagPath, "bagPath");
    if (!bagPath.equals(bagPathOf(sha1))) {
      throw new IllegalArgumentException("bagPath must be " + bagPathOf(sha1) + ": " + bagPath);
    }
  }

  /** The content-addressed path cwltool uses for a payload file: {@code data/<2 hex>/<sha1>}. */
  public static String bagPathOf(String sha1) {
    return "data/" + sha1.substring(0, 2) + "/" + sha1;
  }
}
