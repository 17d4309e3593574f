package org.dpps.archive.planning.interfaces.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/** Reads a bounded JSON object from a request body: at most 2 MiB, no duplicate keys. */
final class JsonBodies {
  static final int MAX_BYTES = 2 << 20;
  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(32).build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonBodies() {}

  static JsonNode object(InputStream body, ErrorCode code) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : body.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new ArchiveException(code, "The request body cannot be read: " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      throw new ArchiveException(code, "JSON body larger than 2 MiB");
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ArchiveException(
          code, "Expected a JSON object: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new ArchiveException(code, "The request body cannot be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new ArchiveException(code, "Expected a JSON object");
    }
    return node;
  }
}
