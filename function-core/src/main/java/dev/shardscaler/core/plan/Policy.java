package dev.shardscaler.core.plan;

import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.config.Settings;
import java.time.Duration;

/**
 * The rules one pass plans with: the settings, with the request's overrides applied.
 *
 * @param shardsOverride a shard count to use instead of Discord's recommendation, or null
 * @param maxShards null: no upper bound
 * @param shardMultiple null: Discord's max_concurrency when above 1
 */
public record Policy(
    Integer shardsOverride,
    int shardsPerBot,
    boolean scaleUp,
    boolean scaleDown,
    int minShards,
    Integer maxShards,
    int guildsPerShard,
    Integer shardMultiple,
    int identifyReserve,
    Duration scaleDownWindow,
    Duration minInterval,
    Duration rolloutTimeout) {

  public static Policy of(Settings settings, ScaleRequest request) {
    return new Policy(
        request.shards(),
        request.shardsPerBot() != null ? request.shardsPerBot() : settings.shardsPerBot(),
        settings.scaleUp(),
        settings.scaleDown(),
        settings.minShards(),
        settings.maxShards(),
        settings.guildsPerShard(),
        settings.shardMultiple(),
        settings.identifyReserve(),
        settings.scaleDownWindow(),
        settings.minInterval(),
        settings.rolloutTimeout());
  }
}
