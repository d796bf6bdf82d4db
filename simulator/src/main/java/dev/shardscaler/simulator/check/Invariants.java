package dev.shardscaler.simulator.check;

import java.util.ArrayList;
import java.util.List;

/** Every invariant the simulator checks, fresh for one simulation. */
public final class Invariants {
  private final List<Invariant> all;

  /** A broken invariant at one step. */
  public record Violation(String invariant, String message) {}

  public Invariants(Rules rules) {
    this.all =
        List.of(
            new NoChangeDuringRollout(),
            new UpdatableSetsOnly(),
            new WithinMaxShards(rules),
            new MultipleOfMaxConcurrency(),
            new SwitchesHonoured(rules),
            new ScaleDownWindow(rules),
            new MinInterval(rules),
            new NoSecondChange(),
            new IdentifyBudgetNeverOverdrawn(),
            new IdentifyReserveKept(rules),
            new WritesOnlyOwnedFields(rules));
  }

  public List<Invariant> all() {
    return all;
  }

  /** Runs every check on the step (each sees every step, so the stateful ones keep count). */
  public List<Violation> check(Step step) {
    List<Violation> broken = null;
    for (Invariant invariant : all) {
      String message = invariant.check(step);
      if (message != null) {
        if (broken == null) {
          broken = new ArrayList<>();
        }
        broken.add(new Violation(invariant.id(), message));
      }
    }
    return broken == null ? List.of() : broken;
  }
}
