package org.dpps.archive.schemas.sip;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * A validated SIP manifest ({@code metadata/sip.json}), see {@code sip-manifest.schema.json}.
 *
 * @param pipelineName {@code pipeline.name}
 * @param pipelineVersion {@code pipeline.version}
 * @param workflowId {@code pipeline.workflowId}
 * @param description {@code description}
 * @param keywords {@code keywords}
 * @param embargoUntil {@code embargoUntil}
 * @param accessGroup {@code accessGroup}: the group that may download the products during the
 *     embargo
 * @param dataRelease {@code dataRelease}
 * @param contact {@code contact}, if given
 * @param products {@code products}, in manifest order
 */
public record SipManifest(
    String pipelineName,
    Optional<String> pipelineVersion,
    Optional<String> workflowId,
    Optional<String> description,
    List<String> keywords,
    Optional<Instant> embargoUntil,
    Optional<String> accessGroup,
    Optional<String> dataRelease,
    Optional<Contact> contact,
    List<Product> products) {

  /** Where a pipeline puts the manifest in its bag. */
  public static final String PATH = "metadata/sip.json";

  public SipManifest {
    Objects.requireNonNull(pipelineName, "pipelineName");
    if (pipelineName.isBlank()) {
      throw new IllegalArgumentException("pipelineName must not be blank");
    }
    Objects.requireNonNull(pipelineVersion, "pipelineVersion");
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(description, "description");
    keywords = List.copyOf(keywords);
    Objects.requireNonNull(embargoUntil, "embargoUntil");
    Objects.requireNonNull(accessGroup, "accessGroup");
    Objects.requireNonNull(dataRelease, "dataRelease");
    Objects.requireNonNull(contact, "contact");
    products = List.copyOf(products);
  }

  /**
   * Who to ask about the submission.
   *
   * @param name {@code contact.name}
   * @param email {@code contact.email}
   * @param organization {@code contact.organization}
   */
  public record Contact(
      Optional<String> name, Optional<String> email, Optional<String> organization) {
    public Contact {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(organization, "organization");
    }
  }

  /**
   * One data product of the submission.
   *
   * @param id {@code products[].id}
   * @param files {@code products[].files}: bag-relative paths
   * @param description {@code products[].description}
   */
  public record Product(String id, List<String> files, Optional<String> description) {
    public Product {
      Objects.requireNonNull(id, "id");
      files = List.copyOf(files);
      if (files.isEmpty()) {
        throw new IllegalArgumentException("a product has at least one file");
      }
      Objects.requireNonNull(description, "description");
    }
  }

  /**
   * Validates and parses a manifest.
   *
   * @param json the bytes of {@code metadata/sip.json}
   * @return the manifest
   * @throws ArchiveException {@link ErrorCode#SIP_MANIFEST_INVALID} (path {@value #PATH}) listing
   *     every violation, if the manifest is not valid
   */
  public static SipManifest parse(byte[] json) {
    return parse(json, new SipManifestValidator());
  }

  /**
   * Validates and parses a manifest with a validator the caller keeps (loading the schema once).
   *
   * @param json the bytes of {@code metadata/sip.json}
   * @param validator the validator to use
   * @return the manifest
   * @throws ArchiveException {@link ErrorCode#SIP_MANIFEST_INVALID} as for {@link #parse(byte[])}
   */
  public static SipManifest parse(byte[] json, SipManifestValidator validator) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(validator, "validator");
    List<String> violations = validator.validate(json);
    if (!violations.isEmpty()) {
      throw new ArchiveException(
          ErrorCode.SIP_MANIFEST_INVALID,
          PATH + " is not valid: " + String.join("; ", violations),
          PATH);
    }
    JsonNode root;
    try {
      root = validator.readTree(json);
    } catch (IOException e) {
      throw new ArchiveException(
          ErrorCode.SIP_MANIFEST_INVALID, PATH + " cannot be read: " + e.getMessage(), PATH, e);
    }
    JsonNode pipeline = root.path("pipeline");
    List<String> keywords = new ArrayList<>();
    root.path("keywords").forEach(k -> keywords.add(k.asText()));
    List<Product> products = new ArrayList<>();
    for (JsonNode p : root.path("products")) {
      List<String> files = new ArrayList<>();
      p.path("files").forEach(f -> files.add(f.asText()));
      products.add(new Product(p.path("id").asText(), files, text(p, "description")));
    }
    JsonNode c = root.get("contact");
    Optional<Contact> contact =
        c == null
            ? Optional.empty()
            : Optional.of(new Contact(text(c, "name"), text(c, "email"), text(c, "organization")));
    Optional<Instant> embargo;
    try {
      embargo = text(root, "embargoUntil").map(t -> OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      throw new ArchiveException(
          ErrorCode.SIP_MANIFEST_INVALID,
          PATH + " is not valid: /embargoUntil: not an RFC 3339 date-time",
          PATH,
          e);
    }
    return new SipManifest(
        pipeline.path("name").asText(),
        text(pipeline, "version"),
        text(pipeline, "workflowId"),
        text(root, "description"),
        keywords,
        embargo,
        text(root, "accessGroup"),
        text(root, "dataRelease"),
        contact,
        products);
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() ? Optional.empty() : Optional.of(v.asText());
  }
}
