package org.dpps.archive.planning.application;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dpps.archive.planning.domain.FormatChange;
import org.dpps.archive.planning.domain.FormatEntry;
import org.dpps.archive.planning.domain.FormatFields;
import org.dpps.archive.planning.domain.FormatPatch;
import org.dpps.archive.planning.domain.FormatRegistryRepository;
import org.dpps.archive.planning.domain.FormatRegistryRepository.Revision;
import org.dpps.archive.planning.domain.FormatStatus;
import org.dpps.archive.planning.domain.PlanningEvent;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;

/**
 * The format registry: seeded from {@value #SEED} (entries the registry lacks are added, edited
 * ones are never overwritten), read by everyone, changed by archivists. Every change is recorded
 * with the entry ({@link FormatRegistryRepository}: who, when, why, the entry before and after) and
 * appended to the hash-chained event log as {@code FORMAT_CHANGED}.
 */
@ApplicationScoped
public class FormatRegistry {
  /** Class-path location of the seed file (module metadata-schemas). */
  public static final String SEED = "/org/dpps/archive/schemas/formats.json";

  static final String AGENT = "dpps-archive/preservation-planning";
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.+-]{0,63}");
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,49}/[a-z0-9][a-z0-9!#$&^_.+-]{0,49}");
  private static final Pattern PROFILE = Pattern.compile("[a-z0-9][a-z0-9.+-]{0,63}");
  private static final Pattern PRONOM = Pattern.compile("(x-)?(fmt|sfw|chr)/[0-9]{1,6}");
  static final ObjectMapper JSON = JsonMapper.builder().build();

  /**
   * Reads the seed into {@link FormatFields} strictly: an unknown field of an entry (other than
   * {@code $comment}) or a value of the wrong JSON type (a number where a string belongs, a string
   * where the list of reasons belongs) is refused, as for a request.
   */
  private static final ObjectMapper SEED_JSON =
      JsonMapper.builder()
          .addMixIn(FormatFields.class, SeedEntry.class)
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private FormatRegistryRepository repository;
  private EventLog events;
  private Clock clock;
  private volatile List<FormatEntry> cache;

  protected FormatRegistry() {}

  @Inject
  public FormatRegistry(FormatRegistryRepository repository, EventLog events, Clock clock) {
    this.repository = repository;
    this.events = events;
    this.clock = clock;
  }

  /** Adds the seed entries the registry does not hold yet; returns their ids. */
  public synchronized List<String> seed() {
    List<FormatEntry> seed = readSeed();
    Instant now = now();
    List<Revision> revisions = new ArrayList<>();
    for (FormatEntry e : seed) {
      FormatEntry entry = withRevision(e, 1, now, "seed");
      revisions.add(new Revision(entry, change(null, entry, "Seeded from formats.json")));
    }
    List<String> added = repository.addAbsent(revisions);
    cache = null;
    if (!added.isEmpty()) {
      events.append(
          PlanningEvent.FORMAT_CHANGED,
          ArchiveEvent.Outcome.SUCCESS,
          null,
          null,
          AGENT,
          Map.of("seeded", added));
    }
    return added;
  }

  /** Every entry, in id order. */
  public List<FormatEntry> list() {
    List<FormatEntry> entries = cache;
    if (entries == null) {
      entries = repository.list();
      cache = entries;
    }
    return entries;
  }

  public Optional<FormatEntry> find(String id) {
    return list().stream().filter(e -> e.id().equals(id)).findFirst();
  }

  public FormatEntry get(String id) {
    return find(id)
        .orElseThrow(
            () -> new ArchiveException(ErrorCode.FORMAT_NOT_FOUND, "No format '" + id + "'"));
  }

  /** The changes of one entry (or of all, {@code id} null), newest first. */
  public List<FormatChange> history(String id, int limit) {
    if (id != null) {
      get(id);
    }
    return repository.history(id, limit);
  }

  /** Adds a new entry with every field; {@code reason} is required. */
  public synchronized FormatEntry create(FormatFields fields, String reason, String by) {
    FormatEntry entry = validate(Objects.requireNonNull(fields, "fields"), null);
    requireReason(reason);
    if (find(entry.id()).isPresent()) {
      throw new ArchiveException(
          ErrorCode.FORMAT_CONFLICT, "A format '" + entry.id() + "' exists already");
    }
    FormatEntry stored = withRevision(entry, 1, now(), by);
    repository.add(new Revision(stored, change(null, stored, reason)));
    recorded(null, stored, reason, by);
    return stored;
  }

  /**
   * Changes the fields {@code patch} sets (merge-patch style; the id cannot change) and checks the
   * result as a whole. {@code ifRevision}, when given, must be the entry's current revision.
   */
  public synchronized FormatEntry update(
      String id, FormatPatch patch, String reason, String by, Integer ifRevision) {
    FormatEntry current = get(id);
    requireReason(reason);
    if (ifRevision != null && ifRevision != current.revision()) {
      throw new ArchiveException(
          ErrorCode.FORMAT_CONFLICT,
          "Format '"
              + id
              + "' is at revision "
              + current.revision()
              + ", not "
              + ifRevision
              + ": read it again and re-apply the change");
    }
    Objects.requireNonNull(patch, "patch");
    if (patch.id().present() && !id.equals(patch.id().value())) {
      throw invalid("The id of a format cannot change");
    }
    FormatEntry changed = validate(patch.applyTo(FormatFields.from(current)), id);
    if (view(changed).equals(view(current))) {
      return current;
    }
    FormatEntry stored = withRevision(changed, current.revision() + 1, now(), by);
    if (!repository.replace(
        current.revision(), new Revision(stored, change(current, stored, reason)))) {
      throw new ArchiveException(
          ErrorCode.FORMAT_CONFLICT, "Format '" + id + "' changed meanwhile");
    }
    recorded(current, stored, reason, by);
    return stored;
  }

  private void recorded(FormatEntry before, FormatEntry after, String reason, String by) {
    cache = null;
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("format", after.id());
    detail.put("revision", after.revision());
    detail.put("by", by);
    detail.put("reason", reason);
    if (before != null && !before.status().equals(after.status())) {
      detail.put("status", before.status() + " -> " + after.status());
    } else {
      detail.put("status", after.status());
    }
    events.append(
        PlanningEvent.FORMAT_CHANGED, ArchiveEvent.Outcome.SUCCESS, null, null, AGENT, detail);
  }

  /** The entry's fields as the API shows and the history records them (without bookkeeping). */
  static Map<String, Object> view(FormatEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("name", e.name());
    m.put("mediaType", e.mediaType());
    m.put("profile", e.profile());
    m.put("version", e.version());
    m.put("pronom", e.pronom());
    m.put("status", e.status());
    m.put("reasons", e.reasons());
    m.put("specification", e.specification());
    return m;
  }

  /**
   * Checks and normalises a whole entry (values trimmed, the status as its label); {@code fixedId}
   * when updating, in place of the id of {@code f}.
   */
  static FormatEntry validate(FormatFields f, String fixedId) {
    String id = fixedId != null ? fixedId : text("id", f.id(), true, 64);
    if (!ID.matcher(id).matches()) {
      throw invalid("id must match " + ID.pattern());
    }
    String name = text("name", f.name(), true, 200);
    String mediaType = text("mediaType", f.mediaType(), true, 100);
    if (!MEDIA_TYPE.matcher(mediaType).matches()) {
      throw invalid("mediaType must be a lower-case media type such as application/fits");
    }
    String profile = text("profile", f.profile(), false, 64);
    if (profile != null && !PROFILE.matcher(profile).matches()) {
      throw invalid("profile must match " + PROFILE.pattern());
    }
    String version = text("version", f.version(), false, 64);
    String pronom = text("pronom", f.pronom(), false, 32);
    if (pronom != null && !PRONOM.matcher(pronom).matches()) {
      throw invalid("pronom must be a PRONOM unique identifier such as fmt/817 or x-fmt/383");
    }
    String statusText = text("status", f.status(), true, 16);
    FormatStatus status =
        FormatStatus.parse(statusText)
            .orElseThrow(
                () -> invalid("status must be one of preferred, acceptable, at-risk, obsolete"));
    List<String> reasons = new ArrayList<>();
    if (f.reasons() != null) {
      if (f.reasons().size() > 20) {
        throw invalid("reasons must be an array of at most 20 strings");
      }
      for (String r : f.reasons()) {
        if (r == null || r.isBlank() || r.length() > 2000) {
          throw invalid("reasons must be non-empty strings of at most 2000 characters");
        }
        reasons.add(r.strip());
      }
    }
    if (status.atRisk() && reasons.isEmpty()) {
      throw invalid("An " + status.label() + " format needs at least one reason");
    }
    String spec = text("specification", f.specification(), false, 500);
    if (spec != null && !spec.matches("https?://\\S+")) {
      throw invalid("specification must be an http(s) URL");
    }
    return new FormatEntry(
        id,
        name,
        mediaType,
        profile,
        version,
        pronom,
        status.label(),
        reasons,
        spec,
        0,
        null,
        null);
  }

  private static String text(String key, String value, boolean required, int max) {
    if (value == null) {
      if (required) {
        throw invalid("'" + key + "' is required");
      }
      return null;
    }
    if (value.isBlank()) {
      throw invalid("'" + key + "' must be a non-empty string");
    }
    if (value.length() > max) {
      throw invalid("'" + key + "' is longer than " + max + " characters");
    }
    return value.strip();
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw invalid("Say why: 'reason' is required for every change of the registry");
    }
    if (reason.length() > 2000) {
      throw invalid("'reason' is longer than 2000 characters");
    }
  }

  static ArchiveException invalid(String message) {
    return new ArchiveException(ErrorCode.FORMAT_REQUEST_INVALID, message);
  }

  static List<FormatEntry> readSeed() {
    try (InputStream in = FormatRegistry.class.getResourceAsStream(SEED)) {
      if (in == null) {
        throw new IllegalStateException("Seed " + SEED + " is not on the class path");
      }
      return readSeed(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + SEED, e);
    }
  }

  /**
   * The entries of a seed file, {@code {"formats": [{...}, ...]}}, checked as for {@link #create}.
   */
  static List<FormatEntry> readSeed(InputStream in) throws IOException {
    SeedFile seed = SEED_JSON.readValue(in, SeedFile.class);
    List<FormatEntry> entries = new ArrayList<>();
    for (FormatFields f : seed.formats() == null ? List.<FormatFields>of() : seed.formats()) {
      if (f == null) {
        throw invalid("Expected a JSON object");
      }
      entries.add(validate(f, null));
    }
    return entries;
  }

  /** The seed file: its {@code $comment} and anything but {@code formats} are not read. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record SeedFile(List<FormatFields> formats) {}

  /** Jackson mix-in for the seed's entries: {@code $comment} is allowed and not read. */
  @JsonIgnoreProperties({"$comment"})
  private abstract static class SeedEntry {}

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static FormatEntry withRevision(FormatEntry e, int revision, Instant at, String by) {
    return new FormatEntry(
        e.id(),
        e.name(),
        e.mediaType(),
        e.profile(),
        e.version(),
        e.pronom(),
        e.status(),
        e.reasons(),
        e.specification(),
        revision,
        at,
        by);
  }

  private static FormatChange change(FormatEntry before, FormatEntry after, String reason) {
    return new FormatChange(
        after.id(),
        after.revision(),
        after.updatedAt(),
        after.updatedBy(),
        reason,
        before == null ? null : view(before),
        view(after));
  }
}
