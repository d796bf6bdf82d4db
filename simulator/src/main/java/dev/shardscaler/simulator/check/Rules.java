package dev.shardscaler.simulator.check;

import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.kubernetes.EnvNames;
import java.time.Duration;

/**
 * The settings the invariants hold the scaler to, taken from the same {@link Settings} the pass
 * runs with.
 *
 * @param maxShards null: no cap
 * @param shardMultiple null: automatic (Discord's max_concurrency when above 1)
 */
public record Rules(
    String container,
    EnvNames envNames,
    boolean scaleUp,
    boolean scaleDown,
    int minShards,
    Integer maxShards,
    int guildsPerShard,
    Integer shardMultiple,
    int identifyReserve,
    Duration scaleDownWindow,
    Duration minInterval) {

  public static Rules of(Settings settings) {
    return new Rules(
        settings.target().container(),
        new EnvNames(settings.shardsEnv(), settings.shardsPerBotEnv()),
        settings.scaleUp(),
        settings.scaleDown(),
        settings.minShards(),
        settings.maxShards(),
        settings.guildsPerShard(),
        settings.shardMultiple(),
        settings.identifyReserve(),
        settings.scaleDownWindow(),
        settings.minInterval());
  }

  /**
   * The shard count the documented rules want for Discord's recommendation: headroom, rounded up to
   * the multiple, clamped to the bounds (the cap rounded down to the multiple). The checks' own
   * oracle, written from the README rather than taken from the planner under test.
   */
  public long wantedShards(int recommended, int maxConcurrency) {
    long shards = (recommended * 1000L + guildsPerShard - 1) / guildsPerShard;
    int multiple = multiple(maxConcurrency);
    shards = Math.max(roundUp(shards, multiple), roundUp(minShards, multiple));
    Long cap = cap(maxConcurrency);
    return cap == null ? shards : Math.min(shards, cap);
  }

  /** {@code SCALER_MAX_SHARDS} rounded down to the multiple (not below the minimum); null: none. */
  public Long cap(int maxConcurrency) {
    if (maxShards == null) {
      return null;
    }
    int multiple = multiple(maxConcurrency);
    return Math.max(roundUp(minShards, multiple), maxShards / multiple * (long) multiple);
  }

  private int multiple(int maxConcurrency) {
    return shardMultiple != null ? shardMultiple : Math.max(1, maxConcurrency);
  }

  private static long roundUp(long value, int multiple) {
    return (value + multiple - 1) / multiple * multiple;
  }
}
