package dev.shardscaler.simulator.check;

/** A change never lands on an OnDelete, partitioned, paused or 0-replica set. */
public final class UpdatableSetsOnly implements Invariant {
  @Override
  public String id() {
    return "updatable-sets-only";
  }

  @Override
  public String promise() {
    return "a change never lands on an OnDelete, partitioned, paused or 0-replica StatefulSet";
  }

  @Override
  public String check(Step step) {
    String why = step.before().untouchable();
    if (!step.changed() || why == null) {
      return null;
    }
    return "changed "
        + step.before().layout()
        + " → "
        + step.after().layout()
        + " on a set with "
        + why;
  }
}
