package dev.shardscaler.simulator.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a simulation found: the figures of its summary, and every broken invariant.
 *
 * @param settings the scaler settings the passes ran with, as {@code KEY=value} pairs
 * @param outcomes passes per outcome
 * @param changes SCALED passes per reason (the reshards by kind)
 * @param blocked BLOCKED passes per reason
 * @param failed FAILED passes per reason
 * @param lowestRemaining the lowest session-start budget left after a start; null if none
 * @param aboveShardLimit time some pod ran a total with more than 2,500 guilds per shard
 * @param splitFleet time pods ran different shard totals
 * @param offMultiple time some pod ran a total that is not a multiple of max_concurrency
 * @param unfinishedRolloutSince a rollout still under way at the end, since then; else null
 * @param broken broken checks per invariant id (empty: none broken)
 * @param violations the first violations, in order, for people to read
 */
public record Report(
    String history,
    String startState,
    String settings,
    Instant firstPass,
    Instant lastPass,
    Duration interval,
    long passes,
    int firstGuilds,
    int lastGuilds,
    int peakGuilds,
    int firstShards,
    int lastShards,
    int lowestShards,
    int highestShards,
    Map<String, Long> outcomes,
    Map<String, Long> changes,
    Map<String, Long> blocked,
    Map<String, Long> failed,
    long writes,
    long identifiesSpent,
    Integer lowestRemaining,
    Instant lowestRemainingAt,
    Duration aboveShardLimit,
    Duration splitFleet,
    Duration offMultiple,
    int rollouts,
    Duration longestRollout,
    Instant longestRolloutFrom,
    Instant unfinishedRolloutSince,
    int invariantsChecked,
    Map<String, Long> broken,
    List<String> violations) {

  /** True when no invariant broke. */
  public boolean safe() {
    return broken.isEmpty();
  }

  /** The summary people read (no wall time in it, so that a run's summary is reproducible). */
  public String toText() {
    StringBuilder out = new StringBuilder();
    line(out, "history", history);
    line(out, "start", startState);
    line(out, "settings", settings);
    line(
        out,
        "passes",
        number(passes)
            + " every "
            + Durations.human(interval)
            + (passes == 0 ? "" : ", " + firstPass + " → " + lastPass));
    line(
        out,
        "guilds",
        number(firstGuilds) + " → " + number(lastGuilds) + " (peak " + number(peakGuilds) + ")");
    line(
        out,
        "shards",
        firstShards
            + " → "
            + lastShards
            + " (lowest "
            + lowestShards
            + ", highest "
            + highestShards
            + ")");
    line(out, "outcomes", counts(outcomes));
    line(
        out,
        "reshards",
        counts(changes)
            + (writes > sum(changes)
                ? "; " + number(writes - sum(changes)) + " annotation-only writes"
                : ""));
    line(out, "blocked", counts(blocked));
    line(out, "failed", counts(failed));
    line(
        out,
        "identifies",
        number(identifiesSpent)
            + " spent; lowest remaining "
            + (lowestRemaining == null
                ? "-"
                : number(lowestRemaining) + " at " + lowestRemainingAt));
    line(
        out,
        "over 2500",
        Durations.human(aboveShardLimit)
            + " with a pod above 2,500 guilds per shard (Discord closes with 4011)");
    line(out, "split fleet", Durations.human(splitFleet) + " with pods on different shard totals");
    line(
        out,
        "off multiple",
        Durations.human(offMultiple)
            + " with a pod on a total that is not a multiple of max_concurrency (4010)");
    line(
        out,
        "rollouts",
        rollouts
            + (rollouts == 0
                ? ""
                : ", longest "
                    + Durations.human(longestRollout)
                    + (longestRolloutFrom == null ? "" : " from " + longestRolloutFrom))
            + (unfinishedRolloutSince == null
                ? ""
                : "; one unfinished at the end, since " + unfinishedRolloutSince));
    if (broken.isEmpty()) {
      line(out, "invariants", invariantsChecked + " checked on every pass, none broken");
    } else {
      line(
          out,
          "invariants",
          invariantsChecked + " checked on every pass, BROKEN: " + counts(broken) + " (passes)");
      violations.forEach(v -> out.append("  ").append(v).append('\n'));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String text) {
    out.append(String.format(Locale.ROOT, "%-12s ", label)).append(text).append('\n');
  }

  private static String counts(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    StringBuilder out = new StringBuilder();
    counts.forEach(
        (name, count) ->
            out.append(out.isEmpty() ? "" : ", ").append(name).append(' ').append(number(count)));
    return out.toString();
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  static String number(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
