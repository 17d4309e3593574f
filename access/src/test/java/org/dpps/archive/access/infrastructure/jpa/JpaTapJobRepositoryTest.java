package org.dpps.archive.access.infrastructure.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dpps.archive.access.domain.tap.TapJob;
import org.dpps.archive.access.domain.tap.TapPhase;
import org.dpps.archive.access.fixtures.CatalogueDatabase;
import org.dpps.archive.access.infrastructure.files.FileTapResults;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UWS jobs in a real (H2, Flyway-migrated) database, and their result files on disk. */
class JpaTapJobRepositoryTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00.123Z");

  @TempDir Path tmp;
  CatalogueDatabase db;
  JpaTapJobRepository jobs;

  @BeforeEach
  void open() {
    db = CatalogueDatabase.open(tmp.resolve("catalogue"));
    jobs = new JpaTapJobRepository(ArchiveDatabase.wrapping(db.database()));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aJobKeepsItsParametersTimesAndPhaseThroughItsLife() {
    jobs.create(job("j-1", "alice", T0, T0.plusSeconds(86_400)));

    TapJob stored = jobs.find("j-1").orElseThrow();
    assertThat(stored.phase()).isEqualTo(TapPhase.PENDING);
    assertThat(stored.parameters())
        .containsEntry("LANG", "ADQL")
        .containsEntry(
            "query", "SELECT TOP 1 * FROM ivoa.obscore WHERE target_name = 'Crab ''N'''");
    assertThat(stored.created()).isEqualTo(T0);
    assertThat(stored.owner()).isEqualTo("alice");

    jobs.update("j-1", j -> j.withPhase(TapPhase.QUEUED));
    jobs.update("j-1", j -> j.started(T0.plusSeconds(1)));
    TapJob done =
        jobs.update("j-1", j -> j.completed(T0.plusSeconds(2), "text/csv", 42, true)).orElseThrow();

    assertThat(done.phase()).isEqualTo(TapPhase.COMPLETED);
    assertThat(jobs.find("j-1").orElseThrow())
        .satisfies(
            j -> {
              assertThat(j.started()).isEqualTo(T0.plusSeconds(1));
              assertThat(j.ended()).isEqualTo(T0.plusSeconds(2));
              assertThat(j.resultRows()).isEqualTo(42);
              assertThat(j.overflow()).isTrue();
              assertThat(j.resultFormat()).isEqualTo("text/csv");
            });
    assertThat(jobs.update("nope", j -> j)).isEmpty();
  }

  @Test
  void theListShowsAnOwnersJobsNewestFirstFilteredByPhaseAndTime() {
    jobs.create(job("a-1", "alice", T0, T0.plusSeconds(100)));
    jobs.create(job("a-2", "alice", T0.plusSeconds(10), T0.plusSeconds(100)));
    jobs.create(job("b-1", "bob", T0.plusSeconds(5), T0.plusSeconds(100)));
    jobs.create(job("n-1", null, T0.plusSeconds(6), T0.plusSeconds(1)));
    jobs.update("a-2", j -> j.withPhase(TapPhase.QUEUED));

    assertThat(jobs.list("alice", List.of(), null, 10))
        .extracting(TapJob::id)
        .containsExactly("a-2", "a-1");
    assertThat(jobs.list("alice", List.of(TapPhase.PENDING), null, 10))
        .extracting(TapJob::id)
        .containsExactly("a-1");
    assertThat(jobs.list("alice", List.of(), T0.plusSeconds(1), 10))
        .extracting(TapJob::id)
        .containsExactly("a-2");
    assertThat(jobs.list(null, List.of(), null, 10)).extracting(TapJob::id).containsExactly("n-1");
    assertThat(jobs.list("alice", List.of(), null, 1)).hasSize(1);
    assertThat(jobs.destructibleAt(T0.plusSeconds(50))).containsExactly("n-1");

    jobs.delete("n-1");
    assertThat(jobs.find("n-1")).isEmpty();
  }

  @Test
  void aResultIsWholeOrAbsentAndGoesWithItsJob() throws Exception {
    FileTapResults results = new FileTapResults(tmp.resolve("tap"));
    assertThat(results.open("j-9")).isEmpty();

    try {
      results.write(
          "j-9",
          out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new java.io.IOException("disk full");
          });
    } catch (java.io.IOException expected) {
      assertThat(expected).hasMessage("disk full");
    }
    assertThat(results.open("j-9")).as("a failed write leaves no result").isEmpty();

    long written =
        results.write(
            "j-9",
            out -> {
              out.write("obs_id\n5002\n".getBytes(StandardCharsets.UTF_8));
              return 1L;
            });
    assertThat(written).isEqualTo(1L);
    try (InputStream in = results.open("j-9").orElseThrow()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("obs_id\n5002\n");
    }
    assertThat(results.size("j-9")).contains(12L);
    try (var files = Files.list(tmp.resolve("tap/j-9"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("result");
    }

    results.delete("j-9");
    assertThat(tmp.resolve("tap/j-9")).doesNotExist();
  }

  private static TapJob job(String id, String owner, Instant created, Instant destruction) {
    return new TapJob(
        id,
        owner,
        TapPhase.PENDING,
        null,
        Map.of(
            "LANG",
            "ADQL",
            "QUERY",
            "SELECT TOP 1 * FROM ivoa.obscore WHERE target_name = 'Crab ''N'''"),
        created,
        null,
        null,
        60,
        destruction,
        null,
        null,
        null,
        null);
  }
}
