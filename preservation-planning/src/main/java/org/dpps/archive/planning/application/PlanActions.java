package org.dpps.archive.planning.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.dpps.archive.planning.domain.MigrationAction;
import org.dpps.archive.planning.domain.MigrationPlan;
import org.dpps.archive.planning.domain.TileCompression;
import org.dpps.archive.platform.files.FileTrees;

/**
 * The action of each plan: a built-in one by its id, or the plan's CWL tool (checked with cwltool
 * once per plan and kept), and the {@link Migrator.Plan} a migration runs with.
 */
@ApplicationScoped
public class PlanActions {
  private static final System.Logger LOG = System.getLogger(PlanActions.class.getName());
  private FormatRegistry registry;
  private PlanningSettings settings;
  private TileCompression tiles;
  private final Map<String, MigrationAction> cwlActions = new ConcurrentHashMap<>();

  protected PlanActions() {}

  @Inject
  public PlanActions(FormatRegistry registry, PlanningSettings settings, TileCompression tiles) {
    this.registry = registry;
    this.settings = settings;
    this.tiles = tiles;
  }

  /**
   * The action a new plan asks for; a CWL document is checked with cwltool (a bad one is refused
   * with PLAN-002) and kept for the plan.
   */
  MigrationAction forNewPlan(String planId, String requested, String cwl) {
    String actionId = requested == null ? "" : requested.strip();
    if (actionId.equals(CwlAction.ID)) {
      if (cwl == null || cwl.isBlank()) {
        throw MigrationPlans.invalid(
            "Action 'cwl' needs the CWL CommandLineTool document in 'cwl'");
      }
      if (cwl.length() > 1_000_000) {
        throw MigrationPlans.invalid("The CWL document is larger than 1 MB");
      }
      MigrationAction action = cwl(cwl, "check-" + planId);
      cwlActions.put(planId, action);
      return action;
    }
    MigrationAction action =
        BuiltInActions.all(tiles).stream()
            .filter(a -> a.id().equals(actionId))
            .findFirst()
            .orElseThrow(
                () ->
                    MigrationPlans.invalid(
                        "Unknown action '"
                            + requested
                            + "': use one of "
                            + BuiltInActions.all(tiles).stream().map(MigrationAction::id).toList()
                            + " or 'cwl' with a CWL CommandLineTool document"));
    if (cwl != null) {
      throw MigrationPlans.invalid("'cwl' is only for action 'cwl'");
    }
    return action;
  }

  /** The action of a stored plan. */
  MigrationAction of(MigrationPlan.Stored plan) {
    if (plan.actionId().equals(CwlAction.ID)) {
      return cwlActions.computeIfAbsent(
          plan.id(), k -> cwl(plan.cwlDocument(), "check-" + UUID.randomUUID()));
    }
    return BuiltInActions.all(tiles).stream()
        .filter(a -> a.id().equals(plan.actionId()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Unknown action " + plan.actionId()));
  }

  /** What a migration of one of the plan's products runs with. */
  Migrator.Plan plan(MigrationPlan.Stored plan, MigrationAction action) {
    return new Migrator.Plan(
        plan.id(), plan.name(), plan.sourceFormat(), plan.targetFormat(), action, registry.list());
  }

  static MigrationPlan.ActionView view(MigrationAction action) {
    MigrationAction.Tool t = action.tool();
    return new MigrationPlan.ActionView(
        action.id(), action.description(), t.name(), t.version(), t.runner());
  }

  private MigrationAction cwl(String document, String checkDir) {
    Path check = settings.work().resolve(checkDir);
    try {
      return CwlAction.of(document, settings.cwltool(), settings.cwlTimeout(), check);
    } finally {
      deleteQuietly(check);
    }
  }

  static void deleteQuietly(Path dir) {
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot remove " + dir + ": " + e.getMessage());
    }
  }
}
