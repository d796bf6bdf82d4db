package dev.shardscaler.simulator;

import dev.shardscaler.core.config.DurationParser;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.simulator.cluster.StartState;
import dev.shardscaler.simulator.history.GuildHistory;
import java.time.Duration;

/**
 * What a simulation runs: the scaler's settings, the guild history, the StatefulSet at the start,
 * the time between passes, and how long a pod takes from creation to its first IDENTIFY.
 */
public record Setup(
    Settings settings,
    GuildHistory history,
    StartState start,
    Duration interval,
    Duration podStart) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
  public static final Duration DEFAULT_POD_START = Duration.ofSeconds(10);

  /** The settings the summary shows, as KEY=value. */
  String describeSettings() {
    return "K8S_SHARDS_PER_BOT="
        + settings.shardsPerBot()
        + " K8S_SCALEUP="
        + (settings.scaleUp() ? 1 : 0)
        + " K8S_SCALEDOWN="
        + (settings.scaleDown() ? 1 : 0)
        + " SCALER_MIN_SHARDS="
        + settings.minShards()
        + " SCALER_MAX_SHARDS="
        + (settings.maxShards() == null ? "none" : settings.maxShards())
        + " SCALER_GUILDS_PER_SHARD="
        + settings.guildsPerShard()
        + " SCALER_SHARD_MULTIPLE="
        + (settings.shardMultiple() == null ? "auto" : settings.shardMultiple())
        + " SCALER_IDENTIFY_RESERVE="
        + settings.identifyReserve()
        + " SCALER_SCALEDOWN_WINDOW="
        + DurationParser.format(settings.scaleDownWindow())
        + " SCALER_MIN_INTERVAL="
        + DurationParser.format(settings.minInterval())
        + " SCALER_ROLLOUT_TIMEOUT="
        + (settings.rolloutTimeout() == null
            ? "auto"
            : DurationParser.format(settings.rolloutTimeout()))
        + "; pod start "
        + DurationParser.format(podStart);
  }
}
