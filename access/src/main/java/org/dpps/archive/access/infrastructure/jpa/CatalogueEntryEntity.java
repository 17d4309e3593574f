package org.dpps.archive.access.infrastructure.jpa;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dpps.archive.access.infrastructure.search.ArchiveAnalysisConfigurer;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.bridge.builtin.annotation.GeoPointBinding;
import org.hibernate.search.mapper.pojo.bridge.builtin.annotation.Latitude;
import org.hibernate.search.mapper.pojo.bridge.builtin.annotation.Longitude;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.IndexedEmbedded;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.IndexingDependency;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.ObjectPath;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.PropertyValue;

/**
 * Row of {@code catalogue_entry} and its Lucene document: one product, as described by the head
 * version of its AIP. Derived data: rebuilt from storage at will.
 */
@Entity
@Table(name = "catalogue_entry")
@Indexed(index = "catalogue")
@GeoPointBinding(fieldName = "pointing", markerSet = "pointing")
public class CatalogueEntryEntity {
  @Id
  @Column(name = "product_id")
  @KeywordField(name = "productId", sortable = Sortable.YES)
  String productId;

  /** The AIP version; in the index too, so that the index itself says which version it holds. */
  @Column(name = "version")
  @GenericField(name = "indexedVersion", projectable = Projectable.YES)
  int version;

  /**
   * The AIP version whose provenance graph was last written (set after the graph store committed);
   * not indexed.
   */
  @Column(name = "graph_version")
  Integer graphVersion;

  @Column(name = "description")
  @FullTextField(
      analyzer = ArchiveAnalysisConfigurer.TEXT,
      searchAnalyzer = ArchiveAnalysisConfigurer.TEXT_QUERY)
  String description;

  @Column(name = "data_levels")
  String dataLevels;

  @Column(name = "data_category")
  @KeywordField(name = "category", aggregable = Aggregable.YES)
  String dataCategory;

  @Column(name = "obs_id")
  @GenericField(sortable = Sortable.YES)
  Long obsId;

  @Column(name = "target")
  @FullTextField(
      name = "targetText",
      analyzer = ArchiveAnalysisConfigurer.TEXT,
      searchAnalyzer = ArchiveAnalysisConfigurer.TEXT_QUERY)
  @KeywordField(
      name = "target",
      normalizer = ArchiveAnalysisConfigurer.LOWERCASE,
      aggregable = Aggregable.YES,
      sortable = Sortable.YES)
  String target;

  @Column(name = "ra")
  @GenericField(sortable = Sortable.YES)
  Double ra;

  @Column(name = "dec")
  @GenericField(sortable = Sortable.YES)
  Double dec;

  @Column(name = "time_start")
  @GenericField(sortable = Sortable.YES)
  Instant timeStart;

  @Column(name = "time_stop")
  @GenericField(sortable = Sortable.YES)
  Instant timeStop;

  @Column(name = "ontime")
  Double ontime;

  @Column(name = "telescope")
  @KeywordField(aggregable = Aggregable.YES)
  String telescope;

  @Column(name = "instrument")
  @KeywordField(aggregable = Aggregable.YES)
  String instrument;

  @Column(name = "site")
  @KeywordField(aggregable = Aggregable.YES)
  String site;

  @Column(name = "format")
  @KeywordField(aggregable = Aggregable.YES)
  String format;

  @Column(name = "pronom")
  String pronom;

  @Column(name = "size_bytes")
  @GenericField(sortable = Sortable.YES)
  long sizeBytes;

  @Column(name = "file_count")
  int fileCount;

  @Column(name = "deposit_id")
  @KeywordField
  String depositId;

  @Column(name = "deposited_at")
  @GenericField(sortable = Sortable.YES)
  Instant depositedAt;

  /** Release date: until then only its access group and archivists may download it. */
  @Column(name = "release_date")
  @GenericField(sortable = Sortable.YES)
  Instant releaseDate;

  @Column(name = "access_group")
  @KeywordField
  String accessGroup;

  @Column(name = "record")
  String record;

  /** The record parsed for the derived index fields, and the text it was parsed from. */
  @Transient private DescriptiveRecord parsedRecord;

  @Transient private String parsedFrom;

  @Version
  @Column(name = "opt_version")
  long optVersion;

  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "catalogue_file", joinColumns = @JoinColumn(name = "product_id"))
  @IndexedEmbedded(includePaths = {"sha512", "sha256", "mediaType"})
  List<CatalogueFileEmbeddable> files = new ArrayList<>();

  /** Data levels as separate values, for filters and facets. */
  @Transient
  @KeywordField(name = "level", aggregable = Aggregable.YES)
  @IndexingDependency(derivedFrom = @ObjectPath(@PropertyValue(propertyName = "dataLevels")))
  public List<String> getLevels() {
    if (dataLevels == null || dataLevels.isBlank()) {
      return List.of();
    }
    return Arrays.stream(dataLevels.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** The keywords of the SIP manifest, as free text (from the record). */
  @Transient
  @FullTextField(
      name = "keywords",
      analyzer = ArchiveAnalysisConfigurer.TEXT,
      searchAnalyzer = ArchiveAnalysisConfigurer.TEXT_QUERY)
  @IndexingDependency(derivedFrom = @ObjectPath(@PropertyValue(propertyName = "record")))
  public List<String> getKeywords() {
    return parsedRecord().map(DescriptiveRecord::keywords).orElse(List.of());
  }

  /** The classes of the HDUs of the product's files (EVENTS, GTI, AEFF_2D...), from the record. */
  @Transient
  @KeywordField(name = "hduClass", normalizer = ArchiveAnalysisConfigurer.LOWERCASE)
  @IndexingDependency(derivedFrom = @ObjectPath(@PropertyValue(propertyName = "record")))
  public List<String> getHduClasses() {
    return parsedRecord().map(DescriptiveRecord::hduClasses).orElse(List.of());
  }

  private Optional<DescriptiveRecord> parsedRecord() {
    if (record == null) {
      return Optional.empty();
    }
    if (parsedRecord == null || !record.equals(parsedFrom)) {
      parsedRecord = DescriptiveRecord.fromJson(record.getBytes(StandardCharsets.UTF_8));
      parsedFrom = record;
    }
    return Optional.of(parsedRecord);
  }

  /** The pointing's latitude on the sphere of the cone search: declination. */
  @Transient
  @Latitude(markerSet = "pointing")
  @IndexingDependency(derivedFrom = @ObjectPath(@PropertyValue(propertyName = "dec")))
  public Double getPointingLatitude() {
    return ra == null ? null : dec;
  }

  /** The pointing's longitude: right ascension folded into [-180, 180). */
  @Transient
  @Longitude(markerSet = "pointing")
  @IndexingDependency(derivedFrom = @ObjectPath(@PropertyValue(propertyName = "ra")))
  public Double getPointingLongitude() {
    if (ra == null || dec == null) {
      return null;
    }
    double lon = ((ra % 360) + 360) % 360;
    return lon >= 180 ? lon - 360 : lon;
  }

  /** Year of the observation start, for the year facet. */
  @Transient
  @GenericField(name = "year", aggregable = Aggregable.YES)
  @IndexingDependency(derivedFrom = @ObjectPath(@PropertyValue(propertyName = "timeStart")))
  public Integer getYear() {
    return timeStart == null ? null : timeStart.atZone(ZoneOffset.UTC).getYear();
  }
}
