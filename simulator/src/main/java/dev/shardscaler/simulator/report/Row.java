package dev.shardscaler.simulator.report;

import java.time.Instant;

/**
 * One pass in the timeline. Numbers are null where the pass did not get that far.
 *
 * @param recommended Discord's recommendation at this pass
 * @param shards the running layout as the pass read it
 * @param desiredShards where the pass wanted to go (for a held change: where it would go)
 * @param pods pods that exist, from the status the pass read
 * @param rollout a rollout was in progress when the pass read the set
 * @param fleet the shard totals the pods ran, e.g. {@code 12×1 16×3} (total × pods)
 * @param event the Kubernetes Event the pass recorded, if any
 * @param broken the ids of the invariants this pass broke, separated by spaces
 */
public record Row(
    Instant time,
    int guilds,
    Integer recommended,
    Integer maxConcurrency,
    Integer identifyRemaining,
    Integer identifyTotal,
    String outcome,
    String reason,
    Integer shards,
    Integer replicas,
    Integer shardsPerBot,
    Integer desiredShards,
    Integer desiredReplicas,
    Integer desiredShardsPerBot,
    int pods,
    int ready,
    boolean rollout,
    String fleet,
    String event,
    String broken,
    String message) {

  static final String[] COLUMNS = {
    "time",
    "guilds",
    "recommended",
    "max_concurrency",
    "identify_remaining",
    "identify_total",
    "outcome",
    "reason",
    "shards",
    "replicas",
    "shards_per_bot",
    "desired_shards",
    "desired_replicas",
    "desired_shards_per_bot",
    "pods",
    "ready",
    "rollout",
    "fleet",
    "event",
    "broken",
    "message"
  };

  /** The values in {@link #COLUMNS} order: strings, numbers, booleans or null. */
  Object[] values() {
    return new Object[] {
      time.toString(),
      guilds,
      recommended,
      maxConcurrency,
      identifyRemaining,
      identifyTotal,
      outcome,
      reason,
      shards,
      replicas,
      shardsPerBot,
      desiredShards,
      desiredReplicas,
      desiredShardsPerBot,
      pods,
      ready,
      rollout,
      fleet,
      event,
      broken,
      message
    };
  }

  /** Worth a line when only notable passes are shown: not a quiet in-sync pass. */
  public boolean notable() {
    return !"UNCHANGED".equals(outcome) || event != null || broken != null;
  }
}
