package org.dpps.archive.schemas.provenance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One activity (one tool run) of a ctapipe provenance log.
 *
 * @param name {@code activity_name}
 * @param uuid {@code activity_uuid}
 * @param start {@code start.time_utc}
 * @param stop {@code stop.time_utc}
 * @param softwareVersion {@code system.ctapipe_version}
 * @param inputs {@code input}, in log order
 * @param outputs {@code output}, in log order
 * @param exitCode {@code exit_code} ({@code null} while the activity was running)
 */
public record CtapipeActivity(
    String name,
    String uuid,
    Optional<Instant> start,
    Optional<Instant> stop,
    Optional<String> softwareVersion,
    List<FileRef> inputs,
    List<FileRef> outputs,
    Optional<Integer> exitCode) {
  public CtapipeActivity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uuid, "uuid");
    if (name.isBlank() || uuid.isBlank()) {
      throw new IllegalArgumentException("name and uuid must not be blank");
    }
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(stop, "stop");
    Objects.requireNonNull(softwareVersion, "softwareVersion");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    Objects.requireNonNull(exitCode, "exitCode");
  }
}
