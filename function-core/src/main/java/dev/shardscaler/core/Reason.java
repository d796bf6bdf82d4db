package dev.shardscaler.core;

/** Why a pass ended as it did: the machine-readable companion of the result's message. */
public enum Reason {
  // SCALED (or DRY_RUN)
  SCALED_UP,
  SCALED_DOWN,
  REPACKED,
  REPLICAS_CORRECTED,
  INITIALIZED,
  // SCALED (or DRY_RUN): a step of a blue/green reshard (SCALER_STRATEGY=bluegreen)
  BLUEGREEN_STARTED,
  BLUEGREEN_OVERLAP,
  BLUEGREEN_SWITCHED,
  BLUEGREEN_DRAINED,
  BLUEGREEN_REMOVED,
  BLUEGREEN_ADOPTED,
  // UNCHANGED
  IN_SYNC,
  // BLOCKED: a switch or a guard holds a wanted change
  SCALE_UP_DISABLED,
  SCALE_DOWN_DISABLED,
  SCALE_DOWN_STABILIZING,
  IDENTIFY_BUDGET,
  ROLLOUT_IN_PROGRESS,
  MIN_INTERVAL,
  NO_VALID_COUNT,
  /** No shard count in the container's env, and the rules want fewer pods than it runs. */
  SHARDS_UNKNOWN,
  // BLOCKED: a blue/green reshard waits for its standby set, the switch's propagation or its grace
  BLUEGREEN_WAITING,
  // BLOCKED: the set is held; the scaler changes nothing on it
  PAUSED,
  STOPPED,
  UPDATE_STRATEGY,
  // FAILED
  ROLLOUT_STUCK,
  STANDBY_NOT_READY,
  INVALID_SWITCH,
  INVALID_REQUEST,
  INVALID_STATEFULSET,
  DISCORD_UNAUTHORIZED,
  DISCORD_RATE_LIMITED,
  DISCORD_BLOCKED,
  DISCORD_UNAVAILABLE,
  DISCORD_BAD_RESPONSE,
  KUBERNETES_FORBIDDEN,
  KUBERNETES_NOT_FOUND,
  KUBERNETES_REJECTED,
  KUBERNETES_UNAVAILABLE,
  KUBERNETES_BAD_RESPONSE,
  CONFLICT,
  DEADLINE_EXCEEDED,
  /** A target's bot token could not be read (its secret, variable or file). */
  BOT_TOKEN_UNAVAILABLE,
  INTERNAL_ERROR;

  /** True when the failure lies with Discord (adapters answer 502). */
  public boolean isDiscordFailure() {
    return name().startsWith("DISCORD_");
  }

  /** True when the failure lies with the cluster API (adapters answer 503). */
  public boolean isKubernetesFailure() {
    return name().startsWith("KUBERNETES_") || this == CONFLICT;
  }

  /** True for the reasons that hold a set entirely: nothing is written to it. */
  public boolean isHold() {
    return this == PAUSED || this == STOPPED || this == UPDATE_STRATEGY;
  }
}
