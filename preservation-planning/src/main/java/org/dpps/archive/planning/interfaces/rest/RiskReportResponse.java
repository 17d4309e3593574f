package org.dpps.archive.planning.interfaces.rest;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.dpps.archive.planning.application.RiskReports;

/** The risk report as {@code GET /preservation/risk} ({@code Accept: application/json}) answers. */
public record RiskReportResponse(
    Instant generatedAt,
    Totals totals,
    List<FormatRow> formats,
    List<LevelRow> levels,
    List<AtRiskProduct> atRisk,
    boolean truncated) {

  public static RiskReportResponse of(RiskReports.Report r) {
    return new RiskReportResponse(
        r.generatedAt(),
        Totals.of(r.totals()),
        map(r.formats(), FormatRow::of),
        map(r.levels(), LevelRow::of),
        map(r.atRisk(), AtRiskProduct::of),
        r.truncated());
  }

  /** Each element mapped, in order; null for null. */
  static <A, B> List<B> map(List<A> list, Function<A, B> f) {
    return list == null ? null : list.stream().map(f).toList();
  }

  /** The totals over the holdings, in {@code GET /preservation/risk}. */
  public record Totals(
      long products,
      long files,
      long bytes,
      long atRiskProducts,
      long atRiskFiles,
      long atRiskBytes) {

    /** The totals, null for none. */
    public static Totals of(RiskReports.Totals t) {
      return t == null
          ? null
          : new Totals(
              t.products(),
              t.files(),
              t.bytes(),
              t.atRiskProducts(),
              t.atRiskFiles(),
              t.atRiskBytes());
    }
  }

  /** The holdings of one format, in {@code GET /preservation/risk}. */
  public record FormatRow(
      String formatId,
      String name,
      String status,
      List<String> reasons,
      long products,
      long files,
      long bytes) {

    public static FormatRow of(RiskReports.FormatRow f) {
      return new FormatRow(
          f.formatId(), f.name(), f.status(), f.reasons(), f.products(), f.files(), f.bytes());
    }
  }

  /** The holdings of one data level in one status, in {@code GET /preservation/risk}. */
  public record LevelRow(String dataLevel, String status, long products, long files, long bytes) {

    public static LevelRow of(RiskReports.LevelRow l) {
      return new LevelRow(l.dataLevel(), l.status(), l.products(), l.files(), l.bytes());
    }
  }

  /** A product with files at risk, in {@code GET /preservation/risk}. */
  public record AtRiskProduct(
      String productId, int version, String dataLevel, long bytes, List<AtRiskFile> files) {

    public static AtRiskProduct of(RiskReports.AtRiskProduct p) {
      return new AtRiskProduct(
          p.productId(), p.version(), p.dataLevel(), p.bytes(), map(p.files(), AtRiskFile::of));
    }
  }

  /** A file at risk of a listed product, in {@code GET /preservation/risk}. */
  public record AtRiskFile(
      String path, long size, String formatId, String status, List<String> reasons) {

    public static AtRiskFile of(RiskReports.AtRiskFile f) {
      return new AtRiskFile(f.path(), f.size(), f.formatId(), f.status(), f.reasons());
    }
  }
}
