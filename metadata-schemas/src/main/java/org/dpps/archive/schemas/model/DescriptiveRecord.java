package org.dpps.archive.schemas.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The descriptive record of one AIP version, stored in the AIP as {@code
 * metadata/descriptive.json}. The catalogue is built from these records alone, so that it can be
 * rebuilt from storage. Field names are part of the AIP format: add fields, never rename them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DescriptiveRecord(
    String format,
    String productId,
    int version,
    String depositId,
    String depositedAt,
    String description,
    List<String> dataLevels,
    String dataCategory,
    String processType,
    String activityName,
    String activityId,
    String softwareName,
    String softwareVersion,
    String instrumentSite,
    Long obsId,
    String object,
    Double raPnt,
    Double decPnt,
    String timeStart,
    String timeStop,
    Double ontime,
    Double livetime,
    String telescope,
    String instrument,
    List<String> hduClasses,
    String pipeline,
    String pipelineVersion,
    List<String> keywords,
    String embargoUntil,
    String accessGroup,
    List<FileEntry> files,
    Map<String, String> headers) {

  /** Value of {@link #format()} for records written by this version of the archive. */
  public static final String FORMAT = "dpps-archive/descriptive/1";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public DescriptiveRecord {
    Objects.requireNonNull(productId, "productId");
    dataLevels = dataLevels == null ? List.of() : List.copyOf(dataLevels);
    hduClasses = hduClasses == null ? List.of() : List.copyOf(hduClasses);
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    files = files == null ? List.of() : List.copyOf(files);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /**
   * One payload file of the AIP.
   *
   * @param path path inside the bag's {@code data/} directory
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FileEntry(
      String path,
      long size,
      String mediaType,
      String formatName,
      String pronom,
      String sha512,
      String sha256,
      String adler32) {}

  /** The same record for another version with other files (a migration's new version). */
  public DescriptiveRecord withVersion(int newVersion, List<FileEntry> newFiles) {
    return new DescriptiveRecord(
        format,
        productId,
        newVersion,
        depositId,
        depositedAt,
        description,
        dataLevels,
        dataCategory,
        processType,
        activityName,
        activityId,
        softwareName,
        softwareVersion,
        instrumentSite,
        obsId,
        object,
        raPnt,
        decPnt,
        timeStart,
        timeStop,
        ontime,
        livetime,
        telescope,
        instrument,
        hduClasses,
        pipeline,
        pipelineVersion,
        keywords,
        embargoUntil,
        accessGroup,
        newFiles,
        headers);
  }

  public long totalSize() {
    return files.stream().mapToLong(FileEntry::size).sum();
  }

  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static DescriptiveRecord fromJson(byte[] json) {
    try {
      return JSON.readValue(json, DescriptiveRecord.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable descriptive record: " + e.getMessage(), e);
    }
  }

  /** Who may download this product, and from when on. */
  public org.dpps.archive.platform.security.Embargo embargo() {
    return new org.dpps.archive.platform.security.Embargo(productId, embargoUntil, accessGroup);
  }
}
