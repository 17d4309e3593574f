package org.dpps.archive.schemas.metadata;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * Reads the {@link ProductMetadata} of an HDF5 file (as ctapipe writes DL1/DL2 with PyTables) from
 * the attributes of its root group {@code /}: the CTAO reference metadata keys ({@code CTA PRODUCT
 * ID} ... as attribute names) and, if present, GADF-style observation keys ({@code OBS_ID}, {@code
 * TSTART} ...). Datasets are never read.
 *
 * <p>Attribute values may be strings, numbers or one-dimensional arrays (joined with commas, so
 * numeric keys use the first element). An attribute whose value cannot be decoded (for example a
 * pickled Python object stored by PyTables as opaque bytes), or that is larger than {@value
 * #MAX_ATTRIBUTE_ELEMENTS} elements or {@value #MAX_ATTRIBUTE_BYTES} bytes, is skipped; at most
 * {@value #MAX_ATTRIBUTES} attributes are looked at. Stateless and thread-safe.
 */
public final class Hdf5MetadataReader {

  /** Most root attributes looked at. */
  public static final int MAX_ATTRIBUTES = 10_000;

  /** Most elements of one attribute value. */
  public static final int MAX_ATTRIBUTE_ELEMENTS = 4096;

  /** Most bytes of one attribute value. */
  public static final int MAX_ATTRIBUTE_BYTES = 1 << 20;

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /** Creates a reader. */
  public Hdf5MetadataReader() {
    // stateless
  }

  /**
   * Whether the bytes start with the 8-byte HDF5 signature {@code \x89HDF\r\n\x1a\n}.
   *
   * @param first8 the first bytes of a file
   */
  public static boolean looksLikeHdf5(byte[] first8) {
    Objects.requireNonNull(first8, "first8");
    return first8.length >= SIGNATURE.length
        && Arrays.equals(first8, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
  }

  /**
   * Reads the root attributes of an HDF5 file.
   *
   * @param file an HDF5 file
   * @return the metadata found (fields absent when the attributes lack them)
   * @throws ArchiveException {@link ErrorCode#FORMAT_INVALID} if the file is not HDF5 or its root
   *     group cannot be read
   */
  public ProductMetadata read(Path file) {
    Objects.requireNonNull(file, "file");
    String name = file.toString();
    if (!hasSignature(file, name)) {
      throw invalid("not an HDF5 file: no HDF5 signature", name, null);
    }
    Map<String, String> values = new LinkedHashMap<>();
    try (HdfFile hdf = new HdfFile(file)) {
      Map<String, Attribute> attributes = hdf.getAttributes();
      int seen = 0;
      for (Map.Entry<String, Attribute> e : attributes.entrySet()) {
        if (++seen > MAX_ATTRIBUTES) {
          break;
        }
        String key = MetadataMapping.normaliseKey(e.getKey());
        value(e.getValue()).ifPresent(v -> values.putIfAbsent(key, v));
      }
    } catch (ArchiveException e) {
      throw e;
    } catch (RuntimeException e) {
      throw invalid("the root group cannot be read: " + e.getMessage(), name, e);
    }
    return MetadataMapping.build(values, values, List.of(), false);
  }

  /** The attribute value as text, or empty if it is too large or cannot be decoded. */
  private static Optional<String> value(Attribute attribute) {
    try {
      if (attribute.isEmpty()) {
        return Optional.empty();
      }
      if (attribute.getSize() > MAX_ATTRIBUTE_ELEMENTS
          || attribute.getSizeInBytes() > MAX_ATTRIBUTE_BYTES) {
        return Optional.empty();
      }
      int[] dims = attribute.getDimensions();
      if (dims != null && dims.length > 1) {
        return Optional.empty();
      }
      return text(attribute.getData());
    } catch (RuntimeException e) {
      return Optional.empty(); // undecodable value: skip the attribute, keep the others
    }
  }

  private static Optional<String> text(Object data) {
    if (data == null) {
      return Optional.empty();
    }
    if (data instanceof String s) {
      return Optional.of(s.strip());
    }
    if (data instanceof Number || data instanceof Boolean) {
      return Optional.of(data.toString());
    }
    if (data.getClass().isArray()) {
      int length = Array.getLength(data);
      if (length == 0 || data instanceof byte[]) {
        return Optional.empty();
      }
      StringJoiner joiner = new StringJoiner(",");
      for (int i = 0; i < length; i++) {
        Object element = Array.get(data, i);
        if (element == null || element.getClass().isArray()) {
          return Optional.empty();
        }
        Optional<String> t = text(element);
        if (t.isEmpty()) {
          return Optional.empty();
        }
        joiner.add(t.get());
      }
      return Optional.of(joiner.toString());
    }
    return Optional.empty();
  }

  /** HDF5 allows a user block: the signature is at 0, 512, 1024, 2048 ... */
  private static boolean hasSignature(Path file, String name) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      for (long offset = 0;
          offset + SIGNATURE.length <= size;
          offset = offset == 0 ? 512 : offset * 2) {
        ByteBuffer buf = ByteBuffer.allocate(SIGNATURE.length);
        while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) >= 0) {
          // fill
        }
        if (!buf.hasRemaining() && looksLikeHdf5(buf.array())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw invalid("cannot be read: " + e.getMessage(), name, e);
    }
  }

  private static ArchiveException invalid(String what, String name, Throwable cause) {
    return new ArchiveException(
        ErrorCode.FORMAT_INVALID, "Invalid HDF5 file " + name + ": " + what, name, cause);
  }
}
