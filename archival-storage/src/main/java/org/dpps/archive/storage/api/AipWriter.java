package org.dpps.archive.storage.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipFile;

/**
 * Writes the last parts of an AIP bag, the same for ingest and migrations: {@code bagit.txt}, the
 * payload manifests from the digests the caller already has, {@code bag-info.txt}, the tag
 * manifests and the archive's seal; the result is ready for {@link Storage#commit}.
 */
public interface AipWriter {
  /**
   * Completes the bag in {@code dir}, whose payload files ({@code data/...}) and tag files under
   * {@code metadata/} are already written, and returns the commit of the whole bag.
   *
   * @param bagInfo the {@code bag-info.txt} fields in order (a name may repeat)
   */
  AipCommit finish(
      Path dir,
      ProductId productId,
      List<AipFile> payload,
      List<Map.Entry<String, String>> bagInfo,
      String message,
      String agent,
      int expectedVersion)
      throws IOException;

  /** {@code Payload-Oxum}: octets and file count of the payload. */
  static String payloadOxum(List<AipFile> payload) {
    return payload.stream().mapToLong(AipFile::size).sum() + "." + payload.size();
  }

  /** Hard-links {@code source} at {@code target} (no bytes copied); copies if it cannot link. */
  static void linkOrCopy(Path source, Path target) throws IOException {
    try {
      Files.createLink(target, source);
    } catch (UnsupportedOperationException | IOException e) {
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
