package dev.shardscaler.simulator.check;

/** {@code K8S_SCALEUP=0} means no more shards; {@code K8S_SCALEDOWN=0} means no fewer. */
public final class SwitchesHonoured implements Invariant {
  private final boolean scaleUp;
  private final boolean scaleDown;

  public SwitchesHonoured(Rules rules) {
    this.scaleUp = rules.scaleUp();
    this.scaleDown = rules.scaleDown();
  }

  @Override
  public String id() {
    return "switches-honoured";
  }

  @Override
  public String promise() {
    return "K8S_SCALEUP=0 / K8S_SCALEDOWN=0 are honoured";
  }

  @Override
  public String check(Step step) {
    Integer from = step.before().shards();
    Integer to = step.after().shards();
    if (from == null || to == null) {
      return null;
    }
    if (!scaleUp && to > from) {
      return "scaled up " + from + " → " + to + " shards with K8S_SCALEUP=0";
    }
    if (!scaleDown && to < from) {
      return "scaled down " + from + " → " + to + " shards with K8S_SCALEDOWN=0";
    }
    return null;
  }
}
