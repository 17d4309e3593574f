package org.dpps.archive.access.domain.tap;

import java.util.List;
import java.util.Objects;

/**
 * One row of a DataLink 1.1 {@code {links}} response: a link from a dataset (its {@code ID}) to a
 * resource with a meaning ({@code semantics}), or a fault for that ID. Exactly one of {@code
 * accessUrl}, {@code serviceDef} and {@code errorMessage} is set.
 *
 * @param id the identifier as the client gave it
 * @param accessUrl the resource's absolute URL
 * @param serviceDef the ID of a service descriptor (this archive has none yet)
 * @param errorMessage a DataLink fault: {@code NotFoundFault: ...}, {@code UsageFault: ...}
 * @param semantics a term of the IVOA DataLink core vocabulary: {@code #this}, {@code
 *     #calibration}, {@code #progenitor}, {@code #auxiliary}, {@code #package}, ...
 * @param description for humans
 * @param contentType the resource's media type
 * @param contentLength its size in bytes, when known
 * @param contentQualifier a term of the IVOA product-type vocabulary ({@code event}), when known
 * @param localSemantics this archive's name for the kind of link ({@code file}, {@code irf}, {@code
 *     aip}, ...), the same for every ID
 * @param linkAuth DataLink 1.1: {@code false} (no token needed), {@code optional}, {@code required}
 *     (under embargo: a token of the access group or the archivist role)
 * @param linkAuthorized DataLink 1.1: whether the caller who asked may use the link now
 */
public record DataLink(
    String id,
    String accessUrl,
    String serviceDef,
    String errorMessage,
    String semantics,
    String description,
    String contentType,
    Long contentLength,
    String contentQualifier,
    String localSemantics,
    String linkAuth,
    Boolean linkAuthorized) {

  /** The DataLink standard this response follows: the {@code standardID} INFO. */
  public static final String STANDARD_ID = "ivo://ivoa.net/std/DataLink#links-1.1";

  /** The media type of a {@code {links}} response. */
  public static final String CONTENT_TYPE = ObsCorePublication.DATALINK_FORMAT;

  /** The columns of a {@code {links}} response, in DataLink 1.1's order. */
  public static final List<TapColumn> COLUMNS =
      List.of(
          column("ID", "char", "", "meta.id;meta.main", "the identifier of the dataset"),
          column("access_url", "char", "", "meta.ref.url", "the link"),
          column("service_def", "char", "", "meta.ref", "the service descriptor of the link"),
          column("error_message", "char", "", "meta.code.error", "why there is no link"),
          column("semantics", "char", "", "meta.code", "what the link is to the dataset"),
          column("description", "char", "", "meta.note", "what the link leads to"),
          column("content_type", "char", "", "meta.code.mime", "the media type of the resource"),
          column("content_length", "long", "byte", "phys.size;meta.file", "its size"),
          column(
              "content_qualifier",
              "char",
              "",
              "meta.code.class",
              "the product type (IVOA product-type vocabulary) of the resource"),
          column(
              "local_semantics",
              "char",
              "",
              "meta.code",
              "the archive's name for the kind of link, the same for every dataset"),
          column(
              "link_auth",
              "char",
              "",
              "meta.code",
              "whether the link needs a token: false, optional or required"),
          column(
              "link_authorized",
              "boolean",
              "",
              "meta.code",
              "whether the caller may use the link now"));

  public DataLink {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(semantics, "semantics");
    int set =
        (accessUrl == null ? 0 : 1) + (serviceDef == null ? 0 : 1) + (errorMessage == null ? 0 : 1);
    if (set != 1) {
      throw new IllegalArgumentException(
          "a link has exactly one of access_url, service_def and error_message");
    }
  }

  /** A fault row for {@code id}: {@code NotFoundFault: message} and the like. */
  public static DataLink fault(String id, String fault, String message) {
    return new DataLink(
        id,
        null,
        null,
        fault + ": " + message,
        "#this",
        message,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The row's values in the order of {@link #COLUMNS}. */
  public Object[] row() {
    return new Object[] {
      id,
      accessUrl,
      serviceDef,
      errorMessage,
      semantics,
      description,
      contentType,
      contentLength,
      contentQualifier,
      localSemantics,
      linkAuth,
      linkAuthorized
    };
  }

  private static TapColumn column(
      String name, String datatype, String unit, String ucd, String description) {
    return new TapColumn(
        name,
        datatype,
        datatype.equals("char") ? "*" : "",
        "",
        unit,
        ucd,
        "",
        description,
        true,
        false,
        true,
        "");
  }
}
