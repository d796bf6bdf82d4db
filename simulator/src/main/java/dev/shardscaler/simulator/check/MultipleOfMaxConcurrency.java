package dev.shardscaler.simulator.check;

/**
 * A change never writes a total Discord refuses: with {@code max_concurrency} above 1 the total
 * must be a multiple of it (else close 4010, the whole bot down).
 */
public final class MultipleOfMaxConcurrency implements Invariant {
  @Override
  public String id() {
    return "multiple-of-max-concurrency";
  }

  @Override
  public String promise() {
    return "the shard total is a multiple of max_concurrency whenever that is above 1";
  }

  @Override
  public String check(Step step) {
    if (!step.changed() || step.discord() == null || step.after().shards() == null) {
      return null;
    }
    int maxConcurrency = step.discord().sessionStartLimit().maxConcurrency();
    int shards = step.after().shards();
    if (maxConcurrency <= 1 || shards % maxConcurrency == 0) {
      return null;
    }
    return "wrote "
        + shards
        + " shards while max_concurrency is "
        + maxConcurrency
        + ": Discord closes such shards with 4010";
  }
}
