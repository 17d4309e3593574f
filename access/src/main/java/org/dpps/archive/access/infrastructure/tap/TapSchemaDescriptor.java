package org.dpps.archive.access.infrastructure.tap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dpps.archive.access.domain.tap.SpatialIndex;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapSchema;
import org.dpps.archive.access.domain.tap.TapTable;

/**
 * Reads {@code tap-schema.json}, the descriptor of everything the TAP service publishes, into a
 * {@link TapSchema}, and checks it: names unique, keys naming tables and columns that exist.
 */
@ApplicationScoped
public class TapSchemaDescriptor {
  static final String RESOURCE = "/org/dpps/archive/access/tap/tap-schema.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final TapSchema schema = load();
  private final SpatialIndex spatialIndex = loadSpatialIndex();

  /** The published schema. */
  @Produces
  public TapSchema schema() {
    return schema;
  }

  /** The zone indexes of the published tables. */
  @Produces
  public SpatialIndex spatialIndex() {
    return spatialIndex;
  }

  /** Reads and checks the descriptor shipped with the archive. */
  public static TapSchema load() {
    return check(read().toSchema());
  }

  /**
   * The zone indexes the descriptor declares ({@code "spatialIndex"} of a table); their RA and Dec
   * columns must be published, their zone column must not be.
   */
  public static SpatialIndex loadSpatialIndex() {
    Doc doc = read();
    TapSchema schema = check(doc.toSchema());
    Map<String, SpatialIndex.Columns> tables = new LinkedHashMap<>();
    for (SchemaDoc s : doc.schemas()) {
      for (TableDoc t : s.tables()) {
        if (t.spatialIndex() == null) {
          continue;
        }
        String name = s.name() + "." + t.name();
        TapTable table = schema.table(name).orElseThrow();
        SpatialIndexDoc x = t.spatialIndex();
        for (String published : new String[] {x.ra(), x.dec()}) {
          if (table.columns().stream().noneMatch(c -> c.physicalName().equals(published))) {
            throw new IllegalStateException(
                "the spatial index of " + name + " names " + published + ", not published");
          }
        }
        if (table.columns().stream().anyMatch(c -> c.physicalName().equals(x.zone()))) {
          throw new IllegalStateException(
              "the zone column " + x.zone() + " of " + name + " must not be published");
        }
        tables.put(name, new SpatialIndex.Columns(x.ra(), x.dec(), x.zone()));
      }
    }
    return new SpatialIndex(tables);
  }

  private static Doc read() {
    try (InputStream in = TapSchemaDescriptor.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + RESOURCE);
      }
      return JSON.readValue(in, Doc.class);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  static TapSchema check(TapSchema schema) {
    Set<String> tables = new HashSet<>();
    for (TapTable t : schema.tables()) {
      if (!tables.add(t.qualifiedName().toLowerCase())) {
        throw new IllegalStateException("table published twice: " + t.qualifiedName());
      }
      Set<String> columns = new HashSet<>();
      for (TapColumn c : t.columns()) {
        if (!columns.add(c.name().toLowerCase()) || !c.name().matches("[a-z_][a-z0-9_]*")) {
          throw new IllegalStateException(
              "bad or repeated column " + t.qualifiedName() + "." + c.name());
        }
      }
    }
    for (TapSchema.Key k : schema.keys()) {
      TapTable from = schema.table(k.fromTable()).orElseThrow(() -> badKey(k, k.fromTable()));
      TapTable target = schema.table(k.targetTable()).orElseThrow(() -> badKey(k, k.targetTable()));
      for (TapSchema.KeyColumn kc : k.columns()) {
        from.column(kc.fromColumn()).orElseThrow(() -> badKey(k, kc.fromColumn()));
        target.column(kc.targetColumn()).orElseThrow(() -> badKey(k, kc.targetColumn()));
      }
    }
    return schema;
  }

  private static IllegalStateException badKey(TapSchema.Key key, String name) {
    return new IllegalStateException("key " + key.keyId() + " names " + name + ", not published");
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  record Doc(List<SchemaDoc> schemas, List<KeyDoc> keys) {
    TapSchema toSchema() {
      return new TapSchema(
          schemas.stream().map(SchemaDoc::toSchema).toList(),
          keys.stream().map(KeyDoc::toKey).toList());
    }
  }

  record SchemaDoc(String name, String description, String utype, List<TableDoc> tables) {
    TapSchema.Schema toSchema() {
      return new TapSchema.Schema(
          name, description, utype, tables.stream().map(t -> t.toTable(name)).toList());
    }
  }

  record TableDoc(
      String name,
      String type,
      String description,
      String utype,
      List<ColumnDoc> columns,
      SpatialIndexDoc spatialIndex) {
    TapTable toTable(String schema) {
      return new TapTable(
          schema,
          name,
          type,
          description,
          utype,
          columns.stream().map(ColumnDoc::toColumn).toList(),
          null);
    }
  }

  record ColumnDoc(
      String name,
      String datatype,
      String arraysize,
      String xtype,
      String unit,
      String ucd,
      String utype,
      String description,
      boolean principal,
      boolean indexed,
      boolean std) {
    TapColumn toColumn() {
      return new TapColumn(
          name,
          datatype,
          arraysize,
          xtype,
          unit,
          ucd,
          utype,
          description,
          principal,
          indexed,
          std,
          name);
    }
  }

  record KeyDoc(
      String key_id,
      String from_table,
      String target_table,
      String description,
      String utype,
      List<KeyColumnDoc> columns) {
    TapSchema.Key toKey() {
      return new TapSchema.Key(
          key_id,
          from_table,
          target_table,
          description,
          utype,
          columns.stream()
              .map(c -> new TapSchema.KeyColumn(c.from_column(), c.target_column()))
              .toList());
    }
  }

  record KeyColumnDoc(String from_column, String target_column) {}

  /** {@code "spatialIndex": {"ra": "s_ra", "dec": "s_dec", "zone": "s_zone"}}. */
  record SpatialIndexDoc(String ra, String dec, String zone) {}
}
