package org.dpps.archive.planning.domain;

import java.util.List;
import java.util.Objects;

/**
 * A change of some fields of a format entry, merge-patch style: each field is either absent (the
 * entry keeps its value) or set, possibly to null (which clears an optional field and is refused
 * for a required one). The result is checked as a whole by the format registry. The id cannot
 * change: a patch may name it only as it is.
 */
public record FormatPatch(
    Field<String> id,
    Field<String> name,
    Field<String> mediaType,
    Field<String> profile,
    Field<String> version,
    Field<String> pronom,
    Field<String> status,
    Field<List<String>> reasons,
    Field<String> specification) {
  /** The patch that changes nothing. */
  public static final FormatPatch NONE =
      new FormatPatch(
          Field.absent(),
          Field.absent(),
          Field.absent(),
          Field.absent(),
          Field.absent(),
          Field.absent(),
          Field.absent(),
          Field.absent(),
          Field.absent());

  public FormatPatch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(pronom, "pronom");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reasons, "reasons");
    Objects.requireNonNull(specification, "specification");
  }

  /** {@code fields} with the fields this patch sets replaced. */
  public FormatFields applyTo(FormatFields fields) {
    return new FormatFields(
        id.orElse(fields.id()),
        name.orElse(fields.name()),
        mediaType.orElse(fields.mediaType()),
        profile.orElse(fields.profile()),
        version.orElse(fields.version()),
        pronom.orElse(fields.pronom()),
        status.orElse(fields.status()),
        reasons.orElse(fields.reasons()),
        specification.orElse(fields.specification()));
  }

  public FormatPatch withId(String value) {
    return new FormatPatch(
        Field.of(value), name, mediaType, profile, version, pronom, status, reasons, specification);
  }

  public FormatPatch withName(String value) {
    return new FormatPatch(
        id, Field.of(value), mediaType, profile, version, pronom, status, reasons, specification);
  }

  public FormatPatch withMediaType(String value) {
    return new FormatPatch(
        id, name, Field.of(value), profile, version, pronom, status, reasons, specification);
  }

  public FormatPatch withProfile(String value) {
    return new FormatPatch(
        id, name, mediaType, Field.of(value), version, pronom, status, reasons, specification);
  }

  public FormatPatch withVersion(String value) {
    return new FormatPatch(
        id, name, mediaType, profile, Field.of(value), pronom, status, reasons, specification);
  }

  public FormatPatch withPronom(String value) {
    return new FormatPatch(
        id, name, mediaType, profile, version, Field.of(value), status, reasons, specification);
  }

  public FormatPatch withStatus(String value) {
    return new FormatPatch(
        id, name, mediaType, profile, version, pronom, Field.of(value), reasons, specification);
  }

  public FormatPatch withReasons(List<String> value) {
    return new FormatPatch(
        id, name, mediaType, profile, version, pronom, status, Field.of(value), specification);
  }

  public FormatPatch withSpecification(String value) {
    return new FormatPatch(
        id, name, mediaType, profile, version, pronom, status, reasons, Field.of(value));
  }

  /**
   * One field of a patch: absent (the entry keeps its value) or present with a value, which may be
   * null.
   */
  public record Field<T>(boolean present, T value) {
    private static final Field<?> ABSENT = new Field<>(false, null);

    public Field {
      if (!present && value != null) {
        throw new IllegalArgumentException("An absent field has no value");
      }
    }

    @SuppressWarnings("unchecked")
    public static <T> Field<T> absent() {
      return (Field<T>) ABSENT;
    }

    /** The field set to {@code value} (null included). */
    public static <T> Field<T> of(T value) {
      return new Field<>(true, value);
    }

    /** The value if the field is present, else {@code current}. */
    public T orElse(T current) {
      return present ? value : current;
    }
  }
}
