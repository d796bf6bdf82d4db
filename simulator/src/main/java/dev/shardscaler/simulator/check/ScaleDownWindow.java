package dev.shardscaler.simulator.check;

import dev.shardscaler.core.config.DurationParser;
import java.time.Duration;
import java.time.Instant;

/**
 * No scale-down before {@code SCALER_SCALEDOWN_WINDOW} has passed since the recommendation first
 * fell below the running count. "Below" is judged by the checks' own reading of the documented
 * rules ({@link Rules#wantedShards}), pass by pass, from Discord's answers. A count above {@code
 * SCALER_MAX_SHARDS} may come down to the cap at once: the cap is not a recommendation to wait out;
 * and a count Discord refuses (no multiple of a {@code max_concurrency} above 1) is corrected at
 * once: every restart of such a shard is closed with 4010.
 */
public final class ScaleDownWindow implements Invariant {
  private final Rules rules;
  private Integer runningCount;
  private Instant belowSince;

  public ScaleDownWindow(Rules rules) {
    this.rules = rules;
  }

  @Override
  public String id() {
    return "scale-down-window";
  }

  @Override
  public String promise() {
    return "no scale-down before SCALER_SCALEDOWN_WINDOW since the recommendation first fell below";
  }

  private boolean aboveCap(Step step, int current) {
    int maxConcurrency =
        step.discord() == null ? 1 : step.discord().sessionStartLimit().maxConcurrency();
    Long cap = rules.cap(maxConcurrency);
    return cap != null && current > cap;
  }

  private static boolean refused(Step step, int current) {
    int maxConcurrency =
        step.discord() == null ? 1 : step.discord().sessionStartLimit().maxConcurrency();
    return maxConcurrency > 1 && current % maxConcurrency != 0;
  }

  @Override
  public String check(Step step) {
    Integer current = step.before().shards();
    if (current == null) {
      return null;
    }
    if (!current.equals(runningCount)) {
      runningCount = current;
      belowSince = null;
    }
    if (step.discord() != null) {
      long wanted =
          rules.wantedShards(
              step.discord().shards(), step.discord().sessionStartLimit().maxConcurrency());
      if (wanted < current) {
        belowSince = belowSince == null ? step.at() : belowSince;
      } else {
        belowSince = null;
      }
    }
    Integer after = step.after().shards();
    if (after == null || after >= current || aboveCap(step, current) || refused(step, current)) {
      return null;
    }
    Duration window = rules.scaleDownWindow();
    if (belowSince != null && !step.at().isBefore(belowSince.plus(window))) {
      return null;
    }
    return "scaled down "
        + current
        + " → "
        + after
        + " shards at "
        + step.at()
        + (belowSince == null
            ? " though the recommendation was not below " + current
            : ", the recommendation below only since " + belowSince)
        + " (SCALER_SCALEDOWN_WINDOW "
        + DurationParser.format(window)
        + ")";
  }
}
