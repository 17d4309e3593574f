package org.dpps.archive.schemas.sip;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validates a SIP manifest ({@code metadata/sip.json}) against {@value #SCHEMA_RESOURCE} (JSON
 * Schema draft 2020-12, format assertions on). Every violation comes back as one human-readable
 * line that starts with the JSON Pointer of the offending value, e.g. {@code /products/0/id: does
 * not match the regex pattern ...}; violations of the document as a whole (its pointer is the empty
 * string) start with {@value #ROOT} instead, e.g. {@code (root): required property 'pipeline' not
 * found} or {@code (root): malformed JSON: ...}.
 *
 * <p>The manifest must be UTF-8 JSON of at most {@value #MAX_BYTES} bytes, with no duplicate keys
 * and nothing after the document. Thread-safe: the schema is loaded once per instance.
 */
public final class SipManifestValidator {

  /** Largest manifest accepted: 1 MiB. */
  public static final int MAX_BYTES = 1024 * 1024;

  /** Class-path location of the schema. */
  public static final String SCHEMA_RESOURCE = "/org/dpps/archive/schemas/sip-manifest.schema.json";

  /** How a violation of the whole document is located (its JSON Pointer is the empty string). */
  public static final String ROOT = "(root)";

  private static final Pattern FILE_POINTER = Pattern.compile("/products/\\d+/files/\\d+");

  private final Schema schema;
  private final ObjectMapper mapper;

  /** Loads the schema. */
  public SipManifestValidator() {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config));
    try (InputStream in = SipManifestValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("schema not on the class path: " + SCHEMA_RESOURCE);
      }
      this.schema = registry.getSchema(in, InputFormat.JSON);
      this.schema.initializeValidators();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.mapper = strictMapper();
  }

  /** A Jackson mapper that refuses duplicate keys, trailing content and absurd nesting. */
  static ObjectMapper strictMapper() {
    return JsonMapper.builder(
            JsonFactory.builder()
                .streamReadConstraints(
                    StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxNumberLength(100)
                        .maxStringLength(MAX_BYTES)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  /**
   * Validates a manifest.
   *
   * @param json the bytes of {@code metadata/sip.json}
   * @return the violations, each {@code "<JSON pointer>: <message>"}; empty if the manifest is
   *     valid
   */
  public List<String> validate(byte[] json) {
    Objects.requireNonNull(json, "json");
    if (json.length > MAX_BYTES) {
      return List.of(
          ROOT
              + ": the manifest is "
              + json.length
              + " bytes, more than the "
              + MAX_BYTES
              + " allowed");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(json))
              .toString();
    } catch (CharacterCodingException e) {
      return List.of(ROOT + ": malformed JSON: the manifest is not UTF-8");
    }
    try {
      JsonNode tree = mapper.readTree(text);
      if (tree == null || tree.isMissingNode()) {
        return List.of(ROOT + ": malformed JSON: the manifest is empty");
      }
    } catch (JsonProcessingException e) {
      return List.of(ROOT + ": malformed JSON: " + describe(e));
    }
    List<String> violations = new ArrayList<>();
    for (Error error : schema.validate(text, InputFormat.JSON)) {
      String pointer =
          error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
      violations.add((pointer.isEmpty() ? ROOT : pointer) + ": " + message(pointer, error));
    }
    return List.copyOf(violations);
  }

  private static String message(String pointer, Error error) {
    if ("pattern".equals(error.getKeyword()) && FILE_POINTER.matcher(pointer).matches()) {
      return "must be a path relative to the bag root: no leading '/', no '..' or empty segment,"
          + " no backslash or control character";
    }
    String m = error.getMessage();
    return m == null ? error.getKeyword() : m;
  }

  private static String describe(JsonProcessingException e) {
    String msg = e.getOriginalMessage();
    JsonLocation loc = e.getLocation();
    if (loc != null && loc.getLineNr() > 0) {
      msg = msg + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
    return msg;
  }

  /** Parser used by {@link SipManifest#parse(byte[])} after validation. */
  JsonNode readTree(byte[] json) throws IOException {
    try (JsonParser p = mapper.createParser(json)) {
      return mapper.readTree(p);
    }
  }
}
