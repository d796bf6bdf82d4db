package dev.shardscaler.core.plan;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.DurationParser;
import dev.shardscaler.core.discord.GatewayBot;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules of one scaling pass (DESIGN §3), with no I/O: from the StatefulSet's state, Discord's
 * recommendation and the policy to a {@link Decision}.
 */
public final class Planner {
  private Planner() {}

  public static Decision plan(ClusterState state, GatewayBot gateway, Policy policy, Instant now) {
    ShardCounts current = state.current();
    Markers markers = state.markers();
    Rollout rollout = state.rollout();
    boolean rolling = rollout.inProgress();

    if (rolling) {
      Instant since = markers.rolloutSince() != null ? markers.rolloutSince() : now;
      markers = markers.withRolloutSince(since);
      Duration running = Duration.between(since, now);
      if (running.compareTo(policy.rolloutTimeout()) >= 0) {
        return Decision.failed(
            Reason.ROLLOUT_STUCK,
            "rollout unfinished for "
                + DurationParser.format(running.withNanos(0))
                + " (SCALER_ROLLOUT_TIMEOUT "
                + DurationParser.format(policy.rolloutTimeout())
                + "), waiting on pod ordinal "
                + rollout.waitingOnOrdinal()
                + " ("
                + rollout.readyReplicas()
                + "/"
                + rollout.desiredReplicas()
                + " ready, "
                + rollout.updatedReplicas()
                + " updated): a person must look at that pod",
            current,
            markers);
      }
    } else if (markers.rolloutSince() != null) {
      markers = markers.withRolloutSince(null);
    }

    Target target = Target.compute(gateway, policy);
    ShardCounts wanted = target.counts();
    if (wanted.equals(current)) {
      return Decision.unchanged(
          "running " + current + " as wanted (" + target.explanation() + ")",
          current,
          markers.withScaleDown(null, null));
    }

    Reason reason;
    if (current.shards() == null || current.shardsPerBot() == null) {
      reason = Reason.INITIALIZED;
      markers = markers.withScaleDown(null, null);
    } else if (wanted.shards() > current.shards()) {
      reason = Reason.SCALED_UP;
      markers = markers.withScaleDown(null, null);
      if (!policy.scaleUp()) {
        return Decision.blocked(
            Reason.SCALE_UP_DISABLED,
            "want "
                + wanted.shards()
                + " shards, running "
                + current.shards()
                + ", but scaling up is off (K8S_SCALEUP=0)",
            wanted,
            markers,
            null);
      }
    } else if (wanted.shards() < current.shards()) {
      reason = Reason.SCALED_DOWN;
      if (!policy.scaleDown()) {
        return Decision.blocked(
            Reason.SCALE_DOWN_DISABLED,
            "want "
                + wanted.shards()
                + " shards, running "
                + current.shards()
                + ", but scaling down is off (K8S_SCALEDOWN=0)",
            wanted,
            markers.withScaleDown(null, null),
            null);
      }
      Instant since = markers.scaleDownSince() != null ? markers.scaleDownSince() : now;
      int peak =
          markers.scaleDownPeak() == null
              ? wanted.shards()
              : Math.max(markers.scaleDownPeak(), wanted.shards());
      markers = markers.withScaleDown(since, peak);
      wanted = ShardCounts.of(peak, policy.shardsPerBot());
      Instant due = since.plus(policy.scaleDownWindow());
      if (now.isBefore(due)) {
        return Decision.blocked(
            Reason.SCALE_DOWN_STABILIZING,
            "recommendation below "
                + current.shards()
                + " shards since "
                + since
                + "; will scale down to "
                + peak
                + " (the highest since) at "
                + due
                + " if it stays below (SCALER_SCALEDOWN_WINDOW "
                + DurationParser.format(policy.scaleDownWindow())
                + ")",
            wanted,
            markers,
            due);
      }
      markers = markers.withScaleDown(null, null);
    } else {
      markers = markers.withScaleDown(null, null);
      reason =
          wanted.shardsPerBot().equals(current.shardsPerBot())
              ? Reason.REPLICAS_CORRECTED
              : Reason.REPACKED;
    }

    String move = describe(current, wanted);
    if (rolling) {
      return Decision.blocked(
          Reason.ROLLOUT_IN_PROGRESS,
          "want "
              + move
              + ", but a rollout is in progress (since "
              + markers.rolloutSince()
              + "); never reshard on top of one",
          wanted,
          markers,
          null);
    }
    if (markers.lastChangeAt() != null) {
      Instant allowed = markers.lastChangeAt().plus(policy.minInterval());
      if (now.isBefore(allowed)) {
        return Decision.blocked(
            Reason.MIN_INTERVAL,
            "want "
                + move
                + ", but the last change was at "
                + markers.lastChangeAt()
                + " (SCALER_MIN_INTERVAL "
                + DurationParser.format(policy.minInterval())
                + "); next change allowed at "
                + allowed,
            wanted,
            markers,
            allowed);
      }
    }
    int needed = wanted.shards() + policy.identifyReserve();
    int remaining = gateway.sessionStartLimit().remaining();
    if (remaining < needed) {
      Instant reset = now.plus(gateway.sessionStartLimit().resetAfter());
      return Decision.blocked(
          Reason.IDENTIFY_BUDGET,
          "want "
              + move
              + ", which restarts "
              + wanted.shards()
              + " shards, but only "
              + remaining
              + " session starts remain (need "
              + wanted.shards()
              + " + reserve "
              + policy.identifyReserve()
              + "); the budget resets at "
              + reset,
          wanted,
          markers,
          reset);
    }
    String from = current.shards() == null ? "?" : String.valueOf(current.shards());
    return Decision.change(
        reason,
        move + " (" + target.explanation() + ")",
        wanted,
        markers.withLastChange(now, from + "→" + wanted.shards()).withRolloutSince(now));
  }

  private static String describe(ShardCounts from, ShardCounts to) {
    return "[" + from + "] → [" + to + "]";
  }

  /** The shard count the bot should run, and how it was reached. */
  record Target(ShardCounts counts, String explanation) {
    static Target compute(GatewayBot gateway, Policy policy) {
      StringBuilder why = new StringBuilder();
      long base;
      if (policy.shardsOverride() != null) {
        base = policy.shardsOverride();
        why.append("requested ").append(base);
      } else {
        base = gateway.shards();
        why.append("Discord recommends ").append(base);
      }
      long shards = base;
      if (policy.guildsPerShard() != 1000) {
        shards = ShardCounts.ceilDiv(base * 1000L, policy.guildsPerShard());
        why.append(", ").append(policy.guildsPerShard()).append(" guilds/shard → ").append(shards);
      }
      int multiple =
          policy.shardMultiple() != null
              ? policy.shardMultiple()
              : Math.max(1, gateway.sessionStartLimit().maxConcurrency());
      if (multiple > 1 && shards % multiple != 0) {
        shards = ShardCounts.ceilDiv(shards, multiple) * (long) multiple;
        why.append(", multiple of ").append(multiple).append(" → ").append(shards);
      }
      long min = ShardCounts.ceilDiv(policy.minShards(), multiple) * (long) multiple;
      if (shards < min) {
        shards = min;
        why.append(", raised to the minimum ").append(min);
      }
      if (policy.maxShards() != null) {
        // Round the cap down to the multiple: a count Discord refuses (close 4010) is worse.
        long max = Math.max(min, policy.maxShards() / multiple * (long) multiple);
        if (shards > max) {
          shards = max;
          why.append(", capped at ").append(max);
        }
      }
      return new Target(ShardCounts.of((int) shards, policy.shardsPerBot()), why.toString());
    }
  }
}
