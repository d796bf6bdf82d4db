package dev.shardscaler.simulator.check;

/** No change is written while a rollout was in progress when the pass read the set. */
public final class NoChangeDuringRollout implements Invariant {
  @Override
  public String id() {
    return "no-change-during-rollout";
  }

  @Override
  public String promise() {
    return "no change is written while a rollout is in progress at read time";
  }

  @Override
  public String check(Step step) {
    if (!step.changed() || !step.before().rolloutInProgress()) {
      return null;
    }
    return "changed "
        + step.before().layout()
        + " → "
        + step.after().layout()
        + " while a rollout was in progress (generation "
        + step.before().generation()
        + ", observed "
        + step.before().observedGeneration()
        + ", revisions "
        + step.before().currentRevision()
        + " / "
        + step.before().updateRevision()
        + ")";
  }
}
