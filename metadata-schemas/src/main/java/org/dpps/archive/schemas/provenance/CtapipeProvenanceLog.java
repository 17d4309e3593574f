package org.dpps.archive.schemas.provenance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * Parser for the {@code <tool>.provenance.log} files ctapipe tools write: a JSON list of activities
 * ({@code activity_name}, {@code activity_uuid}, {@code start}/{@code stop} {@code time_utc},
 * {@code system}, {@code input}/{@code output} {@code [{url, role, reference_meta}]}, {@code
 * config}, {@code status}, {@code exit_code}).
 *
 * <p>ctapipe appends to the log on every run, so a log may hold several JSON lists one after the
 * other; their activities are concatenated in file order. Python's {@code NaN}/{@code Infinity}
 * literals (which ctapipe may write inside {@code config}) are accepted. Files larger than {@value
 * #MAX_BYTES} bytes are refused.
 */
public final class CtapipeProvenanceLog {

  /** Largest log accepted: 16 MiB. */
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(200)
                          .maxNumberLength(1000)
                          .maxStringLength((int) MAX_BYTES)
                          .build())
                  .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                  .build())
          .build();

  private CtapipeProvenanceLog() {}

  /**
   * Parses a provenance log file.
   *
   * @param file the {@code *.provenance.log}
   * @return the activities in file order (possibly empty for {@code []})
   * @throws ArchiveException {@link ErrorCode#PROVENANCE_INVALID} if the file cannot be read, is
   *     larger than {@link #MAX_BYTES}, is not JSON or does not have the ctapipe shape
   */
  public static List<CtapipeActivity> parse(Path file) {
    Objects.requireNonNull(file, "file");
    String name = file.toString();
    byte[] content;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw invalid("larger than " + MAX_BYTES + " bytes", name, null);
      }
      try (InputStream in = Files.newInputStream(file)) {
        content = in.readNBytes((int) MAX_BYTES + 1);
      }
    } catch (IOException e) {
      throw invalid("cannot be read: " + e.getMessage(), name, e);
    }
    return parse(content, name);
  }

  /**
   * Parses the content of a provenance log.
   *
   * @param content the bytes of the log (UTF-8 JSON)
   * @param name the file name to report in errors
   * @return the activities in order
   * @throws ArchiveException {@link ErrorCode#PROVENANCE_INVALID} as for {@link #parse(Path)}
   */
  public static List<CtapipeActivity> parse(byte[] content, String name) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(name, "name");
    if (content.length > MAX_BYTES) {
      throw invalid("larger than " + MAX_BYTES + " bytes", name, null);
    }
    List<CtapipeActivity> activities = new ArrayList<>();
    int roots = 0;
    try (JsonParser parser = MAPPER.createParser(content);
        MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(parser)) {
      while (it.hasNextValue()) {
        JsonNode root = it.nextValue();
        roots++;
        if (root.isArray()) {
          for (JsonNode activity : root) {
            activities.add(activity(activity, activities.size(), name));
          }
        } else if (root.isObject()) {
          activities.add(activity(root, activities.size(), name));
        } else {
          throw invalid("expected a JSON list of activities", name, null);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ArchiveException ae) {
        throw ae;
      }
      throw invalid("not valid JSON: " + e.getMessage(), name, e);
    }
    if (roots == 0) {
      throw invalid("empty: expected a JSON list of activities", name, null);
    }
    return List.copyOf(activities);
  }

  private static CtapipeActivity activity(JsonNode node, int index, String name) {
    String where = "activity " + index;
    if (!node.isObject()) {
      throw invalid(where + " is not a JSON object", name, null);
    }
    String activityName = requiredText(node, "activity_name", where, name);
    String uuid = requiredText(node, "activity_uuid", where, name);
    Optional<Instant> start = time(node.path("start"), where + " start", name);
    Optional<Instant> stop = time(node.path("stop"), where + " stop", name);
    Optional<String> version = optionalText(node.path("system"), "ctapipe_version");
    List<FileRef> inputs = files(node.get("input"), where + " input", name);
    List<FileRef> outputs = files(node.get("output"), where + " output", name);
    JsonNode exit = node.get("exit_code");
    Optional<Integer> exitCode;
    if (exit == null || exit.isNull()) {
      exitCode = Optional.empty();
    } else if (exit.isIntegralNumber() && exit.canConvertToInt()) {
      exitCode = Optional.of(exit.intValue());
    } else {
      throw invalid(where + " has a non-integer exit_code", name, null);
    }
    return new CtapipeActivity(activityName, uuid, start, stop, version, inputs, outputs, exitCode);
  }

  private static List<FileRef> files(JsonNode array, String where, String name) {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw invalid(where + " is not a list", name, null);
    }
    List<FileRef> out = new ArrayList<>();
    int i = 0;
    for (JsonNode f : array) {
      String w = where + "[" + i++ + "]";
      if (!f.isObject()) {
        throw invalid(w + " is not a JSON object", name, null);
      }
      String url = requiredText(f, "url", w, name);
      out.add(new FileRef(url, optionalText(f, "role"), productId(f.path("reference_meta"))));
    }
    return out;
  }

  /**
   * {@code reference_meta["CTA PRODUCT ID"]}, or {@code reference_meta.product.id} / {@code id_}.
   */
  private static Optional<String> productId(JsonNode meta) {
    if (!meta.isObject()) {
      return Optional.empty();
    }
    Optional<String> flat = optionalText(meta, "CTA PRODUCT ID");
    if (flat.isPresent()) {
      return flat;
    }
    JsonNode product = meta.path("product");
    Optional<String> id = optionalText(product, "id");
    return id.isPresent() ? id : optionalText(product, "id_");
  }

  private static Optional<Instant> time(JsonNode holder, String where, String name) {
    Optional<String> text = optionalText(holder, "time_utc");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Times.parse(text.get()));
    } catch (DateTimeParseException e) {
      throw invalid(where + " time_utc is not a timestamp: " + text.get(), name, e);
    }
  }

  private static String requiredText(JsonNode node, String field, String where, String name) {
    return optionalText(node, field)
        .orElseThrow(() -> invalid(where + " lacks a string " + field, name, null));
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(v.asText().strip());
  }

  private static ArchiveException invalid(String what, String name, Throwable cause) {
    return new ArchiveException(
        ErrorCode.PROVENANCE_INVALID,
        "Invalid ctapipe provenance log " + name + ": " + what,
        name,
        cause);
  }
}
