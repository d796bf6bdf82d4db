package dev.shardscaler.simulator.report;

import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.simulator.check.Invariants.Violation;
import dev.shardscaler.simulator.check.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts what the passes did and how long the fleet spent in each risky state. */
public final class Tally {
  /** Discord closes a shard with more guilds than this (4011, sharding required). */
  public static final int GUILDS_PER_SHARD_LIMIT = 2500;

  static final int VIOLATIONS_SHOWN = 10;

  private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
  private final Map<String, Long> changes = new TreeMap<>();
  private final Map<String, Long> blocked = new TreeMap<>();
  private final Map<String, Long> failed = new TreeMap<>();
  private final Map<String, Long> broken = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();
  private long passes;
  private Instant firstPass;
  private Instant lastPass;
  private int firstGuilds = -1;
  private int lastGuilds;
  private int peakGuilds;
  private int firstShards = -1;
  private int lastShards;
  private int lowestShards = Integer.MAX_VALUE;
  private int highestShards;
  private long aboveShardLimitMillis;
  private long splitMillis;
  private long offMultipleMillis;

  /** One pass, with the invariants it broke. */
  public void pass(Step step, int guilds, List<Violation> brokenHere) {
    passes++;
    firstPass = firstPass == null ? step.at() : firstPass;
    lastPass = step.at();
    firstGuilds = firstGuilds < 0 ? guilds : firstGuilds;
    lastGuilds = guilds;
    peakGuilds = Math.max(peakGuilds, guilds);
    Integer shards = step.after().shards();
    if (shards != null) {
      firstShards = firstShards < 0 ? shards : firstShards;
      lastShards = shards;
      lowestShards = Math.min(lowestShards, shards);
      highestShards = Math.max(highestShards, shards);
    }
    ScaleResult result = step.result();
    if (result != null) {
      outcomes.merge(result.outcome(), 1L, Long::sum);
      Map<String, Long> byReason =
          switch (result.outcome()) {
            case SCALED -> changes;
            case BLOCKED -> blocked;
            case FAILED -> failed;
            default -> null;
          };
      if (byReason != null) {
        byReason.merge(result.reason().name(), 1L, Long::sum);
      }
    }
    violations(step.at(), brokenHere);
  }

  /** Violations found outside a pass (the closing check after the last one). */
  public void violations(Instant at, List<Violation> brokenHere) {
    for (Violation violation : brokenHere) {
      broken.merge(violation.invariant(), 1L, Long::sum);
      if (violations.size() < VIOLATIONS_SHOWN) {
        violations.add(at + " " + violation.invariant() + ": " + violation.message());
      }
    }
  }

  /**
   * A stretch of time ({@code millis} long) in which the fleet did not change.
   *
   * @param lowestTotal the lowest shard total a pod ran (0: no pod ran shards)
   */
  public void stretch(
      long millis, int guilds, int lowestTotal, boolean split, boolean offMultiple) {
    if (lowestTotal > 0 && guilds > (long) GUILDS_PER_SHARD_LIMIT * lowestTotal) {
      aboveShardLimitMillis += millis;
    }
    if (split) {
      splitMillis += millis;
    }
    if (offMultiple) {
      offMultipleMillis += millis;
    }
  }

  /** Reports a violation that ended the run early (a pass threw). */
  public void abort(Instant at, String invariant, String message) {
    violations(at, List.of(new Violation(invariant, message)));
  }

  public boolean anyBroken() {
    return !broken.isEmpty();
  }

  /** The summary, with the facts only the simulation knows. */
  public Report report(
      String history,
      String startState,
      String settings,
      Duration interval,
      long writes,
      long identifiesSpent,
      Integer lowestRemaining,
      Instant lowestRemainingAt,
      int rollouts,
      Duration longestRollout,
      Instant longestRolloutFrom,
      Instant unfinishedRolloutSince,
      int invariantsChecked) {
    Map<String, Long> outcomeNames = new LinkedHashMap<>();
    outcomes.forEach((outcome, count) -> outcomeNames.put(outcome.name(), count));
    return new Report(
        history,
        startState,
        settings,
        firstPass,
        lastPass,
        interval,
        passes,
        Math.max(firstGuilds, 0),
        lastGuilds,
        peakGuilds,
        Math.max(firstShards, 0),
        lastShards,
        lowestShards == Integer.MAX_VALUE ? 0 : lowestShards,
        highestShards,
        outcomeNames,
        new TreeMap<>(changes),
        new TreeMap<>(blocked),
        new TreeMap<>(failed),
        writes,
        identifiesSpent,
        lowestRemaining,
        lowestRemainingAt,
        Duration.ofMillis(aboveShardLimitMillis),
        Duration.ofMillis(splitMillis),
        Duration.ofMillis(offMultipleMillis),
        rollouts,
        longestRollout,
        longestRolloutFrom,
        unfinishedRolloutSince,
        invariantsChecked,
        new LinkedHashMap<>(broken),
        List.copyOf(violations));
  }
}
