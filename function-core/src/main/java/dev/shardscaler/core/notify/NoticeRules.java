package dev.shardscaler.core.notify;

import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.config.DurationParser;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.plan.Assignment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When a pass is worth a message, as a pure function of what the notifier remembers about a target
 * and the target's new result. Never on every pass:
 *
 * <ul>
 *   <li>a reshard (SCALED) is told once, by the pass that made it;
 *   <li>a failure is told at the first failed pass, and again every {@code SCALER_NOTIFY_REPEAT}
 *       while it lasts with the same reason;
 *   <li>a block that needs a person (the identify budget, scaling up switched off, holds) is told
 *       once it has lasted {@code SCALER_NOTIFY_BLOCKED_AFTER}, then every {@code
 *       SCALER_NOTIFY_REPEAT}; blocks the scaler clears by design (the minimum interval, the
 *       scale-down window, a rollout under way, scaling down switched off) are never told;
 *   <li>the end of a failure or block that was told is told once.
 * </ul>
 */
public final class NoticeRules {
  /** Blocks a person has to look at, or wait out knowingly. */
  static final Set<Reason> NOTABLE_BLOCKS =
      Set.of(
          Reason.IDENTIFY_BUDGET,
          Reason.SCALE_UP_DISABLED,
          Reason.SHARDS_UNKNOWN,
          Reason.PAUSED,
          Reason.STOPPED,
          Reason.UPDATE_STRATEGY);

  /**
   * The steps of a blue/green reshard after its start, each a pass that writes: the reshard is told
   * once, when the new set starts (old → new, its pods); a new set that never gets Ready is a
   * failure, told as one.
   */
  static final Set<Reason> BLUEGREEN_STEPS =
      Set.of(
          Reason.BLUEGREEN_OVERLAP,
          Reason.BLUEGREEN_SWITCHED,
          Reason.BLUEGREEN_DRAINED,
          Reason.BLUEGREEN_REMOVED,
          Reason.BLUEGREEN_ADOPTED);

  private NoticeRules() {}

  /** What to tell about one target's pass, and what to remember of it (null: nothing). */
  public record Step(List<Notice> notices, Memory.Condition next) {}

  /**
   * @param previous what was remembered of the target, or null
   * @param tokenSource where the target's token comes from, in words (for the advice)
   */
  public static Step step(
      String name,
      Memory.Condition previous,
      ScaleResult result,
      String tokenSource,
      Instant now,
      NotifySettings settings) {
    if (result.dryRun() || result.outcome() == Outcome.DRY_RUN) {
      // Nothing was written, so nothing is over: a failure only a write meets (the admission
      // policy refusing the patch) looks solved to a dry run.
      return new Step(List.of(), previous);
    }
    List<Notice> notices = new ArrayList<>();
    Facts facts = new Facts(name, result, tokenSource, now);
    if (result.outcome() == Outcome.SCALED && !BLUEGREEN_STEPS.contains(result.reason())) {
      notices.add(facts.resharded());
    }
    String state = condition(result);
    if (state == null) {
      if (previous != null && previous.toldAt() != null) {
        notices.add(facts.recovered(previous));
      }
      return new Step(notices, null);
    }
    boolean failed = result.outcome() == Outcome.FAILED;
    if (previous == null || !previous.state().equals(state)) {
      Memory.Condition started = new Memory.Condition(state, now.toString(), null, 1);
      if (failed || settings.blockedAfter().isZero()) {
        notices.add(failed ? facts.failed(started) : facts.blocked(started));
        started = told(started, now);
      }
      return new Step(notices, started);
    }
    Memory.Condition same =
        new Memory.Condition(
            previous.state(), previous.since(), previous.toldAt(), previous.passes() + 1);
    boolean due =
        previous.toldAt() == null
            ? failed || !now.isBefore(Instant.parse(previous.since()).plus(settings.blockedAfter()))
            : !now.isBefore(Instant.parse(previous.toldAt()).plus(settings.repeat()));
    if (due) {
      notices.add(failed ? facts.failed(same) : facts.blocked(same));
      same = told(same, now);
    }
    return new Step(notices, same);
  }

  /** "FAILED reason" or "BLOCKED reason" for a condition worth remembering, else null. */
  static String condition(ScaleResult result) {
    if (result.outcome() == Outcome.FAILED && result.reason() != Reason.INVALID_REQUEST) {
      return "FAILED " + result.reason();
    }
    if (result.outcome() == Outcome.BLOCKED && NOTABLE_BLOCKS.contains(result.reason())) {
      return "BLOCKED " + result.reason();
    }
    return null;
  }

  private static Memory.Condition told(Memory.Condition c, Instant now) {
    return new Memory.Condition(c.state(), c.since(), now.toString(), c.passes());
  }

  /** The words of the notices about one result. */
  private record Facts(String name, ScaleResult result, String tokenSource, Instant now) {
    private Target target() {
      return result.target();
    }

    private String set() {
      return target().namespace() + "/" + target().statefulSet();
    }

    Notice resharded() {
      var from = result.current();
      var to = result.desired();
      String verb =
          switch (result.reason()) {
            case SCALED_UP -> "scaled up";
            case SCALED_DOWN -> "scaled down";
            case REPACKED -> "repacked";
            case REPLICAS_CORRECTED -> "replicas corrected";
            case BLUEGREEN_STARTED -> "resharding blue/green";
            default -> "initialized";
          };
      String title =
          name
              + " "
              + verb
              + ": "
              + (from == null || from.shards() == null ? "?" : from.shards())
              + " → "
              + (to == null ? "?" : to.shards())
              + " shards, "
              + (from == null ? "?" : from.replicas())
              + " → "
              + (to == null ? "?" : to.replicas())
              + " pods";
      List<String> pods =
          new ArrayList<>(result.assignments().stream().map(Assignment::toString).toList());
      if (result.assignmentsOmitted() != null) {
        pods.add("… and " + result.assignmentsOmitted() + " more pods");
      }
      String text =
          result.message()
              + (result.requestReason() == null || result.requestReason().equals("scheduled")
                  ? ""
                  : " (reason: " + result.requestReason() + ")");
      return new Notice(
          Notice.Kind.RESHARDED,
          name,
          set(),
          result.reason().name(),
          title,
          text,
          null,
          pods,
          from == null ? null : from.toString(),
          to == null ? null : to.toString(),
          null,
          now.toString());
    }

    Notice failed(Memory.Condition c) {
      String title =
          c.toldAt() == null && c.passes() == 1
              ? name + ": the pass failed (" + result.reason() + ")"
              : name
                  + ": still failing ("
                  + result.reason()
                  + ") for "
                  + since(c)
                  + ", "
                  + c.passes()
                  + " passes";
      return problem(Notice.Kind.FAILED, title, c);
    }

    Notice blocked(Memory.Condition c) {
      String title = name + ": blocked (" + result.reason() + ") for " + since(c);
      return problem(Notice.Kind.BLOCKED, title, c);
    }

    Notice recovered(Memory.Condition previous) {
      boolean wasFailure = previous.state().startsWith("FAILED");
      String was = previous.state().substring(previous.state().indexOf(' ') + 1);
      String title =
          name
              + (wasFailure ? ": passes succeed again" : ": no longer blocked")
              + " (after "
              + was
              + " for "
              + since(previous)
              + ")";
      return new Notice(
          Notice.Kind.RECOVERED,
          name,
          set(),
          result.reason().name(),
          title,
          result.outcome() + " " + result.reason() + ": " + result.message(),
          null,
          List.of(),
          null,
          null,
          previous.since(),
          now.toString());
    }

    private Notice problem(Notice.Kind kind, String title, Memory.Condition c) {
      return new Notice(
          kind,
          name,
          set(),
          result.reason().name(),
          title,
          result.message()
              + (result.retryAt() == null ? "" : " (may succeed from " + result.retryAt() + ")"),
          Advice.of(result.reason(), target(), tokenSource),
          List.of(),
          null,
          null,
          c.since(),
          now.toString());
    }

    private String since(Memory.Condition c) {
      Duration lasted = Duration.between(Instant.parse(c.since()), now);
      return DurationParser.format(
          lasted.isNegative()
              ? Duration.ZERO
              : lasted.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
  }
}
