package org.dpps.archive.access.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.access.fixtures.QueryBuilder.aQuery;
import static org.dpps.archive.access.fixtures.RecordBuilder.aRecord;

import java.nio.file.Path;
import java.util.List;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.access.fixtures.CatalogueDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cone searches are angular distances on the celestial sphere: across RA 0/360, across RA 180, near
 * the pole, and at the radius within a hundredth of a degree. Positions at a given angular distance
 * are computed with spherical trigonometry.
 */
class ConeSearchTest {
  static final double CENTRE_RA = 100;
  static final double CENTRE_DEC = 30;

  @TempDir static Path tmp;
  static CatalogueDatabase catalogue;

  @BeforeAll
  static void catalogue() {
    double[] inside = offset(CENTRE_RA, CENTRE_DEC, 0.99, 45);
    double[] outside = offset(CENTRE_RA, CENTRE_DEC, 1.01, 45);
    double[] insideNorth = offset(CENTRE_RA, CENTRE_DEC, 0.99, 0);
    double[] outsideEast = offset(CENTRE_RA, CENTRE_DEC, 1.01, 90);
    catalogue = CatalogueDatabase.open(tmp);
    catalogue.insert(
        aRecord("ra359.9").pointing(359.9, 0).build(),
        aRecord("ra0.1").pointing(0.1, 0).build(),
        aRecord("pole-ra0").pointing(0, 89.9).build(),
        aRecord("pole-ra180").pointing(180, 89.9).build(),
        aRecord("at0.99").pointing(inside[0], inside[1]).build(),
        aRecord("at1.01").pointing(outside[0], outside[1]).build(),
        aRecord("north0.99").pointing(insideNorth[0], insideNorth[1]).build(),
        aRecord("east1.01").pointing(outsideEast[0], outsideEast[1]).build(),
        aRecord("ra200").pointing(200, -20).build(),
        aRecord("ra179.95").pointing(179.95, 0).build(),
        aRecord("ra180.05").pointing(180.05, 0).build(),
        aRecord("no-pointing").build());
  }

  @AfterAll
  static void close() {
    catalogue.close();
  }

  @Test
  void theOffsetsAreAtTheIntendedAngularDistances() {
    assertThat(separation(CENTRE_RA, CENTRE_DEC, offset(CENTRE_RA, CENTRE_DEC, 1.01, 45)))
        .isCloseTo(1.01, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(separation(0, 89.9, new double[] {180, 89.9}))
        .isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aConeAroundRaZeroFindsPointsOnBothSidesOfTheWrap() {
    assertThat(cone(0, 0, 0.3)).containsExactlyInAnyOrder("ra359.9", "ra0.1");
    assertThat(cone(359.95, 0, 0.16)).containsExactlyInAnyOrder("ra359.9", "ra0.1");
    assertThat(cone(359.95, 0, 0.14)).containsExactly("ra359.9");
    assertThat(cone(360, 0, 0.3)).containsExactlyInAnyOrder("ra359.9", "ra0.1");
    assertThat(cone(0.1, 0, 0.05)).containsExactly("ra0.1");
  }

  @Test
  void nearThePoleRaDifferencesShrink() {
    assertThat(cone(0, 89.9, 0.25)).containsExactlyInAnyOrder("pole-ra0", "pole-ra180");
    assertThat(cone(90, 90, 0.11)).containsExactlyInAnyOrder("pole-ra0", "pole-ra180");
    assertThat(cone(0, 89.9, 0.15)).containsExactly("pole-ra0");
  }

  @Test
  void theRadiusIsAnAngleOnTheSphere() {
    assertThat(cone(CENTRE_RA, CENTRE_DEC, 1.0)).containsExactlyInAnyOrder("at0.99", "north0.99");
    assertThat(cone(CENTRE_RA, CENTRE_DEC, 1.02))
        .containsExactlyInAnyOrder("at0.99", "north0.99", "at1.01", "east1.01");
  }

  @Test
  void rightAscensionsAbove180Work() {
    assertThat(cone(200, -20, 0.1)).containsExactly("ra200");
    assertThat(cone(199.95, -20.02, 0.1)).containsExactly("ra200");
    assertThat(cone(180, 0, 0.06)).containsExactlyInAnyOrder("ra179.95", "ra180.05");
    assertThat(cone(180.04, 0, 0.02)).containsExactly("ra180.05");
  }

  @Test
  void aHemisphereConeFindsEveryPointedProductAndNoOther() {
    SearchResult all = catalogue.search(aQuery().cone(0, 0, 180).build());

    assertThat(all.total()).isEqualTo(11);
    assertThat(all.hits()).extracting(SearchResult.Hit::productId).doesNotContain("no-pointing");
  }

  private static List<String> cone(double ra, double dec, double radius) {
    return catalogue.search(aQuery().cone(ra, dec, radius).build()).hits().stream()
        .map(SearchResult.Hit::productId)
        .toList();
  }

  /**
   * The position at {@code distance} degrees from (ra, dec) along position angle {@code bearing}.
   */
  static double[] offset(double ra, double dec, double distance, double bearing) {
    double d = Math.toRadians(distance);
    double b = Math.toRadians(bearing);
    double dec1 = Math.toRadians(dec);
    double dec2 =
        Math.asin(Math.sin(dec1) * Math.cos(d) + Math.cos(dec1) * Math.sin(d) * Math.cos(b));
    double dRa =
        Math.atan2(
            Math.sin(b) * Math.sin(d) * Math.cos(dec1),
            Math.cos(d) - Math.sin(dec1) * Math.sin(dec2));
    double ra2 = (ra + Math.toDegrees(dRa) + 360) % 360;
    return new double[] {ra2, Math.toDegrees(dec2)};
  }

  /** Angular separation in degrees (haversine). */
  static double separation(double ra, double dec, double[] other) {
    double dDec = Math.toRadians(other[1] - dec);
    double dRa = Math.toRadians(other[0] - ra);
    double h =
        Math.pow(Math.sin(dDec / 2), 2)
            + Math.cos(Math.toRadians(dec))
                * Math.cos(Math.toRadians(other[1]))
                * Math.pow(Math.sin(dRa / 2), 2);
    return Math.toDegrees(2 * Math.asin(Math.sqrt(h)));
  }
}
