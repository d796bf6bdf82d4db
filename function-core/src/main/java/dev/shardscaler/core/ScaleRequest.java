package dev.shardscaler.core;

import dev.shardscaler.core.config.DurationParser;
import dev.shardscaler.core.config.ScaleRequestLimits;
import dev.shardscaler.core.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a trigger asks of one pass. Every field is optional; an absent one takes the value of the
 * settings. A request with {@link #overrides()} changes what the pass would do on its own, so HTTP
 * adapters authenticate it. A request never names a namespace or a StatefulSet: it may only pick
 * one of the configured targets by name.
 *
 * @param shards a shard count to use instead of Discord's recommendation, held as an override
 * @param shardsPerBot shards per pod to use instead of the configured value, held as an override
 * @param overrideFor how long an override of {@code shards} / {@code shardsPerBot} holds (default
 *     {@code SCALER_OVERRIDE_TTL})
 * @param clearOverride true: drop the override recorded on the StatefulSet
 * @param dryRun plan without writing
 * @param reason free text for logs and the Kubernetes Event
 * @param target the name of one configured target to run the pass on; null: every target
 */
public record ScaleRequest(
    Integer shards,
    Integer shardsPerBot,
    Duration overrideFor,
    Boolean clearOverride,
    Boolean dryRun,
    String reason,
    String target) {

  public static final int MAX_REASON_LENGTH = 256;
  public static final Duration MAX_OVERRIDE_FOR = ScaleRequestLimits.MAX_OVERRIDE_FOR;
  public static final Duration MIN_OVERRIDE_FOR = ScaleRequestLimits.MIN_OVERRIDE_FOR;

  /** A request for every configured target. */
  public ScaleRequest(
      Integer shards,
      Integer shardsPerBot,
      Duration overrideFor,
      Boolean clearOverride,
      Boolean dryRun,
      String reason) {
    this(shards, shardsPerBot, overrideFor, clearOverride, dryRun, reason, null);
  }

  /** The scheduled pass: all settings, no overrides. */
  public static ScaleRequest scheduled() {
    return new ScaleRequest(null, null, null, null, null, "scheduled", null);
  }

  /** A request with nothing set but its reason. */
  public static ScaleRequest because(String reason) {
    return new ScaleRequest(null, null, null, null, null, reason, null);
  }

  public ScaleRequest withShards(Integer value) {
    return new ScaleRequest(
        value, shardsPerBot, overrideFor, clearOverride, dryRun, reason, target);
  }

  public ScaleRequest withShardsPerBot(Integer value) {
    return new ScaleRequest(shards, value, overrideFor, clearOverride, dryRun, reason, target);
  }

  public ScaleRequest withOverrideFor(Duration value) {
    return new ScaleRequest(shards, shardsPerBot, value, clearOverride, dryRun, reason, target);
  }

  public ScaleRequest withClearOverride(Boolean value) {
    return new ScaleRequest(shards, shardsPerBot, overrideFor, value, dryRun, reason, target);
  }

  public ScaleRequest withDryRun(Boolean value) {
    return new ScaleRequest(
        shards, shardsPerBot, overrideFor, clearOverride, value, reason, target);
  }

  public ScaleRequest withReason(String value) {
    return new ScaleRequest(
        shards, shardsPerBot, overrideFor, clearOverride, dryRun, value, target);
  }

  /** The same request for one configured target (null: every target). */
  public ScaleRequest withTarget(String value) {
    return new ScaleRequest(
        shards, shardsPerBot, overrideFor, clearOverride, dryRun, reason, value);
  }

  /** True when the request changes the layout, an override, or forces a real run. */
  public boolean overrides() {
    return shardsPerBot != null
        || shards != null
        || overrideFor != null
        || Boolean.TRUE.equals(clearOverride)
        || Boolean.FALSE.equals(dryRun);
  }

  /** True when the request sets a new override of the shard count or the shards per pod. */
  public boolean setsOverride() {
    return shards != null || shardsPerBot != null;
  }

  /** Range problems, each naming the field and its value; empty when the request is usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (shards != null && (shards < 1 || shards > Settings.MAX_SHARDS_LIMIT)) {
      problems.add(
          "field \"shards\" must be from 1 to " + Settings.MAX_SHARDS_LIMIT + ", got " + shards);
    }
    if (shardsPerBot != null && (shardsPerBot < 1 || shardsPerBot > Settings.MAX_SHARDS_LIMIT)) {
      problems.add(
          "field \"shardsPerBot\" must be from 1 to "
              + Settings.MAX_SHARDS_LIMIT
              + ", got "
              + shardsPerBot);
    }
    if (overrideFor != null
        && (overrideFor.compareTo(MIN_OVERRIDE_FOR) < 0
            || overrideFor.compareTo(MAX_OVERRIDE_FOR) > 0)) {
      problems.add(
          "field \"overrideFor\" must be a duration from 1m to 30d, got "
              + DurationParser.format(overrideFor));
    }
    if (overrideFor != null && !setsOverride()) {
      problems.add("field \"overrideFor\" needs \"shards\" or \"shardsPerBot\" to hold");
    }
    if (Boolean.TRUE.equals(clearOverride) && setsOverride()) {
      problems.add(
          "field \"clearOverride\" cannot be combined with \"shards\" or \"shardsPerBot\": a new"
              + " override replaces the old one anyway");
    }
    if (reason != null && reason.length() > MAX_REASON_LENGTH) {
      problems.add(
          "field \"reason\" must be at most "
              + MAX_REASON_LENGTH
              + " characters, got "
              + reason.length());
    }
    return problems;
  }
}
