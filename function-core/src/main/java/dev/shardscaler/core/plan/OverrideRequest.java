package dev.shardscaler.core.plan;

import dev.shardscaler.core.ScaleRequest;
import java.time.Duration;

/**
 * What a request asks beyond the configuration: a new override to hold, or the old one cleared.
 *
 * @param shards the shard count to hold, or null
 * @param shardsPerBot the shards per pod to hold, or null
 * @param holdFor how long; null: the policy's default
 * @param clear drop the recorded override
 */
public record OverrideRequest(
    Integer shards, Integer shardsPerBot, Duration holdFor, boolean clear, String reason) {

  public static final OverrideRequest NONE = new OverrideRequest(null, null, null, false, null);

  public static OverrideRequest of(ScaleRequest request) {
    return new OverrideRequest(
        request.shards(),
        request.shardsPerBot(),
        request.overrideFor(),
        Boolean.TRUE.equals(request.clearOverride()),
        request.reason());
  }

  public static OverrideRequest shards(int shards) {
    return new OverrideRequest(shards, null, null, false, null);
  }

  public static OverrideRequest shardsPerBot(int shardsPerBot) {
    return new OverrideRequest(null, shardsPerBot, null, false, null);
  }

  /** True when the request sets a new override. */
  public boolean sets() {
    return shards != null || shardsPerBot != null;
  }
}
