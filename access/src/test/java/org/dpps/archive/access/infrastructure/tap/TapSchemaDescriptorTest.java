package org.dpps.archive.access.infrastructure.tap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapSchema;
import org.dpps.archive.access.domain.tap.TapTable;
import org.dpps.archive.access.fixtures.CatalogueDatabase;
import org.dpps.archive.access.infrastructure.jpa.JpaTapSchemaRepository;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapSchemaDescriptorTest {
  private final TapSchema schema = TapSchemaDescriptor.load();

  @Test
  void publishesObsCoreTheHeaExtensionCtaoAndTapSchemaOnly() {
    assertThat(schema.tables().stream().map(TapTable::qualifiedName))
        .containsExactly(
            "ivoa.obscore",
            "ivoa.obscore_hea",
            "ctao.observation",
            "tap_schema.schemas",
            "tap_schema.tables",
            "tap_schema.columns",
            "tap_schema.keys",
            "tap_schema.key_columns");
    TapTable obscore = schema.table("ivoa.obscore").orElseThrow();
    assertThat(obscore.column("product_id")).as("internal columns stay unpublished").isEmpty();
    assertThat(obscore.column("s_zone")).isEmpty();
    assertThat(obscore.column("access_group")).isEmpty();
  }

  @Test
  void obscoreDeclaresItsZoneIndexOnUnpublishedSZone() {
    org.dpps.archive.access.domain.tap.SpatialIndex index = TapSchemaDescriptor.loadSpatialIndex();
    assertThat(index.of("ivoa.obscore"))
        .contains(
            new org.dpps.archive.access.domain.tap.SpatialIndex.Columns("s_ra", "s_dec", "s_zone"));
    assertThat(index.of("ivoa.obscore_hea")).isEmpty();
  }

  /** The mandatory columns of ObsCore 1.1 with the utype, UCD and unit it fixes. */
  @Test
  void everyMandatoryObsCoreColumnHasTheStandardsMetadata() {
    Map<String, TapColumn> columns =
        schema.table("ivoa.obscore").orElseThrow().columns().stream()
            .collect(Collectors.toMap(TapColumn::name, c -> c));
    String[][] mandatory = {
      {"dataproduct_type", "obscore:ObsDataset.dataProductType", "meta.code.class", ""},
      {"calib_level", "obscore:ObsDataset.calibLevel", "meta.code;obs.calib", ""},
      {"obs_collection", "obscore:DataID.Collection", "meta.id", ""},
      {"obs_id", "obscore:DataID.observationID", "meta.id", ""},
      {"obs_publisher_did", "obscore:Curation.PublisherDID", "meta.ref.ivoid", ""},
      {"access_url", "obscore:Access.Reference", "meta.ref.url", ""},
      {"access_format", "obscore:Access.Format", "meta.code.mime", ""},
      {"access_estsize", "obscore:Access.Size", "phys.size;meta.file", "kbyte"},
      {"target_name", "obscore:Target.Name", "meta.id;src", ""},
      {
        "s_ra",
        "obscore:Char.SpatialAxis.Coverage.Location.Coord.Position2D.Value2.C1",
        "pos.eq.ra",
        "deg"
      },
      {
        "s_dec",
        "obscore:Char.SpatialAxis.Coverage.Location.Coord.Position2D.Value2.C2",
        "pos.eq.dec",
        "deg"
      },
      {
        "s_fov",
        "obscore:Char.SpatialAxis.Coverage.Bounds.Extent.diameter",
        "phys.angSize;instr.fov",
        "deg"
      },
      {"s_region", "obscore:Char.SpatialAxis.Coverage.Support.Area", "pos.outline;obs.field", ""},
      {
        "s_resolution",
        "obscore:Char.SpatialAxis.Resolution.Refval.value",
        "pos.angResolution",
        "arcsec"
      },
      {"s_xel1", "obscore:Char.SpatialAxis.numBins1", "meta.number", ""},
      {"s_xel2", "obscore:Char.SpatialAxis.numBins2", "meta.number", ""},
      {
        "t_min",
        "obscore:Char.TimeAxis.Coverage.Bounds.Limits.StartTime",
        "time.start;obs.exposure",
        "d"
      },
      {
        "t_max",
        "obscore:Char.TimeAxis.Coverage.Bounds.Limits.StopTime",
        "time.end;obs.exposure",
        "d"
      },
      {
        "t_exptime",
        "obscore:Char.TimeAxis.Coverage.Support.Extent",
        "time.duration;obs.exposure",
        "s"
      },
      {"t_resolution", "obscore:Char.TimeAxis.Resolution.Refval.value", "time.resolution", "s"},
      {"t_xel", "obscore:Char.TimeAxis.numBins", "meta.number", ""},
      {"em_min", "obscore:Char.SpectralAxis.Coverage.Bounds.Limits.LoLimit", "em.wl;stat.min", "m"},
      {"em_max", "obscore:Char.SpectralAxis.Coverage.Bounds.Limits.HiLimit", "em.wl;stat.max", "m"},
      {
        "em_res_power",
        "obscore:Char.SpectralAxis.Resolution.ResolPower.refVal",
        "spect.resolution",
        ""
      },
      {"em_xel", "obscore:Char.SpectralAxis.numBins", "meta.number", ""},
      {"o_ucd", "obscore:Char.ObservableAxis.ucd", "meta.ucd", ""},
      {"pol_states", "obscore:Char.PolarizationAxis.stateList", "meta.code;phys.polarization", ""},
      {"pol_xel", "obscore:Char.PolarizationAxis.numBins", "meta.number", ""},
      {"facility_name", "obscore:Provenance.ObsConfig.facility.name", "meta.id;instr.tel", ""},
      {"instrument_name", "obscore:Provenance.ObsConfig.instrument.name", "meta.id;instr", ""},
    };
    for (String[] m : mandatory) {
      TapColumn c = columns.get(m[0]);
      assertThat(c).as(m[0]).isNotNull();
      assertThat(c.utype()).as(m[0]).isEqualTo(m[1]);
      assertThat(c.ucd()).as(m[0]).isEqualTo(m[2]);
      assertThat(c.unit()).as(m[0]).isEqualTo(m[3]);
      assertThat(c.std()).as(m[0]).isTrue();
    }
    assertThat(columns.get("calib_level").datatype()).isEqualTo("short");
    assertThat(columns.get("access_estsize").datatype()).isEqualTo("long");
    assertThat(columns.get("obs_release_date").xtype()).isEqualTo("timestamp");
  }

  @Test
  void keysNameTablesAndColumnsThatArePublished() {
    assertThat(schema.keys()).extracting(TapSchema.Key::keyId).contains("obscore_hea_did");
    assertThat(TapSchemaDescriptor.check(schema)).isSameAs(schema);
  }

  @Test
  @SuppressWarnings("unchecked")
  void tapSchemaTablesDescribeEveryPublishedColumnAfterPublishing(@TempDir Path tmp) {
    try (CatalogueDatabase db = CatalogueDatabase.open(tmp)) {
      JpaTapSchemaRepository repository =
          new JpaTapSchemaRepository(ArchiveDatabase.wrapping(db.database()));
      repository.publish(schema);
      repository.publish(schema); // a second start rewrites, it does not add

      long columns = schema.tables().stream().mapToLong(t -> t.columns().size()).sum();
      List<Object[]> rows =
          db.database()
              .fromTransaction(
                  em ->
                      em.createNativeQuery(
                              "select table_name, column_name, datatype, unit, ucd, principal,"
                                  + " column_index from tap_schema.columns order by table_name,"
                                  + " column_index")
                          .getResultList());
      assertThat(rows).hasSize((int) columns);
      assertThat(rows)
          .anySatisfy(
              r -> {
                assertThat(r[0]).isEqualTo("ivoa.obscore");
                assertThat(r[1]).isEqualTo("s_ra");
                assertThat(r[2]).isEqualTo("double");
                assertThat(r[3]).isEqualTo("deg");
                assertThat(r[4]).isEqualTo("pos.eq.ra");
                assertThat(((Number) r[5]).intValue()).isEqualTo(1);
              });
      assertThat(rows)
          .as("an empty unit is NULL, not an empty string")
          .anySatisfy(
              r -> {
                assertThat(r[1]).isEqualTo("obs_id");
                assertThat(r[3]).isNull();
              });
      List<Object> tables =
          db.database()
              .fromTransaction(
                  em ->
                      em.createNativeQuery("select table_name from tap_schema.tables")
                          .getResultList());
      assertThat(tables).hasSize(8).contains("ivoa.obscore", "tap_schema.key_columns");
      Number keyColumns =
          db.database()
              .fromTransaction(
                  em ->
                      (Number)
                          em.createNativeQuery("select count(*) from tap_schema.key_columns")
                              .getSingleResult());
      assertThat(keyColumns.intValue()).isEqualTo(schema.keys().size());
    }
  }
}
