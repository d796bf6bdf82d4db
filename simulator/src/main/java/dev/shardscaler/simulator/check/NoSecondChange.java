package dev.shardscaler.simulator.check;

/** Running the pass again right after a change makes no second change. */
public final class NoSecondChange implements Invariant {
  @Override
  public String id() {
    return "no-second-change";
  }

  @Override
  public String promise() {
    return "re-running a pass right after an applied change makes no second change";
  }

  @Override
  public String check(Step step) {
    if (!step.changed()) {
      return null;
    }
    if (step.rerun() == null) {
      return "the pass changed the set but was not run again";
    }
    if (!step.rerun().changedFrom(step.after())) {
      return null;
    }
    return "the pass changed "
        + step.before().layout()
        + " → "
        + step.after().layout()
        + ", and the same pass run again at once changed it to "
        + step.rerun().layout()
        + (step.rerunResult() == null ? "" : " (" + step.rerunResult().reason() + ")");
  }
}
