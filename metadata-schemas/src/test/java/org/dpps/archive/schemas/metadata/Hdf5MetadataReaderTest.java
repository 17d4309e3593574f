package org.dpps.archive.schemas.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5MetadataReaderTest {

  @TempDir Path tmp;

  private final Hdf5MetadataReader reader = new Hdf5MetadataReader();

  /** Written by PyTables exactly as ctapipe writes DL1 (see make_ctapipe_dl1.py next to it). */
  @Test
  void readsCtapipeReferenceMetadataFromAPyTablesFile() throws Exception {
    ProductMetadata m = reader.read(resource("/hdf5/ctapipe_dl1_sample.h5"));

    assertThat(m.productId()).contains("9b2f5c1e-3d4a-4f6b-8c7d-0e1f2a3b4c5d");
    assertThat(m.description()).contains("ctapipe Data Product");
    assertThat(m.dataLevels()).containsExactly("DL1_IMAGES", "DL1_PARAMETERS");
    assertThat(m.dataCategory()).contains("Sim");
    assertThat(m.dataAssociation()).contains("Subarray");
    assertThat(m.creationTime()).contains("2024-05-06 07:08:09.123");
    assertThat(m.processType()).contains("Simulation");
    assertThat(m.activityName()).contains("ctapipe-process");
    assertThat(m.activityId()).contains("e1d2c3b4-a5f6-4708-9a1b-2c3d4e5f6a7b");
    assertThat(m.softwareName()).contains("ctapipe");
    assertThat(m.softwareVersion()).contains("0.23.2");
    assertThat(m.instrumentSite()).contains("CTAO-South");
    assertThat(m.obsId()).contains(4242L);
    assertThat(m.raPnt()).contains(83.6331);
    assertThat(m.decPnt()).isEmpty();
    assertThat(m.hduClasses()).isEmpty();
    assertThat(m.headers())
        .containsEntry("CTA REFERENCE VERSION", "1")
        .containsEntry("CTA CONTACT EMAIL", "archive-test@example.org")
        .containsEntry("CTA PRODUCT DATA MODEL VERSION", "v6.0.0")
        .containsEntry("OBS_ID", "4242")
        // PyTables writes '' as an HDF5 null-dataspace attribute: nothing to report
        .doesNotContainKey("CTA PROCESS ID")
        // PyTables' own bookkeeping attributes are not metadata
        .doesNotContainKeys("CLASS", "TITLE", "VERSION", "PYTABLES_FORMAT_VERSION");
  }

  @Test
  void readsRootAttributesWrittenWithJhdfIncludingArraysAndTimes() throws Exception {
    Path file = tmp.resolve("dl2.h5");
    try (WritableHdfFile w = HdfFile.write(file)) {
      w.putAttribute("CTA PRODUCT ID", "  dl2-0001  ");
      w.putAttribute("CTA PRODUCT DATA LEVELS", new String[] {"DL2", "DL1_PARAMETERS"});
      w.putAttribute("OBS_ID", 6789L);
      w.putAttribute("RA_PNT", new double[] {83.63, 0.0});
      w.putAttribute("DEC_PNT", 22.01f);
      w.putAttribute("MJDREFI", 51910);
      w.putAttribute("MJDREFF", 0.0);
      w.putAttribute("TSTART", 86400.5);
      w.putAttribute("TELESCOP", "CTA-S");
      w.putDataset("events", new int[] {1, 2, 3});
    }

    ProductMetadata m = reader.read(file);

    assertThat(m.productId()).contains("dl2-0001");
    assertThat(m.dataLevels()).containsExactly("DL2", "DL1_PARAMETERS");
    assertThat(m.obsId()).contains(6789L);
    assertThat(m.raPnt()).contains(83.63);
    assertThat(m.decPnt()).hasValueSatisfying(d -> assertThat(d).isCloseTo(22.01, within()));
    assertThat(m.timeStart()).contains(Instant.parse("2001-01-02T00:00:00.500Z"));
    assertThat(m.telescope()).contains("CTA-S");
    assertThat(m.headers())
        .containsEntry("RA_PNT", "83.63,0.0")
        .containsEntry("CTA PRODUCT DATA LEVELS", "DL2,DL1_PARAMETERS")
        .doesNotContainKey("_jHDF");
  }

  @Test
  void fileWithoutAttributesGivesEmptyMetadata() throws Exception {
    Path file = tmp.resolve("bare.h5");
    try (WritableHdfFile w = HdfFile.write(file)) {
      w.putDataset("x", new double[] {1.0});
    }

    ProductMetadata m = reader.read(file);

    assertThat(m.productId()).isEmpty();
    assertThat(m.dataLevels()).isEmpty();
    assertThat(m.headers()).isEmpty();
  }

  @Test
  void looksLikeHdf5ChecksTheSignature() throws Exception {
    byte[] real = Files.readAllBytes(resource("/hdf5/ctapipe_dl1_sample.h5"));
    assertThat(Hdf5MetadataReader.looksLikeHdf5(Arrays.copyOf(real, 8))).isTrue();
    assertThat(Hdf5MetadataReader.looksLikeHdf5("SIMPLE  =".getBytes())).isFalse();
    assertThat(Hdf5MetadataReader.looksLikeHdf5(new byte[] {(byte) 0x89, 'H', 'D', 'F'})).isFalse();
  }

  @Test
  void nonHdf5FileIsFormatInvalidWithThePath() throws Exception {
    Path file = tmp.resolve("not.h5");
    Files.writeString(file, "just some text pretending to be HDF5");

    assertInvalid(file, "no HDF5 signature");
  }

  @Test
  void randomBytesAreFormatInvalid() throws Exception {
    Path file = tmp.resolve("random.h5");
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    Files.write(file, noise);

    assertInvalid(file, "no HDF5 signature");
  }

  @Test
  void signatureFollowedByGarbageIsFormatInvalid() throws Exception {
    Path file = tmp.resolve("corrupt.h5");
    byte[] noise = new byte[4096];
    new Random(11).nextBytes(noise);
    System.arraycopy(
        new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 0, noise, 0, 8);
    Files.write(file, noise);

    assertInvalid(file, "the root group cannot be read");
  }

  @Test
  void truncatedHdf5IsFormatInvalid() throws Exception {
    byte[] real = Files.readAllBytes(resource("/hdf5/ctapipe_dl1_sample.h5"));
    Path file = tmp.resolve("truncated.h5");
    Files.write(file, Arrays.copyOf(real, 200));

    assertInvalid(file, "the root group cannot be read");
  }

  private void assertInvalid(Path file, String messagePart) {
    assertThatThrownBy(() -> reader.read(file))
        .isInstanceOfSatisfying(
            ArchiveException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.FORMAT_INVALID);
              assertThat(e.path()).contains(file.toString());
            })
        .hasMessageContaining(messagePart);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-5);
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(Hdf5MetadataReaderTest.class.getResource(name).toURI());
  }
}
