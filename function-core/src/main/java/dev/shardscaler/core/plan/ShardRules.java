package dev.shardscaler.core.plan;

import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.discord.GatewayBot;

/**
 * How a wanted shard count is made one Discord accepts and the configuration allows: headroom on
 * Discord's recommendation, never below Discord's hard limit of 2,500 guilds per shard, a multiple
 * of {@code max_concurrency} when it is above 1 (else Discord closes with 4010), within the bounds
 * (the cap rounded down to the multiple, the minimum up). Pure; every count leaves it through these
 * rules, including the peak of a scale-down window and an override.
 */
final class ShardRules {
  /** Discord's hard limit: a shard with more guilds is closed with 4011. */
  static final int MAX_GUILDS_PER_SHARD = 2500;

  private final Policy policy;
  private final int recommended;
  private final long multiple;
  private final String multipleSource;
  private final long min;
  private final long max;
  private final long required;

  /** A count and how it was reached. */
  record Count(int shards, String explanation) {}

  private ShardRules(Policy policy, GatewayBot gateway) {
    this.policy = policy;
    this.recommended = gateway.shards();
    int concurrency = Math.max(1, gateway.sessionStartLimit().maxConcurrency());
    int configured = policy.shardMultiple() == null ? 1 : policy.shardMultiple();
    this.multiple = lcm(configured, concurrency);
    if (configured > 1 && concurrency > 1 && multiple != configured) {
      multipleSource =
          "the least common multiple of SCALER_SHARD_MULTIPLE "
              + configured
              + " and Discord's max_concurrency "
              + concurrency;
    } else if (concurrency > 1) {
      multipleSource = "Discord's max_concurrency";
    } else {
      multipleSource = "SCALER_SHARD_MULTIPLE";
    }
    this.min = ceilDiv(policy.minShards(), multiple) * multiple;
    long cap =
        policy.maxShards() == null
            ? Settings.MAX_SHARDS_LIMIT
            : Math.min(policy.maxShards(), Settings.MAX_SHARDS_LIMIT);
    this.max = cap / multiple * multiple;
    this.required =
        ceilDiv(ceilDiv(recommended * 1000L, MAX_GUILDS_PER_SHARD), multiple) * multiple;
  }

  static ShardRules of(Policy policy, GatewayBot gateway) {
    return new ShardRules(policy, gateway);
  }

  long multiple() {
    return multiple;
  }

  /** The highest count the rules allow. */
  long max() {
    return max;
  }

  /**
   * False when no count is a multiple, within the bounds, and at least what Discord requires for
   * the bot's guilds (one shard per 2,500 at most, or it closes the shards with 4011).
   */
  boolean fits() {
    return max >= multiple && max >= min && max >= required;
  }

  /** Why no count fits, naming the settings and the multiple. */
  String whyNoCountFits() {
    String cap =
        policy.maxShards() == null
            ? "the scaler's limit " + Settings.MAX_SHARDS_LIMIT
            : "SCALER_MAX_SHARDS=" + policy.maxShards();
    if (max < multiple) {
      return "no shard count fits: "
          + cap
          + " is below "
          + multiple
          + ", the multiple every count must be ("
          + multipleSource
          + "); raise the cap to at least "
          + multiple;
    }
    if (max < min) {
      return "no shard count fits: SCALER_MIN_SHARDS="
          + policy.minShards()
          + " rounded up to a multiple of "
          + multiple
          + " ("
          + multipleSource
          + ") is "
          + min
          + ", above "
          + cap
          + " rounded down ("
          + max
          + ")";
    }
    return "no shard count fits: Discord recommends "
        + recommended
        + " shards, and a shard may hold at most "
        + MAX_GUILDS_PER_SHARD
        + " guilds (else Discord closes it with 4011), so the bot needs at least "
        + required
        + " (a multiple of "
        + multiple
        + "), above "
        + cap
        + " rounded down ("
        + max
        + "); raise the cap";
  }

  /** The count for Discord's recommendation (or a peak of it): headroom, then the rules. */
  Count forRecommendation(int base) {
    StringBuilder why = new StringBuilder("Discord recommends ").append(base);
    long shards = base;
    if (policy.guildsPerShard() != 1000) {
      shards = ceilDiv(base * 1000L, policy.guildsPerShard());
      why.append(", ").append(policy.guildsPerShard()).append(" guilds/shard → ").append(shards);
    }
    return finish(shards, why);
  }

  /** The count for an explicit number (an override): no headroom, the same rules. */
  Count forExplicit(int shards) {
    return finish(shards, new StringBuilder("requested ").append(shards));
  }

  /** A count the rules allow, as close to {@code shards} as they let it be. */
  Count clamp(int shards) {
    return finish(shards, new StringBuilder(String.valueOf(shards)));
  }

  /** True when the rules allow {@code shards} as it is (nothing to raise, round or cap). */
  boolean allows(int shards) {
    return clamp(shards).shards() == shards;
  }

  private Count finish(long shards, StringBuilder why) {
    long floor = ceilDiv(recommended * 1000L, MAX_GUILDS_PER_SHARD);
    if (shards < floor) {
      shards = floor;
      why.append(", raised to ")
          .append(floor)
          .append(" (Discord closes shards over ")
          .append(MAX_GUILDS_PER_SHARD)
          .append(" guilds)");
    }
    if (shards % multiple != 0) {
      shards = ceilDiv(shards, multiple) * multiple;
      why.append(", multiple of ").append(multiple).append(" → ").append(shards);
    }
    if (shards < min) {
      shards = min;
      why.append(", raised to the minimum ").append(min);
    }
    if (shards > max) {
      shards = max;
      why.append(", capped at ").append(max);
      if (max < floor) {
        why.append(" (below the ").append(floor).append(" Discord requires)");
      }
    }
    return new Count((int) shards, why.toString());
  }

  static long ceilDiv(long dividend, long divisor) {
    return (dividend + divisor - 1) / divisor;
  }

  private static long lcm(long a, long b) {
    long x = a;
    long y = b;
    while (y != 0) {
      long t = x % y;
      x = y;
      y = t;
    }
    return a / x * b;
  }
}
