package org.dpps.archive.planning.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A file of a product's head version with its media type and identified profile tags. */
@Entity
@Table(name = "holding_file")
@IdClass(HoldingFileEntity.Key.class)
public class HoldingFileEntity {
  @Id
  @Column(name = "product_id")
  public String productId;

  @Id
  @Column(name = "path")
  public String path;

  @Column(name = "version")
  public int version;

  @Column(name = "size_bytes")
  public long size;

  @Column(name = "media_type")
  public String mediaType;

  /** Profile tags separated by single spaces, sorted ("" when none). */
  @Column(name = "profile")
  public String profile;

  @Column(name = "data_level")
  public String dataLevel;

  /** The composite key. */
  public static class Key implements Serializable {
    public String productId;
    public String path;

    public Key() {}

    public Key(String productId, String path) {
      this.productId = productId;
      this.path = path;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(productId, k.productId)
          && Objects.equals(path, k.path);
    }

    @Override
    public int hashCode() {
      return Objects.hash(productId, path);
    }
  }
}
