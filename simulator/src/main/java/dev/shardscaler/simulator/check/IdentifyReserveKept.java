package dev.shardscaler.simulator.check;

/**
 * After a change's shard starts, at least {@code SCALER_IDENTIFY_RESERVE} session starts remain.
 */
public final class IdentifyReserveKept implements Invariant {
  private final int reserve;

  public IdentifyReserveKept(Rules rules) {
    this.reserve = rules.identifyReserve();
  }

  @Override
  public String id() {
    return "identify-reserve-kept";
  }

  @Override
  public String promise() {
    return "after every change's shard starts, at least SCALER_IDENTIFY_RESERVE starts remain";
  }

  @Override
  public String check(Step step) {
    Integer lowest = step.ledger().lowestRemaining();
    if (lowest == null || lowest >= reserve) {
      return null;
    }
    return "the shard starts since the previous pass left "
        + lowest
        + " session starts, below SCALER_IDENTIFY_RESERVE "
        + reserve;
  }
}
