package dev.shardscaler.core.plan;

import java.time.Duration;

/**
 * How long a healthy rollout of a fleet may take before it counts as stuck, when {@code
 * SCALER_ROLLOUT_TIMEOUT} is {@code auto}. A rolling update replaces one pod at a time; each pod is
 * ready once its shards have identified, at most {@code max_concurrency} every 5 seconds. We allow
 * a minute per pod for stopping and starting, plus its identify time, and twice that in all, and
 * never less than 30 minutes. A 200-pod bot with 4 shards per pod at max_concurrency 1: 200 × (60 s
 * + 20 s) × 2 ≈ 8 h 53 min.
 */
public final class RolloutTimeout {
  public static final Duration FLOOR = Duration.ofMinutes(30);
  static final Duration PER_POD = Duration.ofMinutes(1);
  static final Duration PER_IDENTIFY_BUCKET = Duration.ofSeconds(5);

  private RolloutTimeout() {}

  public static Duration estimate(ShardCounts layout, int maxConcurrency) {
    int replicas = Math.max(1, layout.replicas());
    int perBot =
        layout.shardsPerBot() != null
            ? layout.shardsPerBot()
            : layout.shards() != null ? (int) ShardRules.ceilDiv(layout.shards(), replicas) : 1;
    long buckets = ShardRules.ceilDiv(perBot, Math.max(1, maxConcurrency));
    Duration perPod = PER_POD.plus(PER_IDENTIFY_BUCKET.multipliedBy(buckets));
    Duration estimate = perPod.multipliedBy(replicas).multipliedBy(2);
    return estimate.compareTo(FLOOR) < 0 ? FLOOR : estimate;
  }
}
