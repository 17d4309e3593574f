package org.dpps.archive.access.domain.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dpps.archive.access.fixtures.RecordBuilder;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.junit.jupiter.api.Test;

class ObsCorePublicationTest {
  private final ObsCorePublication publication =
      new ObsCorePublication("ctao.dpps", "https://archive.example/", "CTAO", 10);

  @Test
  void mjdOfKnownInstants() {
    assertThat(ObsCorePublication.mjd("1970-01-01T00:00:00Z")).isEqualTo(40587.0);
    assertThat(ObsCorePublication.mjd("2000-01-01T12:00:00Z")).isEqualTo(51544.5);
    assertThat(ObsCorePublication.mjd("2020-01-01T06:00:00Z")).isEqualTo(58849.25);
    assertThat(ObsCorePublication.mjd(null)).isNull();
    assertThat(ObsCorePublication.mjd("not a time")).isNull();
  }

  @Test
  void wavelengthOfAPhotonIsHcOverItsEnergy() {
    assertThat(ObsCorePublication.wavelength(1.0)).isCloseTo(1.239841984e-18, within(1e-30));
    assertThat(ObsCorePublication.wavelength(0.02)).isCloseTo(6.19920992e-17, within(1e-26));
    assertThat(ObsCorePublication.wavelength(100)).isCloseTo(1.239841984e-20, within(1e-32));
  }

  @Test
  void calibLevelFollowsTheHighestCtaoDataLevel() {
    assertThat(ObsCorePublication.calibLevel(List.of("DL0"))).contains(0);
    assertThat(ObsCorePublication.calibLevel(List.of("DL1_IMAGES", "DL1_PARAMETERS"))).contains(1);
    assertThat(ObsCorePublication.calibLevel(List.of("DL2"))).contains(1);
    assertThat(ObsCorePublication.calibLevel(List.of("DL2", "DL3"))).contains(2);
    assertThat(ObsCorePublication.calibLevel(List.of("DL4"))).contains(3);
    assertThat(ObsCorePublication.calibLevel(List.of("DL5"))).contains(4);
    assertThat(ObsCorePublication.calibLevel(List.of())).isEmpty();
    assertThat(ObsCorePublication.calibLevel(List.of("RAW", "DL9"))).isEmpty();
  }

  @Test
  void aDl3EventListBecomesAnEventDatasetWithItsIdentifiersTimesAndRegion() {
    DescriptiveRecord r =
        RecordBuilder.aRecord("crab/run 5002")
            .levels("DL3")
            .obsId(5002)
            .target("Crab")
            .pointing(83.63, 22.01)
            .observed("2020-01-01T00:00:00Z", "2020-01-01T00:30:00Z")
            .instrument("LST-1")
            .hduClasses("EVENTS", "GTI")
            .build();

    ObsCoreRows rows = publication.rows(r, 3).orElseThrow();
    Map<String, Object> o = rows.obscore();

    assertThat(o.get("dataproduct_type")).isEqualTo("event");
    assertThat(o.get("calib_level")).isEqualTo((short) 2);
    assertThat(o.get("obs_collection")).isEqualTo("CTAO/DL3");
    assertThat(o.get("obs_id")).isEqualTo("5002");
    assertThat(o.get("obs_publisher_did")).isEqualTo("ivo://ctao.dpps/products?crab/run 5002");
    assertThat(o.get("access_url"))
        .isEqualTo(
            "https://archive.example/datalink/links?ID="
                + "ivo%3A%2F%2Fctao.dpps%2Fproducts%3Fcrab%2Frun+5002");
    assertThat(o.get("access_format")).isEqualTo("application/x-votable+xml;content=datalink");
    assertThat(o.get("access_estsize")).isEqualTo(1L);
    assertThat(o.get("target_name")).isEqualTo("Crab");
    assertThat(o.get("s_ra")).isEqualTo(83.63);
    assertThat(o.get("s_dec")).isEqualTo(22.01);
    assertThat(o.get("s_fov")).isEqualTo(10.0);
    assertThat(o.get("s_region")).isEqualTo("CIRCLE ICRS 83.630000 22.010000 5.000000");
    assertThat(o.get("s_zone")).isEqualTo(224);
    assertThat((Double) o.get("t_min")).isEqualTo(58849.0);
    assertThat((Double) o.get("t_max")).isCloseTo(58849.0 + 30.0 / 1440, within(1e-9));
    assertThat(o.get("o_ucd")).isEqualTo("phot.count");
    assertThat(o.get("facility_name")).isEqualTo("CTA-N");
    assertThat(o.get("instrument_name")).isEqualTo("LST-1");
    assertThat(o.get("obs_release_date")).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(o.get("catalogue_version")).isEqualTo(3);
    assertThat(rows.publisherDid()).isEqualTo(o.get("obs_publisher_did"));
    assertThat(rows.hea().get("messenger")).isEqualTo("photon");
    assertThat(rows.observation().get("obs_id")).isEqualTo(5002L);
    assertThat(rows.observation().get("hdu_classes")).isEqualTo("EVENTS,GTI");
    assertThat(rows.observation().get("telescope")).isEqualTo("CTA-N");
  }

  @Test
  void theEffectiveAreasSafeEnergyRangeGivesTheWavelengthsAndTheHeaEnergies() {
    DescriptiveRecord r =
        RecordBuilder.aRecord("p-e")
            .levels("DL3")
            .header("LO_THRES", "0.1")
            .header("HI_THRES", "1.E2")
            .header("OBS_MODE", "WOBBLE")
            .build();

    ObsCoreRows rows = publication.rows(r, 1).orElseThrow();

    assertThat((Double) rows.obscore().get("em_min")).isCloseTo(1.239841984e-20, within(1e-32));
    assertThat((Double) rows.obscore().get("em_max")).isCloseTo(1.239841984e-17, within(1e-29));
    assertThat(rows.hea().get("energy_min")).isEqualTo(0.1);
    assertThat(rows.hea().get("energy_max")).isEqualTo(100.0);
    assertThat(rows.hea().get("tracking_mode")).isEqualTo("WOBBLE");
    DescriptiveRecord none = RecordBuilder.aRecord("p-n").levels("DL3").build();
    assertThat(publication.rows(none, 1).orElseThrow().obscore()).containsEntry("em_min", null);
  }

  @Test
  void anEmbargoedProductIsListedWithItsReleaseDate() {
    DescriptiveRecord r =
        RecordBuilder.aRecord("p-e").levels("DL3").embargo("2031-06-01T00:00:00Z", "lst").build();

    Map<String, Object> o = publication.rows(r, 1).orElseThrow().obscore();

    assertThat(o.get("obs_release_date")).isEqualTo(Instant.parse("2031-06-01T00:00:00Z"));
    assertThat(o.get("access_group")).isEqualTo("lst");
  }

  @Test
  void withoutAPointingTheSpatialColumnsAreNullAndWithoutAnObsIdTheProductIdIsTheObsId() {
    DescriptiveRecord r = RecordBuilder.aRecord("p-sky").levels("DL4").hduClasses("CUBE").build();

    Map<String, Object> o = publication.rows(r, 1).orElseThrow().obscore();

    assertThat(o.get("dataproduct_type")).isEqualTo("cube");
    assertThat(o.get("calib_level")).isEqualTo((short) 3);
    assertThat(o.get("obs_id")).isEqualTo("p-sky");
    assertThat(o).containsEntry("s_ra", null).containsEntry("s_region", null);
    assertThat(o).containsEntry("s_zone", null).containsEntry("t_min", null);
  }

  @Test
  void aProductWithoutADataLevelIsNotPublished() {
    assertThat(publication.rows(RecordBuilder.aRecord("readme").build(), 1)).isEmpty();
  }

  @Test
  void zonesAreHalfDegreeDeclinationBands() {
    assertThat(ObsCorePublication.zone(-90)).isZero();
    assertThat(ObsCorePublication.zone(-89.75)).isZero();
    assertThat(ObsCorePublication.zone(0)).isEqualTo(180);
    assertThat(ObsCorePublication.zone(89.99)).isEqualTo(359);
    assertThat(ObsCorePublication.zone(90)).isEqualTo(360);
  }

  @Test
  void aBadAuthorityOrFieldOfViewIsRefused() {
    assertThatThrownBy(() -> new ObsCorePublication("a/b", "http://x", "CTAO", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ObsCorePublication("a", "http://x", "CTAO", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
