package dev.shardscaler.core;

import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.plan.Assignment;
import dev.shardscaler.core.plan.ShardCounts;
import java.util.List;

/**
 * The result of one pass: a public API that schedulers, logs and people read, serialized with
 * {@link Json#GSON} (see the README for the JSON shape). Fields that a failed pass never reached
 * are null.
 *
 * @param override the override the pass planned with (recorded on the StatefulSet), if any
 * @param assignmentsOmitted pods left out of {@code assignments} (it lists at most {@link
 *     dev.shardscaler.core.plan.Assignment#MAX_ROWS}); null when none
 * @param retryAt RFC 3339 time when a blocked or failed pass may succeed, if known
 * @param warnings what the pass ignored or corrected on its way; null when nothing
 * @param requestReason the free-text reason the trigger gave
 */
public record ScaleResult(
    Outcome outcome,
    Reason reason,
    String message,
    boolean dryRun,
    Target target,
    Recommendation recommendation,
    ShardCounts current,
    ShardCounts desired,
    OverrideView override,
    List<Assignment> assignments,
    Integer assignmentsOmitted,
    String retryAt,
    List<String> warnings,
    String requestReason,
    String startedAt,
    Timings timings)
    implements PassReport {

  /** Discord's answer as the pass used it. */
  public record Recommendation(int shards, SessionStartLimit sessionStartLimit) {}

  /** The identify budget; {@code resetsAt} = when the answer came + {@code reset_after}. */
  public record SessionStartLimit(
      int total, int remaining, long resetAfterMs, String resetsAt, int maxConcurrency) {}

  /** An override as results show it; {@code until} in RFC 3339. */
  public record OverrideView(Integer shards, Integer shardsPerBot, String until, String reason) {}

  /** Wall time spent talking to each side, and in all. */
  public record Timings(long kubernetesMs, long discordMs, long totalMs) {}

  /** True when the pass did not complete (the adapters' error path). */
  @Override
  public boolean failed() {
    return outcome == Outcome.FAILED;
  }

  @Override
  public int httpStatus() {
    return Statuses.httpStatus(this);
  }

  /** The same result with one more warning (something that happened after the pass itself). */
  public ScaleResult withWarning(String warning) {
    List<String> all = new java.util.ArrayList<>(warnings == null ? List.of() : warnings);
    all.add(warning);
    return new ScaleResult(
        outcome,
        reason,
        message,
        dryRun,
        target,
        recommendation,
        current,
        desired,
        override,
        assignments,
        assignmentsOmitted,
        retryAt,
        List.copyOf(all),
        requestReason,
        startedAt,
        timings);
  }

  /**
   * A FAILED result for a target whose pass could not start (its bot token could not be had):
   * nothing was asked or written.
   */
  public static ScaleResult notStarted(
      Target target,
      Reason reason,
      String message,
      boolean dryRun,
      String requestReason,
      java.time.Instant startedAt,
      long totalMs) {
    return new ScaleResult(
        Outcome.FAILED,
        reason,
        message,
        dryRun,
        target,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null,
        null,
        requestReason,
        startedAt.toString(),
        new Timings(0, 0, totalMs));
  }

  @Override
  public String toJson() {
    return Json.GSON.toJson(this);
  }

  /** One human-readable line: outcome, reason, the move, and the assignment table. */
  @Override
  public String summary() {
    StringBuilder line = new StringBuilder().append(outcome).append(' ').append(reason);
    if (current != null && desired != null) {
      line.append(" [").append(current).append("] → [").append(desired).append(']');
    }
    line.append(": ").append(message);
    if (assignments != null && !assignments.isEmpty()) {
      line.append(" | ");
      int shown = Math.min(assignments.size(), 12);
      for (int i = 0; i < shown; i++) {
        line.append(i == 0 ? "" : ", ").append(assignments.get(i));
      }
      if (assignments.size() > shown) {
        int pods = assignments.size() + (assignmentsOmitted == null ? 0 : assignmentsOmitted);
        line.append(", … (").append(pods).append(" pods)");
      }
    }
    return line.toString();
  }
}
