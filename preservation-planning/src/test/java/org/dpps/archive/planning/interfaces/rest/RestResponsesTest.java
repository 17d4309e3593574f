package org.dpps.archive.planning.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpps.archive.planning.application.MigrationPlans;
import org.dpps.archive.planning.application.RiskReports;
import org.dpps.archive.planning.domain.FormatChange;
import org.dpps.archive.planning.domain.FormatEntry;
import org.dpps.archive.planning.domain.MigrationPlan;
import org.junit.jupiter.api.Test;

/**
 * The REST answers carry every field of the domain and application values they are made from, under
 * the same names and with the same types, so the JSON the API writes stays as it was.
 */
class RestResponsesTest {
  static final Instant T1 = Instant.parse("2026-12-03T09:41:51.094416Z");
  static final Instant T2 = Instant.parse("2026-12-03T09:42:08.727460Z");
  static final Instant T3 = Instant.parse("2026-12-03T09:42:10.021488Z");
  static final Instant T4 = Instant.parse("2026-12-03T09:42:11.176522Z");

  static final MigrationPlan.ActionView ACTION =
      new MigrationPlan.ActionView(
          "fits-tile-compress",
          "Uncompressed FITS images to tile-compressed FITS",
          "nom-tam-fits",
          "1.21.2",
          "built-in");

  @Test
  void aFormatEntryKeepsEveryField() {
    FormatEntry e =
        new FormatEntry(
            "fits-image-uncompressed",
            "FITS with uncompressed image arrays",
            "application/fits",
            "uncompressed-image",
            "4.0",
            "x-fmt/383",
            "at-risk",
            List.of("2-4x the bytes", "of Rice tile compression"),
            "https://fits.gsfc.nasa.gov/fits_standard.html",
            3,
            T1,
            "archive-operator");

    FormatResponse r = FormatResponse.of(e);

    assertThat(r.id()).isEqualTo("fits-image-uncompressed");
    assertThat(r.name()).isEqualTo("FITS with uncompressed image arrays");
    assertThat(r.mediaType()).isEqualTo("application/fits");
    assertThat(r.profile()).isEqualTo("uncompressed-image");
    assertThat(r.version()).isEqualTo("4.0");
    assertThat(r.pronom()).isEqualTo("x-fmt/383");
    assertThat(r.status()).isEqualTo("at-risk");
    assertThat(r.reasons()).containsExactly("2-4x the bytes", "of Rice tile compression");
    assertThat(r.specification()).isEqualTo("https://fits.gsfc.nasa.gov/fits_standard.html");
    assertThat(r.revision()).isEqualTo(3);
    assertThat(r.updatedAt()).isEqualTo(T1);
    assertThat(r.updatedBy()).isEqualTo("archive-operator");
    assertSameShape(FormatEntry.class, FormatResponse.class);
    assertSameValues(e, r);
  }

  @Test
  void aFormatEntryWithoutOptionalFieldsKeepsThemNull() {
    FormatEntry e =
        new FormatEntry(
            "fits",
            "FITS",
            "application/fits",
            null,
            null,
            null,
            "preferred",
            null,
            null,
            1,
            T1,
            "seed");

    FormatResponse r = FormatResponse.of(e);

    assertThat(r.profile()).isNull();
    assertThat(r.version()).isNull();
    assertThat(r.pronom()).isNull();
    assertThat(r.specification()).isNull();
    assertThat(r.reasons()).isEmpty();
    assertSameValues(e, r);
  }

  @Test
  void aFormatChangeKeepsEveryFieldAndItsMapsAsGiven() {
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("id", "fits");
    before.put("profile", null);
    before.put("status", "acceptable");
    before.put("reasons", List.of("old"));
    Map<String, Object> after = new LinkedHashMap<>(before);
    after.put("status", "at-risk");
    after.put("reasons", List.of("new", "newer"));
    FormatChange c = new FormatChange("fits", 2, T2, "archive-operator", "review", before, after);

    FormatChangeResponse r = FormatChangeResponse.of(c);

    assertThat(r.formatId()).isEqualTo("fits");
    assertThat(r.revision()).isEqualTo(2);
    assertThat(r.changedAt()).isEqualTo(T2);
    assertThat(r.changedBy()).isEqualTo("archive-operator");
    assertThat(r.reason()).isEqualTo("review");
    assertThat(r.before())
        .containsExactly(
            Map.entry("id", "fits"),
            new java.util.AbstractMap.SimpleEntry<>("profile", null),
            Map.entry("status", "acceptable"),
            Map.entry("reasons", List.of("old")));
    assertThat(r.after()).isSameAs(after);
    assertSameShape(FormatChange.class, FormatChangeResponse.class);
    assertSameValues(c, r);

    FormatChangeResponse added =
        FormatChangeResponse.of(new FormatChange("n", 1, T1, "bob", "new", null, after));
    assertThat(added.before()).isNull();
    assertThat(added.after()).isEqualTo(after);
  }

  @Test
  void aPlanKeepsEveryFieldWithItsActionCountsAndProgress() {
    MigrationPlan.PlanView p =
        new MigrationPlan.PlanView(
            "9f3ee067-6547-4bb6-a1c0-1b7847ac4000",
            "Rice tile compression of uncompressed images",
            "fits-image-uncompressed",
            "fits-tile-compressed",
            ACTION,
            "FINISHED",
            T2,
            "archive-operator",
            T3,
            T4,
            List.of("d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f04", "7c9e2b4d-1a3f-4c6e-8b0d-2e4f6a8c0b02"),
            new MigrationPlan.Counts(10, 1, 6, 2, 1),
            new MigrationPlan.Progress(23040, 11520, 871, 1.155, 0.0199, 0.866),
            "cwlVersion: v1.2");

    PlanResponse r = PlanResponse.of(p);

    assertThat(r.id()).isEqualTo("9f3ee067-6547-4bb6-a1c0-1b7847ac4000");
    assertThat(r.name()).isEqualTo("Rice tile compression of uncompressed images");
    assertThat(r.sourceFormat()).isEqualTo("fits-image-uncompressed");
    assertThat(r.targetFormat()).isEqualTo("fits-tile-compressed");
    assertThat(r.action())
        .isEqualTo(
            new PlanResponse.Action(
                "fits-tile-compress",
                "Uncompressed FITS images to tile-compressed FITS",
                "nom-tam-fits",
                "1.21.2",
                "built-in"));
    assertThat(r.state()).isEqualTo("FINISHED");
    assertThat(r.createdAt()).isEqualTo(T2);
    assertThat(r.createdBy()).isEqualTo("archive-operator");
    assertThat(r.startedAt()).isEqualTo(T3);
    assertThat(r.finishedAt()).isEqualTo(T4);
    assertThat(r.products())
        .containsExactly(
            "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f04", "7c9e2b4d-1a3f-4c6e-8b0d-2e4f6a8c0b02");
    assertThat(r.counts()).isEqualTo(new PlanResponse.Counts(10, 1, 6, 2, 1));
    assertThat(r.progress())
        .isEqualTo(new PlanResponse.Progress(23040, 11520, 871, 1.155, 0.0199, 0.866));
    assertThat(r.cwl()).isEqualTo("cwlVersion: v1.2");
    assertSameShape(MigrationPlan.PlanView.class, PlanResponse.class);
    assertSameShape(MigrationPlan.ActionView.class, PlanResponse.Action.class);
    assertSameShape(MigrationPlan.Counts.class, PlanResponse.Counts.class);
    assertSameShape(MigrationPlan.Progress.class, PlanResponse.Progress.class);
    assertSameValues(p, r);
  }

  @Test
  void aDraftPlanKeepsItsNullsAsNulls() {
    MigrationPlan.PlanView p =
        new MigrationPlan.PlanView(
            "p1",
            "draft",
            "a",
            "b",
            null,
            "DRAFT",
            T1,
            "bob",
            null,
            null,
            null,
            new MigrationPlan.Counts(0, 0, 0, 0, 0),
            new MigrationPlan.Progress(0, 0, 0, null, null, null),
            null);

    PlanResponse r = PlanResponse.of(p);

    assertThat(r.action()).isNull();
    assertThat(r.startedAt()).isNull();
    assertThat(r.finishedAt()).isNull();
    assertThat(r.products()).isNull();
    assertThat(r.cwl()).isNull();
    assertThat(r.progress().elapsedSeconds()).isNull();
    assertThat(r.progress().megabytesPerSecond()).isNull();
    assertThat(r.progress().productsPerSecond()).isNull();
    assertSameValues(p, r);
    assertThat(
            PlanResponse.of(
                new MigrationPlan.PlanView(
                    "p2", "n", "a", "b", ACTION, "DRAFT", T1, "bob", null, null, null, null, null,
                    null)))
        .satisfies(
            x -> {
              assertThat(x.counts()).isNull();
              assertThat(x.progress()).isNull();
            });
  }

  @Test
  void anItemKeepsEveryFieldAndItsDetail() {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("bytesBefore", 23040);
    file.put("sha512Before", "2d47");
    file.put("bytesAfter", 11520);
    file.put("sha512After", "f660");
    file.put("path", "maps/crab-counts-map.fits");
    Map<String, Object> detail = Map.of("files", List.of(file));
    MigrationPlan.ItemView i =
        new MigrationPlan.ItemView(
            "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f04",
            7,
            "MIGRATED",
            1,
            2,
            3,
            23040L,
            11520L,
            871L,
            2,
            detail,
            T4);

    PlanItemResponse r = PlanItemResponse.of(i);

    assertThat(r.productId()).isEqualTo("d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f04");
    assertThat(r.seq()).isEqualTo(7);
    assertThat(r.state()).isEqualTo("MIGRATED");
    assertThat(r.fromVersion()).isEqualTo(1);
    assertThat(r.toVersion()).isEqualTo(2);
    assertThat(r.files()).isEqualTo(3);
    assertThat(r.bytesBefore()).isEqualTo(23040L);
    assertThat(r.bytesAfter()).isEqualTo(11520L);
    assertThat(r.millis()).isEqualTo(871L);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.detail()).isSameAs(detail);
    assertThat(r.updatedAt()).isEqualTo(T4);
    assertSameShape(MigrationPlan.ItemView.class, PlanItemResponse.class);
    assertSameValues(i, r);

    PlanItemResponse pending =
        PlanItemResponse.of(
            new MigrationPlan.ItemView("p", 1, "PENDING", null, null, 0, 0, 0, 0, 0, null, T1));
    assertThat(pending.fromVersion()).isNull();
    assertThat(pending.toVersion()).isNull();
    assertThat(pending.detail()).isNull();
  }

  @Test
  void aPreviewKeepsEveryFieldWithItsSampleAndEstimate() {
    MigrationPlans.Preview p =
        new MigrationPlans.Preview(
            "plan-1",
            "fits-image-uncompressed",
            "fits-tile-compressed",
            ACTION,
            3,
            5,
            69120,
            List.of("p1", "p2"),
            true,
            new MigrationPlans.Sample(
                "p1", "maps/a.fits", 23040, 11520L, 0.25, false, List.of("HDU 1: NAXIS1", "x")),
            new MigrationPlans.Estimate(0.75, "scaled from the sample"));

    PreviewResponse r = PreviewResponse.of(p);

    assertThat(r.planId()).isEqualTo("plan-1");
    assertThat(r.sourceFormat()).isEqualTo("fits-image-uncompressed");
    assertThat(r.targetFormat()).isEqualTo("fits-tile-compressed");
    assertThat(r.action()).isEqualTo(PlanResponse.Action.of(ACTION));
    assertThat(r.action().id()).isEqualTo("fits-tile-compress");
    assertThat(r.products()).isEqualTo(3L);
    assertThat(r.files()).isEqualTo(5L);
    assertThat(r.bytes()).isEqualTo(69120L);
    assertThat(r.productIds()).containsExactly("p1", "p2");
    assertThat(r.truncated()).isTrue();
    assertThat(r.sample().productId()).isEqualTo("p1");
    assertThat(r.sample().path()).isEqualTo("maps/a.fits");
    assertThat(r.sample().bytes()).isEqualTo(23040L);
    assertThat(r.sample().outputBytes()).isEqualTo(11520L);
    assertThat(r.sample().seconds()).isEqualTo(0.25);
    assertThat(r.sample().accepted()).isFalse();
    assertThat(r.sample().differences()).containsExactly("HDU 1: NAXIS1", "x");
    assertThat(r.estimate().seconds()).isEqualTo(0.75);
    assertThat(r.estimate().basis()).isEqualTo("scaled from the sample");
    assertSameShape(MigrationPlans.Preview.class, PreviewResponse.class);
    assertSameShape(MigrationPlans.Sample.class, PreviewResponse.Sample.class);
    assertSameShape(MigrationPlans.Estimate.class, PreviewResponse.Estimate.class);
    assertSameValues(p, r);

    PreviewResponse nothing =
        PreviewResponse.of(
            new MigrationPlans.Preview(
                "plan-2",
                "a",
                "b",
                ACTION,
                0,
                0,
                0,
                List.of(),
                false,
                null,
                new MigrationPlans.Estimate(0, "nothing to migrate")));
    assertThat(nothing.sample()).isNull();
    assertThat(nothing.truncated()).isFalse();
    assertThat(nothing.productIds()).isEmpty();
    assertThat(nothing.estimate()).isEqualTo(new PreviewResponse.Estimate(0, "nothing to migrate"));
  }

  @Test
  void aRiskReportKeepsEveryFieldWithItsRowsAndProductsInOrder() {
    RiskReports.Report report =
        new RiskReports.Report(
            T1,
            new RiskReports.Totals(8, 9, 100_000, 2, 3, 4_410),
            List.of(
                new RiskReports.FormatRow(
                    "gadf-0.3", "GADF DL3 0.3", "acceptable", List.of("current"), 2, 2, 46080),
                new RiskReports.FormatRow(
                    "gadf-0.2",
                    "GADF DL3 0.2",
                    "at-risk",
                    List.of("superseded", "old"),
                    1,
                    3,
                    4410)),
            List.of(
                new RiskReports.LevelRow("DL3", "acceptable", 2, 2, 46080),
                new RiskReports.LevelRow("unknown", "at-risk", 1, 3, 4410)),
            List.of(
                new RiskReports.AtRiskProduct(
                    "7c9e2b4d-1a3f-4c6e-8b0d-2e4f6a8c0b02",
                    4,
                    "DL3",
                    4410,
                    new ArrayList<>(
                        List.of(
                            new RiskReports.AtRiskFile(
                                "data/a.fits.gz", 2205, "gadf-0.2", "at-risk", List.of("old")),
                            new RiskReports.AtRiskFile(
                                "data/b.fits.gz", 2205, "unknown", "obsolete", List.of())))),
                new RiskReports.AtRiskProduct("p2", 1, null, 0, List.of())),
            true);

    RiskReportResponse r = RiskReportResponse.of(report);

    assertThat(r.generatedAt()).isEqualTo(T1);
    assertThat(r.totals()).isEqualTo(new RiskReportResponse.Totals(8, 9, 100_000, 2, 3, 4_410));
    assertThat(r.formats())
        .containsExactly(
            new RiskReportResponse.FormatRow(
                "gadf-0.3", "GADF DL3 0.3", "acceptable", List.of("current"), 2, 2, 46080),
            new RiskReportResponse.FormatRow(
                "gadf-0.2", "GADF DL3 0.2", "at-risk", List.of("superseded", "old"), 1, 3, 4410));
    assertThat(r.levels())
        .containsExactly(
            new RiskReportResponse.LevelRow("DL3", "acceptable", 2, 2, 46080),
            new RiskReportResponse.LevelRow("unknown", "at-risk", 1, 3, 4410));
    assertThat(r.atRisk())
        .containsExactly(
            new RiskReportResponse.AtRiskProduct(
                "7c9e2b4d-1a3f-4c6e-8b0d-2e4f6a8c0b02",
                4,
                "DL3",
                4410,
                List.of(
                    new RiskReportResponse.AtRiskFile(
                        "data/a.fits.gz", 2205, "gadf-0.2", "at-risk", List.of("old")),
                    new RiskReportResponse.AtRiskFile(
                        "data/b.fits.gz", 2205, "unknown", "obsolete", List.of()))),
            new RiskReportResponse.AtRiskProduct("p2", 1, null, 0, List.of()));
    assertThat(r.truncated()).isTrue();
    assertSameShape(RiskReports.Report.class, RiskReportResponse.class);
    assertSameShape(RiskReports.Totals.class, RiskReportResponse.Totals.class);
    assertSameShape(RiskReports.FormatRow.class, RiskReportResponse.FormatRow.class);
    assertSameShape(RiskReports.LevelRow.class, RiskReportResponse.LevelRow.class);
    assertSameShape(RiskReports.AtRiskProduct.class, RiskReportResponse.AtRiskProduct.class);
    assertSameShape(RiskReports.AtRiskFile.class, RiskReportResponse.AtRiskFile.class);
    assertSameValues(report, r);
  }

  // ---------------------------------------------------------------- by reflection

  /** REST records by the domain or application record they stand for. */
  static final Map<Class<?>, Class<?>> COUNTERPART =
      Map.ofEntries(
          Map.entry(FormatEntry.class, FormatResponse.class),
          Map.entry(FormatChange.class, FormatChangeResponse.class),
          Map.entry(MigrationPlan.PlanView.class, PlanResponse.class),
          Map.entry(MigrationPlan.ActionView.class, PlanResponse.Action.class),
          Map.entry(MigrationPlan.Counts.class, PlanResponse.Counts.class),
          Map.entry(MigrationPlan.Progress.class, PlanResponse.Progress.class),
          Map.entry(MigrationPlan.ItemView.class, PlanItemResponse.class),
          Map.entry(MigrationPlans.Preview.class, PreviewResponse.class),
          Map.entry(MigrationPlans.Sample.class, PreviewResponse.Sample.class),
          Map.entry(MigrationPlans.Estimate.class, PreviewResponse.Estimate.class),
          Map.entry(RiskReports.Report.class, RiskReportResponse.class),
          Map.entry(RiskReports.Totals.class, RiskReportResponse.Totals.class),
          Map.entry(RiskReports.FormatRow.class, RiskReportResponse.FormatRow.class),
          Map.entry(RiskReports.LevelRow.class, RiskReportResponse.LevelRow.class),
          Map.entry(RiskReports.AtRiskProduct.class, RiskReportResponse.AtRiskProduct.class),
          Map.entry(RiskReports.AtRiskFile.class, RiskReportResponse.AtRiskFile.class));

  /**
   * The same JSON properties: the same component names in the same order, each of the same type (a
   * nested domain record replaced by its REST record, also in lists), and no getter-like method
   * that JSON-B would write as a property besides them.
   */
  static void assertSameShape(Class<?> domain, Class<?> rest) {
    RecordComponent[] d = domain.getRecordComponents();
    RecordComponent[] r = rest.getRecordComponents();
    assertThat(names(r)).as(rest.getName()).isEqualTo(names(d));
    for (int i = 0; i < d.length; i++) {
      assertThat(restTypeOf(d[i].getGenericType()).getTypeName())
          .as(rest.getName() + "." + r[i].getName())
          .isEqualTo(r[i].getGenericType().getTypeName());
    }
    assertThat(getters(rest)).as(rest.getName()).isEqualTo(getters(domain));
  }

  static List<String> names(RecordComponent[] components) {
    return java.util.Arrays.stream(components).map(RecordComponent::getName).toList();
  }

  static List<String> getters(Class<?> c) {
    return java.util.Arrays.stream(c.getMethods())
        .filter(m -> m.getParameterCount() == 0 && m.getDeclaringClass() == c)
        .filter(m -> !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
        .map(java.lang.reflect.Method::getName)
        .filter(n -> n.matches("(get|is)[A-Z].*"))
        .sorted()
        .toList();
  }

  static Type restTypeOf(Type t) {
    if (t instanceof Class<?> c) {
      return COUNTERPART.getOrDefault(c, c);
    }
    if (t instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      String inner =
          java.util.Arrays.stream(args)
              .map(a -> restTypeOf(a).getTypeName())
              .collect(java.util.stream.Collectors.joining(", "));
      String name = p.getRawType().getTypeName() + "<" + inner + ">";
      return new Type() {
        @Override
        public String getTypeName() {
          return name;
        }
      };
    }
    return t;
  }

  /** Value by value, component by component, nested records and lists of them included. */
  static void assertSameValues(Object domain, Object rest) {
    if (domain == null || rest == null) {
      assertThat(rest).isEqualTo(domain);
      return;
    }
    if (domain instanceof List<?> dl) {
      assertThat(rest).isInstanceOf(List.class);
      List<?> rl = (List<?>) rest;
      assertThat(rl).hasSameSizeAs(dl);
      for (int i = 0; i < dl.size(); i++) {
        assertSameValues(dl.get(i), rl.get(i));
      }
      return;
    }
    if (!COUNTERPART.containsKey(domain.getClass())) {
      assertThat(rest).isEqualTo(domain);
      return;
    }
    assertThat(rest).isInstanceOf(COUNTERPART.get(domain.getClass()));
    RecordComponent[] d = domain.getClass().getRecordComponents();
    RecordComponent[] r = rest.getClass().getRecordComponents();
    for (int i = 0; i < d.length; i++) {
      try {
        Object dv = d[i].getAccessor().invoke(domain);
        Object rv = r[i].getAccessor().invoke(rest);
        assertSameValues(dv, rv);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
  }
}
