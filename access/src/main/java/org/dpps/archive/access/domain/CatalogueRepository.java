package org.dpps.archive.access.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.ProductId;

/**
 * Port: where the catalogue keeps one entry per product (derived data, rebuilt from storage at
 * will), with the files of each and the search index fed from it. Every method is one transaction.
 */
public interface CatalogueRepository {
  /** Inserts or replaces the entries, all in one transaction; each is (re)indexed for search. */
  void upsertAll(List<CatalogueEntry> entries);

  /** The AIP version the catalogue holds for a product; empty when it is not catalogued. */
  Optional<Integer> version(ProductId productId);

  /** The descriptive record the catalogue holds for a product. */
  Optional<DescriptiveRecord> record(ProductId productId);

  boolean contains(ProductId productId);

  /** Every catalogued product, by product id; the caller closes the stream. */
  Stream<ProductId> productIds();

  /** The product that holds a file with this sha512 (the first by product id), if any. */
  Optional<ProductId> productWithFile(String sha512);

  /** How many products and files the catalogue holds. */
  Totals totals();

  /** The AIP version of every catalogue row, by product. */
  Map<ProductId, Integer> versions();

  /**
   * The AIP version of every document in the search index, by product, read from the index itself
   * (a document written before the index held versions counts as version 0).
   */
  Map<ProductId, Integer> indexedVersions();

  /** How many documents the search index holds. */
  long indexedCount();

  /**
   * The AIP version whose provenance graph was last written, by product (products whose graph was
   * never recorded as written are absent).
   */
  Map<ProductId, Integer> graphVersions();

  /** Records that these versions' graphs are written (after the graph store committed). */
  void graphsWritten(Map<ProductId, Integer> versions);

  /** Removes every entry (and its files and index document). */
  void deleteAll();

  /** How many products and files the catalogue holds. */
  record Totals(long products, long files) {}
}
