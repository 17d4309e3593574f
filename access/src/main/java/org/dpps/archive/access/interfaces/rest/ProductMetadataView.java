package org.dpps.archive.access.interfaces.rest;

import java.util.List;
import java.util.Map;
import org.dpps.archive.schemas.model.DescriptiveRecord;

/**
 * {@code GET /api/v1/products/{id}}: the product's descriptive record ({@code metadata}), with the
 * same fields as the record stored in the AIP ({@code metadata/descriptive.json}).
 */
public record ProductMetadataView(
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
    List<FileEntryView> files,
    Map<String, String> headers) {

  /** The answer for a descriptive record. */
  public static ProductMetadataView of(DescriptiveRecord r) {
    return new ProductMetadataView(
        r.format(),
        r.productId(),
        r.version(),
        r.depositId(),
        r.depositedAt(),
        r.description(),
        r.dataLevels(),
        r.dataCategory(),
        r.processType(),
        r.activityName(),
        r.activityId(),
        r.softwareName(),
        r.softwareVersion(),
        r.instrumentSite(),
        r.obsId(),
        r.object(),
        r.raPnt(),
        r.decPnt(),
        r.timeStart(),
        r.timeStop(),
        r.ontime(),
        r.livetime(),
        r.telescope(),
        r.instrument(),
        r.hduClasses(),
        r.pipeline(),
        r.pipelineVersion(),
        r.keywords(),
        r.embargoUntil(),
        r.accessGroup(),
        r.files().stream().map(FileEntryView::of).toList(),
        r.headers());
  }

  /**
   * {@code GET /api/v1/products/{id}}: a payload file as the descriptive record lists it ({@code
   * metadata.files}).
   *
   * @param path path inside the bag's {@code data/} directory
   */
  public record FileEntryView(
      String path,
      long size,
      String mediaType,
      String formatName,
      String pronom,
      String sha512,
      String sha256,
      String adler32) {

    /** The answer for a file entry of a descriptive record. */
    public static FileEntryView of(DescriptiveRecord.FileEntry f) {
      return new FileEntryView(
          f.path(),
          f.size(),
          f.mediaType(),
          f.formatName(),
          f.pronom(),
          f.sha512(),
          f.sha256(),
          f.adler32());
    }
  }
}
