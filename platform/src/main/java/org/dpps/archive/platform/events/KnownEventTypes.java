package org.dpps.archive.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Every event type the modules define, collected from their {@link EventTypes} beans. */
@ApplicationScoped
public class KnownEventTypes {
  private List<EventType> types;

  protected KnownEventTypes() {}

  @Inject
  public KnownEventTypes(@Any Instance<EventTypes> contributions) {
    List<EventType> all = new ArrayList<>();
    contributions.forEach(c -> all.addAll(c.types()));
    all.sort(java.util.Comparator.comparing(EventType::name));
    this.types = List.copyOf(all);
  }

  /** The type of that name (any case), if a module defines it. */
  public Optional<EventType> named(String name) {
    String wanted = name.trim().toUpperCase(Locale.ROOT);
    return types.stream().filter(t -> t.name().equals(wanted)).findFirst();
  }

  /** The names of every type, sorted. */
  public List<String> names() {
    return types.stream().map(EventType::name).toList();
  }
}
