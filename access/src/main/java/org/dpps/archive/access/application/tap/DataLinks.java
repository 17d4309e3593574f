package org.dpps.archive.access.application.tap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dpps.archive.access.domain.CatalogueRepository;
import org.dpps.archive.access.domain.LineageGraph;
import org.dpps.archive.access.domain.LineageQuery;
import org.dpps.archive.access.domain.LineageReader;
import org.dpps.archive.access.domain.tap.DataLink;
import org.dpps.archive.access.domain.tap.ObsCorePublication;
import org.dpps.archive.access.domain.tap.ProductLinks;
import org.dpps.archive.access.domain.tap.ResultFormat;
import org.dpps.archive.access.domain.tap.ResultWriter;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.ProductId;

/**
 * DataLink 1.1 {@code {links}}: the links of the products named by publisher DIDs (see {@link
 * ProductLinks} for the rows). The rows are made before any byte is answered; an ID that names no
 * product gets a {@code NotFoundFault} row. The caller decides what {@code link_authorized} says,
 * as downloads do.
 */
@ApplicationScoped
public class DataLinks {
  /** At most this many IDs in one request. */
  public static final int MAX_IDS = 100;

  private CatalogueRepository catalogue;
  private LineageReader lineage;
  private ResultWriter writer;
  private ProductLinks rules;
  private Clock clock = Clock.systemUTC();

  protected DataLinks() {}

  @Inject
  public DataLinks(
      CatalogueRepository catalogue,
      LineageReader lineage,
      ResultWriter writer,
      ObsCorePublication publication) {
    this.catalogue = catalogue;
    this.lineage = lineage;
    this.writer = writer;
    this.rules = new ProductLinks(publication);
  }

  /** For tests: the same with a clock. */
  DataLinks(
      CatalogueRepository catalogue,
      LineageReader lineage,
      ResultWriter writer,
      ObsCorePublication publication,
      Clock clock) {
    this(catalogue, lineage, writer, publication);
    this.clock = clock;
  }

  /** A request the service refuses: a DALI error document ({@code UsageFault: ...}), 400. */
  public static final class UsageFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageFault(String message) {
      super(message);
    }

    /** The message of the error document. */
    public String describe() {
      return "UsageFault: " + getMessage();
    }
  }

  /** The links of the IDs, ready to be written. */
  public final class Answer {
    private final List<DataLink> links;
    private final ResultFormat format;

    private Answer(List<DataLink> links, ResultFormat format) {
      this.links = links;
      this.format = format;
    }

    public List<DataLink> links() {
      return links;
    }

    /** The response's media type. */
    public String contentType() {
      return format == ResultFormat.VOTABLE_TABLEDATA
          ? DataLink.CONTENT_TYPE
          : DataLink.CONTENT_TYPE + ";serialization=binary2";
    }

    /** Writes the VOTable. */
    public void write(OutputStream out) throws IOException {
      Iterator<DataLink> rows = links.iterator();
      writer.write(
          format,
          DataLink.COLUMNS,
          () -> rows.hasNext() ? rows.next().row() : null,
          links.size(),
          out,
          Map.of("standardID", DataLink.STANDARD_ID));
    }
  }

  /**
   * The links of {@code ids} for {@code caller}, in a VOTable as {@code responseFormat} asks.
   *
   * @throws UsageFault when there is no ID, more than {@link #MAX_IDS}, or a format other than a
   *     VOTable
   */
  public Answer prepare(List<String> ids, String responseFormat, Caller caller) {
    ResultFormat format = format(responseFormat);
    if (ids == null || ids.stream().allMatch(id -> id == null || id.isBlank())) {
      throw new UsageFault("the ID parameter is required");
    }
    if (ids.size() > MAX_IDS) {
      throw new UsageFault("at most " + MAX_IDS + " IDs in one request, not " + ids.size());
    }
    return new Answer(links(ids, caller), format);
  }

  /** The rows for {@code ids}, in the order given (repeated IDs once). */
  public List<DataLink> links(List<String> ids, Caller caller) {
    Set<String> distinct = new LinkedHashSet<>();
    ids.stream().filter(id -> id != null && !id.isBlank()).forEach(distinct::add);
    List<DataLink> rows = new ArrayList<>();
    Instant now = clock.instant();
    for (String id : distinct) {
      Optional<ProductId> productId = rules.productId(id);
      Optional<DescriptiveRecord> record = productId.flatMap(catalogue::record);
      if (record.isEmpty()) {
        rows.add(
            DataLink.fault(
                id,
                "NotFoundFault",
                productId.isEmpty()
                    ? "not an identifier of this archive (ivo://.../products?<product id>)"
                    : "no product " + productId.get().value()));
        continue;
      }
      DescriptiveRecord r = record.get();
      var embargo = r.embargo();
      ProductLinks.Access access =
          new ProductLinks.Access(
              embargo.released(now) ? null : r.embargoUntil(),
              r.accessGroup(),
              embargo.mayDownload(caller, now));
      rows.addAll(rules.links(id, r, access, progenitors(productId.get())));
    }
    return rows;
  }

  /** The archived products this one was derived from (upstream, one hop); none if unknown. */
  private List<String> progenitors(ProductId productId) {
    LineageGraph graph;
    try {
      graph = lineage.document(new LineageQuery(productId, LineageQuery.Direction.UPSTREAM, 1));
    } catch (ArchiveException e) {
      return List.of();
    }
    return graph.nodes().stream()
        .filter(n -> n.kind() == LineageGraph.Kind.PRODUCT)
        .flatMap(n -> n.productId().stream())
        .filter(id -> !id.equals(productId.value()))
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * VOTable only: TABLEDATA unless BINARY2 is asked for by name (DataLink clients expect TABLEDATA
   * by default).
   */
  static ResultFormat format(String responseFormat) {
    if (responseFormat == null || responseFormat.isBlank()) {
      return ResultFormat.VOTABLE_TABLEDATA;
    }
    Optional<ResultFormat> parsed = ResultFormat.parse(responseFormat);
    if (parsed.isEmpty() || !parsed.get().isVotable()) {
      throw new UsageFault(
          "RESPONSEFORMAT must be votable or "
              + DataLink.CONTENT_TYPE
              + ", not '"
              + clip(responseFormat)
              + "'");
    }
    String asked = responseFormat.toLowerCase(Locale.ROOT);
    return asked.contains("binary2") || asked.contains("votable/b2")
        ? ResultFormat.VOTABLE_BINARY2
        : ResultFormat.VOTABLE_TABLEDATA;
  }

  private static String clip(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
