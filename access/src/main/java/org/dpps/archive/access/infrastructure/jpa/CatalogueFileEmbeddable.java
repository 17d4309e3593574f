package org.dpps.archive.access.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;

/** Row of {@code catalogue_file}: one payload file of a catalogued product. */
@Embeddable
public class CatalogueFileEmbeddable {
  @Column(name = "path")
  String path;

  @Column(name = "size_bytes")
  long size;

  @Column(name = "media_type")
  @KeywordField(name = "mediaType")
  String mediaType;

  @Column(name = "pronom")
  String pronom;

  @Column(name = "sha512")
  @KeywordField
  String sha512;

  @Column(name = "sha256")
  @KeywordField
  String sha256;

  @Column(name = "adler32")
  String adler32;
}
