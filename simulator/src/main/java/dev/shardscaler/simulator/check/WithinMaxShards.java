package dev.shardscaler.simulator.check;

/** A change never sets more shards than SCALER_MAX_SHARDS. */
public final class WithinMaxShards implements Invariant {
  private final Integer maxShards;

  public WithinMaxShards(Rules rules) {
    this.maxShards = rules.maxShards();
  }

  @Override
  public String id() {
    return "within-max-shards";
  }

  @Override
  public String promise() {
    return "never more shards than SCALER_MAX_SHARDS";
  }

  @Override
  public String check(Step step) {
    Integer shards = step.after().shards();
    if (maxShards == null || !step.changed() || shards == null || shards <= maxShards) {
      return null;
    }
    return "wrote " + shards + " shards, above SCALER_MAX_SHARDS " + maxShards;
  }
}
