package dev.shardscaler.core.plan;

import dev.shardscaler.core.config.Settings;
import java.time.Duration;

/**
 * The configured rules a pass plans with. What a request asks for on top of them is an {@link
 * OverrideRequest}.
 *
 * @param maxShards null: only the scaler's own limit ({@link Settings#MAX_SHARDS_LIMIT})
 * @param shardMultiple null: Discord's max_concurrency when above 1; otherwise combined with it
 * @param rolloutTimeout null: derived from the fleet ({@link RolloutTimeout})
 * @param overrideTtl how long an override holds when the request does not say
 */
public record Policy(
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
    Duration rolloutTimeout,
    Duration overrideTtl) {

  /** The defaults of the settings, with this many shards per pod. */
  public static Policy defaults(int shardsPerBot) {
    return new Policy(
        shardsPerBot,
        true,
        false,
        1,
        null,
        1000,
        null,
        100,
        Duration.ofHours(24),
        Duration.ofHours(1),
        null,
        Duration.ofHours(24));
  }

  public static Policy of(Settings settings) {
    return new Policy(
        settings.shardsPerBot(),
        settings.scaleUp(),
        settings.scaleDown(),
        settings.minShards(),
        settings.maxShards(),
        settings.guildsPerShard(),
        settings.shardMultiple(),
        settings.identifyReserve(),
        settings.scaleDownWindow(),
        settings.minInterval(),
        settings.rolloutTimeout(),
        settings.overrideTtl());
  }

  public Policy withSwitches(boolean up, boolean down) {
    return new Policy(
        shardsPerBot,
        up,
        down,
        minShards,
        maxShards,
        guildsPerShard,
        shardMultiple,
        identifyReserve,
        scaleDownWindow,
        minInterval,
        rolloutTimeout,
        overrideTtl);
  }

  public Policy withBounds(int min, Integer max, int guilds, Integer multiple) {
    return new Policy(
        shardsPerBot,
        scaleUp,
        scaleDown,
        min,
        max,
        guilds,
        multiple,
        identifyReserve,
        scaleDownWindow,
        minInterval,
        rolloutTimeout,
        overrideTtl);
  }

  public Policy withTimes(Duration window, Duration interval, Duration rollout) {
    return new Policy(
        shardsPerBot,
        scaleUp,
        scaleDown,
        minShards,
        maxShards,
        guildsPerShard,
        shardMultiple,
        identifyReserve,
        window,
        interval,
        rollout,
        overrideTtl);
  }

  public Policy withReserve(int reserve) {
    return new Policy(
        shardsPerBot,
        scaleUp,
        scaleDown,
        minShards,
        maxShards,
        guildsPerShard,
        shardMultiple,
        reserve,
        scaleDownWindow,
        minInterval,
        rolloutTimeout,
        overrideTtl);
  }
}
