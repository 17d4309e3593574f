package org.dpps.archive.planning.infrastructure.fits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.FitsFactory;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.dpps.archive.planning.domain.FitsComparison.HduSummary;
import org.dpps.archive.planning.domain.FitsComparison.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitsEquivalenceTest {

  @TempDir Path dir;
  private final FitsTileCompression tiles = new FitsTileCompression();
  private final FitsEquivalence equivalence = new FitsEquivalence();

  private Path file(String name, BasicHDU<?>... hdus) throws Exception {
    return FitsFixtures.write(dir.resolve(name), false, hdus);
  }

  @Test
  void identicalFilesAreEquivalentAndSummarised() throws Exception {
    short[][] pixels = FitsFixtures.smoothInt16(30, 20);
    Path a =
        file(
            "a.fits",
            FitsFixtures.imageHdu(pixels, null),
            FitsFixtures.eventsHdu(25, "0.2"),
            FitsFixtures.headerOnlyHdu("META"));
    Path b =
        file(
            "b.fits",
            FitsFixtures.imageHdu(pixels, null),
            FitsFixtures.eventsHdu(25, "0.2"),
            FitsFixtures.headerOnlyHdu("META"));

    Report report = equivalence.compare(a, b);

    assertThat(report.equivalent()).isTrue();
    assertThat(report.differences()).isEmpty();
    assertThat(report.original()).isEqualTo(report.migrated());
    HduSummary image = report.original().get(0);
    assertThat(image.index()).isZero();
    assertThat(image.name()).isEmpty();
    assertThat(image.kind()).isEqualTo("image");
    assertThat(image.dataType()).isEqualTo("int16");
    assertThat(image.dimensions()).containsExactly(20, 30); // NAXIS1 first
    assertThat(image.rows()).isZero();
    assertThat(image.headerCards()).isEqualTo(3); // OBJECT, EXPOSURE, CALIB
    HduSummary events = report.original().get(1);
    assertThat(events.name()).isEqualTo("EVENTS");
    assertThat(events.kind()).isEqualTo("binary-table");
    assertThat(events.rows()).isEqualTo(25);
    assertThat(events.dimensions()).containsExactly(7, 25);
    assertThat(events.dataType())
        .isEqualTo("int64,float64,float32,float32,float32,string(3),int16[2]");
    HduSummary meta = report.original().get(2);
    assertThat(meta.kind()).isEqualTo("header-only");
    assertThat(meta.dataSha256())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void imageDigestIsTheSha256OfTheBigEndianPixelValues() throws Exception {
    short[][] pixels = FitsFixtures.smoothInt16(7, 5);
    ByteBuffer bytes = ByteBuffer.allocate(7 * 5 * 2); // big-endian by default
    for (short[] row : pixels) {
      for (short value : row) {
        bytes.putShort(value);
      }
    }
    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    Path plain = file("a.fits", FitsFixtures.imageHdu(pixels, null));
    Path gzip =
        FitsFixtures.writeGzip(dir.resolve("a.fits.gz"), FitsFixtures.imageHdu(pixels, null));

    Report report = equivalence.compare(plain, gzip);

    assertThat(report.original().get(0).dataSha256()).isEqualTo(expected);
    assertThat(report.migrated().get(0).dataSha256()).isEqualTo(expected); // read from a stream
    assertThat(report.equivalent()).isTrue();
  }

  @Test
  void nanPayloadsAreNotSignificant() throws Exception {
    float[][] canonical = {{1f, Float.NaN}, {3f, 4f}};
    float[][] other = {{1f, Float.intBitsToFloat(0xffffffff)}, {3f, 4f}};
    float[][] number = {{1f, 2f}, {3f, 4f}};
    Path a = file("a.fits", FitsFixtures.imageHdu(canonical, null));
    Path b = file("b.fits", FitsFixtures.imageHdu(other, null));
    Path c = file("c.fits", FitsFixtures.imageHdu(number, null));
    assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(b));

    assertThat(equivalence.compare(a, b).differences()).isEmpty();
    assertThat(equivalence.compare(a, c).differences())
        .singleElement()
        .asString()
        .startsWith("HDU 0: data differ");
  }

  @Test
  void oneChangedPixelIsReported() throws Exception {
    short[][] pixels = FitsFixtures.smoothInt16(30, 20);
    short[][] changed = FitsFixtures.smoothInt16(30, 20);
    changed[17][3]++;
    Path a = file("a.fits", FitsFixtures.imageHdu(pixels, null));
    Path b = file("b.fits", FitsFixtures.imageHdu(changed, null));

    Report report = equivalence.compare(a, b);

    assertThat(report.equivalent()).isFalse();
    assertThat(report.differences()).hasSize(1);
    assertThat(report.differences().get(0))
        .matches("HDU 0: data differ \\(sha256 [0-9a-f]{12}\\.\\. != [0-9a-f]{12}\\.\\.\\)");
  }

  @Test
  void oneChangedPixelOfACompressedImageIsReported() throws Exception {
    short[][] pixels = FitsFixtures.smoothInt16(30, 20);
    short[][] changed = FitsFixtures.smoothInt16(30, 20);
    changed[0][0] = -1;
    Path a = file("a.fits", BasicHDU.getDummyHDU(), FitsFixtures.imageHdu(pixels, "SCI"));
    Path b = file("b.fits", BasicHDU.getDummyHDU(), FitsFixtures.imageHdu(changed, "SCI"));
    Path compressed = dir.resolve("b.fits.fz");
    tiles.compress(b, compressed);

    Report report = equivalence.compare(a, compressed);

    assertThat(report.differences())
        .singleElement()
        .asString()
        .startsWith("HDU 1 (SCI): data differ");
  }

  @Test
  void aChangedHeaderValueIsReported() throws Exception {
    BinaryTableHDU changed = FitsFixtures.eventsHdu(10, "0.2");
    changed.addValue("OBJECT", "Crab Nebula", "");
    Path a = file("a.fits", BasicHDU.getDummyHDU(), FitsFixtures.eventsHdu(10, "0.2"));
    Path b = file("b.fits", BasicHDU.getDummyHDU(), changed);

    Report report = equivalence.compare(a, b);

    assertThat(report.differences())
        .containsExactly("HDU 1 (EVENTS): header OBJECT 'Crab' != 'Crab Nebula'");
  }

  @Test
  void aRemovedAndAnAddedKeywordAreReported() throws Exception {
    BinaryTableHDU changed = FitsFixtures.eventsHdu(10, "0.2");
    changed.getHeader().deleteKey("OBSERVER");
    changed.addValue("ORIGIN", "CTAO", "");
    Path a = file("a.fits", BasicHDU.getDummyHDU(), FitsFixtures.eventsHdu(10, "0.2"));
    Path b = file("b.fits", BasicHDU.getDummyHDU(), changed);

    Report report = equivalence.compare(a, b);

    assertThat(report.differences())
        .containsExactly(
            "HDU 1 (EVENTS): header OBSERVER removed (was 'CTAO')",
            "HDU 1 (EVENTS): header ORIGIN added ('CTAO')");
  }

  @Test
  void aMissingHduIsReported() throws Exception {
    Path a =
        file(
            "a.fits",
            BasicHDU.getDummyHDU(),
            FitsFixtures.eventsHdu(10, "0.2"),
            FitsFixtures.headerOnlyHdu("META"));
    Path b = file("b.fits", BasicHDU.getDummyHDU(), FitsFixtures.eventsHdu(10, "0.2"));

    Report report = equivalence.compare(a, b);

    assertThat(report.differences())
        .containsExactly("HDU count 3 != 2", "HDU 2 (META): missing in the migrated file");
    assertThat(report.original()).hasSize(3);
    assertThat(report.migrated()).hasSize(2);
  }

  @Test
  void aChangedTableCellIsReported() throws Exception {
    BinaryTableHDU changed = FitsFixtures.eventsHdu(10, "0.2");
    changed.getData().set(4, 4, 99.5f);
    Path a = file("a.fits", BasicHDU.getDummyHDU(), FitsFixtures.eventsHdu(10, "0.2"));
    Path b = file("b.fits", BasicHDU.getDummyHDU(), changed);

    Report report = equivalence.compare(a, b);

    assertThat(report.differences())
        .singleElement()
        .asString()
        .startsWith("HDU 1 (EVENTS): data differ (sha256 ");
  }

  @Test
  void aChangedStringCellIsReported() throws Exception {
    BinaryTableHDU changed = FitsFixtures.eventsHdu(10, "0.2");
    changed.getData().set(9, 5, "CT9");
    Path a = file("a.fits", BasicHDU.getDummyHDU(), FitsFixtures.eventsHdu(10, "0.2"));
    Path b = file("b.fits", BasicHDU.getDummyHDU(), changed);

    assertThat(equivalence.compare(a, b).differences())
        .singleElement()
        .asString()
        .startsWith("HDU 1 (EVENTS): data differ");
  }

  @Test
  void aChangedTypeOrShapeIsReportedInsteadOfTheDigest() throws Exception {
    Path a = file("a.fits", FitsFixtures.imageHdu(new short[4][5], null));
    Path b = file("b.fits", FitsFixtures.imageHdu(new int[4][5], null));
    Path c = file("c.fits", FitsFixtures.imageHdu(new short[5][4], null));

    assertThat(equivalence.compare(a, b).differences())
        .containsExactly("HDU 0: data type int16 != int32");
    assertThat(equivalence.compare(a, c).differences())
        .containsExactly("HDU 0: dimensions [5, 4] != [4, 5]");
  }

  @Test
  void aTableReplacedByAnImageIsReported() throws Exception {
    Path a = file("a.fits", BasicHDU.getDummyHDU(), FitsFixtures.eventsHdu(3, "0.2"));
    Path b =
        file("b.fits", BasicHDU.getDummyHDU(), FitsFixtures.imageHdu(new float[3][3], "EVENTS"));

    assertThat(equivalence.compare(a, b).differences())
        .contains("HDU 1 (EVENTS): kind binary-table != image");
  }

  @Test
  void valuesCompareSemantically() throws Exception {
    BasicHDU<?> a = FitsFixtures.imageHdu(new short[2][2], null);
    a.getHeader().addLine(HeaderCard.create("RATIO   =                  1.0"));
    a.getHeader().addLine(HeaderCard.create("COUNT   =                   10"));
    a.getHeader().addLine(HeaderCard.create("TELESCOP= 'CTAO-N  '"));
    a.getHeader().addLine(HeaderCard.create("SMALL   =                1E-05"));
    BasicHDU<?> b = FitsFixtures.imageHdu(new short[2][2], null);
    b.getHeader().addLine(HeaderCard.create("RATIO   =                    1"));
    b.getHeader().addLine(HeaderCard.create("COUNT   =                1.0E1"));
    b.getHeader().addLine(HeaderCard.create("TELESCOP= 'CTAO-N'"));
    b.getHeader().addLine(HeaderCard.create("SMALL   =              0.00001"));

    Report report = equivalence.compare(file("a.fits", a), file("b.fits", b));

    assertThat(report.differences()).isEmpty();
  }

  @Test
  void typeChangesOfValuesAreReported() throws Exception {
    BasicHDU<?> a = FitsFixtures.imageHdu(new short[2][2], null);
    a.getHeader().addLine(HeaderCard.create("HDUVERS = '0.2'"));
    BasicHDU<?> b = FitsFixtures.imageHdu(new short[2][2], null);
    b.getHeader().addLine(HeaderCard.create("HDUVERS =                  0.2"));
    b.addValue("CALIB", false, "calibrated");

    Report report = equivalence.compare(file("a.fits", a), file("b.fits", b));

    assertThat(report.differences())
        .containsExactly("HDU 0: header CALIB T != F", "HDU 0: header HDUVERS '0.2' != 0.2");
  }

  @Test
  void historyAndCommentAreComparedAsOrderedText() throws Exception {
    BasicHDU<?> a = FitsFixtures.imageHdu(new short[2][2], null);
    a.getHeader().insertHistory("step 1");
    a.getHeader().insertHistory("step 2");
    a.getHeader().insertComment("note");
    BasicHDU<?> b = FitsFixtures.imageHdu(new short[2][2], null);
    b.getHeader().insertHistory("step 2");
    b.getHeader().insertHistory("step 1");
    BasicHDU<?> c = FitsFixtures.imageHdu(new short[2][2], null);
    c.getHeader().insertComment("note");
    c.getHeader().insertHistory("step 1");
    c.getHeader().insertHistory("step 2");

    Path pa = file("a.fits", a);
    assertThat(equivalence.compare(pa, file("b.fits", b)).differences())
        .containsExactly(
            "HDU 0: header HISTORY card 1 'step 1' != 'step 2'",
            "HDU 0: header COMMENT cards 1 != 0");
    // interleaving of different commentary keywords does not matter, their own order does
    assertThat(equivalence.compare(pa, file("c.fits", c)).differences()).isEmpty();
  }

  @Test
  void checksumsAndStructuralKeywordsAreIgnored() throws Exception {
    short[][] pixels = FitsFixtures.smoothInt16(3, 4);
    Path a = FitsFixtures.write(dir.resolve("a.fits"), true, FitsFixtures.imageHdu(pixels, null));
    Path b = FitsFixtures.write(dir.resolve("b.fits"), false, FitsFixtures.imageHdu(pixels, null));

    Report report = equivalence.compare(a, b);

    Header header = FitsFixtures.hdus(a).get(0).getHeader();
    assertThat(header.containsKey("CHECKSUM")).isTrue();
    assertThat(report.differences()).isEmpty();
  }

  @Test
  void hierarchKeywordsAreCompared() throws Exception {
    boolean hierarch = FitsFactory.getUseHierarch();
    BasicHDU<?> a = FitsFixtures.imageHdu(new short[2][2], null);
    a.getHeader().addLine(HeaderCard.create("HIERARCH CTA INSTRUMENT ID = 'CTAO-South'"));
    BasicHDU<?> b = FitsFixtures.imageHdu(new short[2][2], null);
    b.getHeader().addLine(HeaderCard.create("HIERARCH CTA INSTRUMENT ID = 'CTAO-North'"));

    List<String> differences =
        equivalence.compare(file("a.fits", a), file("b.fits", b)).differences();

    assertThat(hierarch).isTrue();
    assertThat(differences).singleElement().asString().contains("'CTAO-South' != 'CTAO-North'");
  }

  @Test
  void garbageIsRefusedWithAnIOException() throws Exception {
    Path good = file("a.fits", FitsFixtures.imageHdu(new short[2][2], null));
    Path garbage = dir.resolve("garbage.fits");
    Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});

    assertThatThrownBy(() -> equivalence.compare(good, garbage)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> equivalence.compare(garbage, good)).isInstanceOf(IOException.class);
  }
}
