package org.dpps.archive.planning.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dpps.archive.planning.domain.FitsComparison;
import org.dpps.archive.planning.domain.FormatResolution;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.StoredFile;

/**
 * Which files of a stored version a plan migrates, and the migration of one file checked: the
 * result is accepted only if its significant properties equal the original's ({@link
 * FitsComparison}) and it is identified as the plan's target format ({@link Profiles}). Also the
 * dry run of a plan's preview.
 */
@ApplicationScoped
public class MigrationCheck {
  private Profiles profiles;
  private FitsComparison fits;

  protected MigrationCheck() {}

  @Inject
  public MigrationCheck(Profiles profiles, FitsComparison fits) {
    this.profiles = profiles;
    this.fits = fits;
  }

  /** The files of a stored version in the plan's source format. */
  public List<DescriptiveRecord.FileEntry> affected(
      AipVersion head, DescriptiveRecord record, Migrator.Plan plan) {
    List<DescriptiveRecord.FileEntry> out = new ArrayList<>();
    Map<String, StoredFile> payload = head.payload();
    for (DescriptiveRecord.FileEntry f : record.files()) {
      StoredFile stored = payload.get(f.path());
      if (stored != null) {
        Profiles.Profile p = profiles.payload(stored.location(), f.path(), f.mediaType());
        if (FormatResolution.of(plan.registry(), p.mediaType(), p.tags()).is(plan.sourceFormat())) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /**
   * Runs the action on one file into {@code out} and checks the result against the original.
   * Returns the differences (empty: accepted).
   */
  public List<String> migrateAndCheck(
      Migrator.Plan plan, Path original, String name, Path out, Path work) {
    try {
      Files.createDirectories(out.getParent());
      plan.action().migrate(original, out, work);
    } catch (IOException | RuntimeException e) {
      throw new ArchiveException(
          ErrorCode.MIGRATION_ACTION_FAILED,
          plan.action().id() + " failed on " + name + ": " + e.getMessage(),
          name,
          e);
    }
    List<String> differences = new ArrayList<>();
    try {
      FitsComparison.Report report = fits.compare(original, out);
      differences.addAll(report.differences());
    } catch (IOException | RuntimeException e) {
      differences.add("The result cannot be read as FITS: " + e.getMessage());
    }
    Profiles.Profile p = profiles.payload(out, name, Profiles.FITS);
    FormatResolution r = FormatResolution.of(plan.registry(), p.mediaType(), p.tags());
    if (!r.is(plan.targetFormat())) {
      differences.add(
          "The result is identified as "
              + r.formatId()
              + " (profile: "
              + p.tagString()
              + "), not as the plan's target "
              + plan.targetFormat());
    }
    return differences;
  }

  /** A dry run on one file: its size, the result's size, the time, the differences found. */
  public record Trial(
      String path, long bytes, Long outputBytes, double seconds, List<String> differences) {}

  /**
   * Runs the action and the check on the first affected file of the version in {@code scratch}
   * (nothing is stored); null when no file of the version is in the source format.
   */
  public Trial trial(Migrator.Plan plan, AipVersion head, Path scratch) {
    DescriptiveRecord record =
        DescriptiveRecord.fromJson(Migrator.read(head, "metadata/descriptive.json"));
    List<DescriptiveRecord.FileEntry> files = affected(head, record, plan);
    if (files.isEmpty()) {
      return null;
    }
    DescriptiveRecord.FileEntry file = files.get(0);
    Path out = scratch.resolve("result").resolve("migrated");
    long t0 = System.nanoTime();
    List<String> differences;
    try {
      differences =
          migrateAndCheck(
              plan,
              head.payload().get(file.path()).location(),
              file.path(),
              out,
              scratch.resolve("action"));
    } catch (ArchiveException e) {
      differences = List.of(e.code().id() + " " + e.getMessage());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    try {
      return new Trial(
          file.path(),
          file.size(),
          Files.exists(out) ? Files.size(out) : null,
          seconds,
          differences);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
