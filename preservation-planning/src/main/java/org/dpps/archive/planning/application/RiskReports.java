package org.dpps.archive.planning.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.dpps.archive.planning.domain.FormatEntry;
import org.dpps.archive.planning.domain.FormatResolution;
import org.dpps.archive.planning.domain.HoldingRepository;
import org.dpps.archive.planning.domain.ProfiledFile;

/**
 * The risk report over the whole holdings: every profiled file resolved against the registry,
 * summed by format and by data level, with the products at risk (a file in an at-risk or obsolete
 * format, or in no registered format) and why.
 */
@ApplicationScoped
public class RiskReports {
  private HoldingRepository holdings;
  private FormatRegistry registry;
  private Clock clock;

  protected RiskReports() {}

  @Inject
  public RiskReports(HoldingRepository holdings, FormatRegistry registry, Clock clock) {
    this.holdings = holdings;
    this.registry = registry;
    this.clock = clock;
  }

  /** One file as the report sees it. */
  public record HoldingFile(
      String productId,
      int version,
      String path,
      long size,
      String dataLevel,
      FormatResolution format) {}

  public record Totals(
      long products,
      long files,
      long bytes,
      long atRiskProducts,
      long atRiskFiles,
      long atRiskBytes) {}

  public record FormatRow(
      String formatId,
      String name,
      String status,
      List<String> reasons,
      long products,
      long files,
      long bytes) {}

  public record LevelRow(String dataLevel, String status, long products, long files, long bytes) {}

  public record AtRiskFile(
      String path, long size, String formatId, String status, List<String> reasons) {}

  public record AtRiskProduct(
      String productId, int version, String dataLevel, long bytes, List<AtRiskFile> files) {}

  public record Report(
      Instant generatedAt,
      Totals totals,
      List<FormatRow> formats,
      List<LevelRow> levels,
      List<AtRiskProduct> atRisk,
      boolean truncated) {}

  /** Streams every profiled file with its resolution, in product order. */
  public void forEachFile(Consumer<HoldingFile> sink) {
    List<FormatEntry> entries = registry.list();
    Map<String, FormatResolution> cache = new HashMap<>();
    for (ProfiledFile f : holdings.list()) {
      String mediaType = f.mediaType();
      String profile = f.profile();
      FormatResolution resolution =
          cache.computeIfAbsent(
              mediaType + "|" + profile,
              k -> FormatResolution.of(entries, mediaType, Profiles.Profile.parseTags(profile)));
      sink.accept(
          new HoldingFile(
              f.productId(), f.version(), f.path(), f.size(), f.dataLevel(), resolution));
    }
  }

  /** The report; at most {@code limit} at-risk products are listed ({@code truncated} says so). */
  public Report report(int limit) {
    Map<String, long[]> byFormat = new LinkedHashMap<>();
    Map<String, Set<String>> productsByFormat = new HashMap<>();
    Map<String, FormatResolution> formatInfo = new HashMap<>();
    Map<String, long[]> byLevel = new TreeMap<>();
    Map<String, Set<String>> productsByLevel = new HashMap<>();
    Map<String, AtRiskProduct> atRisk = new LinkedHashMap<>();
    Set<String> products = new HashSet<>();
    long[] totals = new long[4];
    forEachFile(
        f -> {
          products.add(f.productId());
          totals[0]++;
          totals[1] += f.size();
          FormatResolution r = f.format();
          formatInfo.putIfAbsent(r.formatId(), r);
          long[] fc = byFormat.computeIfAbsent(r.formatId(), k -> new long[2]);
          fc[0]++;
          fc[1] += f.size();
          productsByFormat.computeIfAbsent(r.formatId(), k -> new HashSet<>()).add(f.productId());
          String levelKey =
              (f.dataLevel() == null ? "unknown" : f.dataLevel()) + "|" + r.status().label();
          long[] lc = byLevel.computeIfAbsent(levelKey, k -> new long[2]);
          lc[0]++;
          lc[1] += f.size();
          productsByLevel.computeIfAbsent(levelKey, k -> new HashSet<>()).add(f.productId());
          if (r.status().atRisk()) {
            totals[2]++;
            totals[3] += f.size();
            AtRiskProduct p =
                atRisk.computeIfAbsent(
                    f.productId(),
                    k -> new AtRiskProduct(k, f.version(), f.dataLevel(), 0, new ArrayList<>()));
            p.files()
                .add(
                    new AtRiskFile(
                        f.path(), f.size(), r.formatId(), r.status().label(), r.reasons()));
            atRisk.put(
                p.productId(),
                new AtRiskProduct(
                    p.productId(), p.version(), p.dataLevel(), p.bytes() + f.size(), p.files()));
          }
        });
    List<FormatRow> formats = new ArrayList<>();
    byFormat.forEach(
        (id, c) -> {
          FormatResolution r = formatInfo.get(id);
          FormatEntry entry = registry.find(id).orElse(null);
          formats.add(
              new FormatRow(
                  id,
                  r.formatName(),
                  entry == null ? r.status().label() : entry.status(),
                  entry == null ? r.reasons() : entry.reasons(),
                  productsByFormat.get(id).size(),
                  c[0],
                  c[1]));
        });
    formats.sort(Comparator.comparingLong(FormatRow::bytes).reversed());
    List<LevelRow> levels = new ArrayList<>();
    byLevel.forEach(
        (key, c) -> {
          String[] parts = key.split("\\|", 2);
          levels.add(new LevelRow(parts[0], parts[1], productsByLevel.get(key).size(), c[0], c[1]));
        });
    List<AtRiskProduct> listed = atRisk.values().stream().limit(Math.max(0, limit)).toList();
    return new Report(
        clock.instant(),
        new Totals(products.size(), totals[0], totals[1], atRisk.size(), totals[2], totals[3]),
        formats,
        levels,
        listed,
        atRisk.size() > listed.size());
  }

  /** Products with at least one file of the format (counted under it or matching it). */
  public Map<String, long[]> productsOf(String formatId) {
    Map<String, long[]> out = new TreeMap<>();
    forEachFile(
        f -> {
          if (f.format().is(formatId)) {
            long[] c = out.computeIfAbsent(f.productId(), k -> new long[2]);
            c[0]++;
            c[1] += f.size();
          }
        });
    return out;
  }
}
