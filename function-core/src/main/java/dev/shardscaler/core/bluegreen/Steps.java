package dev.shardscaler.core.bluegreen;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.DurationParser;
import dev.shardscaler.core.config.Strategy;
import dev.shardscaler.core.kubernetes.BotSet;
import dev.shardscaler.core.plan.Markers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The next step of a blue/green reshard, decided from the objects alone: the switch (null when
 * there is none), the bot's own StatefulSet and its sibling (null when absent). Pure: no I/O, no
 * clock but {@code now}. A pass that died anywhere left objects from which this picks up again.
 *
 * <p>Two rules keep a bot from going dark whatever was interrupted: a set named active is never
 * scaled down or removed, and a set that is not active is scaled down or removed only while the
 * active one is Ready (every pod, so every shard, connected).
 */
public final class Steps {
  private Steps() {}

  public static Step next(
      String switchName,
      SwitchState state,
      BotSet original,
      BotSet sibling,
      Strategy strategy,
      Duration minInterval,
      Instant now) {
    if (sibling != null && !original.name().equals(sibling.label(BotSet.SET_OF))) {
      return new Step.Fail(
          Reason.INVALID_STATEFULSET,
          "a StatefulSet "
              + sibling.name()
              + " exists that the scaler did not create (no label "
              + BotSet.SET_OF
              + "="
              + original.name()
              + "): it is the name blue/green uses for the bot's second set, and the scaler never"
              + " touches an object it did not make. Rename or delete it to use"
              + " SCALER_STRATEGY=bluegreen");
    }
    // A pause on either set stops every step: a person is looking at it.
    if (original.paused()) {
      return paused(original);
    }
    if (sibling != null && sibling.paused()) {
      return paused(sibling);
    }
    if (state == null) {
      return withoutSwitch(switchName, original, sibling);
    }
    BotSet from = byName(state.serving(), original, sibling);
    BotSet to = state.to() == null ? null : byName(state.to(), original, sibling);
    if (from == null) {
      return missingActive(switchName, state.serving(), original);
    }
    if (from.paused()) {
      return paused(from);
    }
    return switch (state.phase()) {
      case STEADY ->
          steady(state, from, other(from, original, sibling), original, minInterval, now);
      case STARTING -> starting(state, from, to, original, now);
      case OVERLAP -> overlap(state, from, to, strategy, now);
      case SWITCHED -> switched(state, from, to, strategy, now);
    };
  }

  private static Step withoutSwitch(String switchName, BotSet original, BotSet sibling) {
    if (sibling == null) {
      // Before the first blue/green reshard: the bot's own set serves, no switch needed yet.
      return new Step.Plan(original, null, null, null, List.of());
    }
    boolean originalRuns = original.replicas() > 0;
    boolean siblingRuns = sibling.replicas() > 0;
    if (siblingRuns && !originalRuns) {
      return new Step.Adopt(
          sibling,
          "the switch ConfigMap "
              + switchName
              + " is missing and only "
              + sibling.name()
              + " runs pods");
    }
    if (originalRuns && siblingRuns) {
      return new Step.Fail(
          Reason.INVALID_SWITCH,
          "the switch ConfigMap "
              + switchName
              + " is missing while both "
              + original.name()
              + " and "
              + sibling.name()
              + " run pods: without it every pod of both sets handles events (no guild is left"
              + " out), and the scaler will not guess which set should serve. Recreate it naming"
              + " that set (docs/BLUEGREEN.md, \"Repair\")");
    }
    return steady(null, original, sibling, original, Duration.ZERO, Instant.EPOCH);
  }

  private static Step missingActive(String switchName, String name, BotSet original) {
    if (original.replicas() > 0 && !name.equals(original.name())) {
      return new Step.Adopt(
          original, "the set " + name + " that " + switchName + " names active does not exist");
    }
    return new Step.Fail(
        Reason.INVALID_SWITCH,
        "the switch ConfigMap "
            + switchName
            + " names "
            + name
            + " active, but no such StatefulSet runs: the bot has no serving pods. Scale "
            + original.name()
            + " up (kubectl scale statefulset "
            + original.name()
            + " --replicas=N) and the scaler adopts it");
  }

  // ---- steady ----------------------------------------------------------------------------

  /** {@code state} is null when there is no switch yet (the bot's own set serves). */
  private static Step steady(
      SwitchState state,
      BotSet active,
      BotSet other,
      BotSet original,
      Duration minInterval,
      Instant now) {
    boolean otherIsSibling = other != null && other != original;
    List<String> notes = new ArrayList<>();
    Step.Hold hold = null;
    if (other != null) {
      if (active.ready()) {
        if (other.replicas() > 0) {
          return new Step.Drain(
              other,
              active,
              other.name()
                  + " is not active but runs "
                  + other.replicas()
                  + " pods (a standby left behind, or spec.replicas restored by someone else)");
        }
        if (otherIsSibling && other.podsLeft() == 0) {
          return new Step.Remove(other, active);
        }
      }
      if (other.replicas() > 0 || other.podsLeft() > 0 || otherIsSibling) {
        String waiting =
            other.replicas() > 0
                ? other.name()
                    + " still runs "
                    + other.replicas()
                    + " pods that stand by; they are scaled to zero once "
                    + active.name()
                    + " is Ready ("
                    + active.readiness()
                    + ")"
                : other.podsLeft() > 0
                    ? other.name() + " still has " + other.podsLeft() + " pods terminating"
                    : other.name() + " is removed once " + active.name() + " is Ready";
        hold = new Step.Hold(Reason.BLUEGREEN_WAITING, waiting, null);
        notes.add(waiting);
      }
    }
    if (hold == null && state != null && state.failedAt() != null) {
      Instant allowed = state.failedAt().plus(minInterval);
      if (now.isBefore(allowed)) {
        hold =
            new Step.Hold(
                Reason.MIN_INTERVAL,
                "a standby set failed to become Ready at "
                    + state.failedAt()
                    + " ("
                    + state.failure()
                    + "); the next attempt waits SCALER_MIN_INTERVAL ("
                    + DurationParser.format(minInterval)
                    + "), until "
                    + allowed,
                allowed);
      }
    }
    return new Step.Plan(active, other, null, hold, List.copyOf(notes));
  }

  // ---- in flight ---------------------------------------------------------------------------

  private static Step starting(
      SwitchState state, BotSet from, BotSet to, BotSet original, Instant now) {
    boolean created = to != null && (to != original || to.replicas() > 0);
    if (!created) {
      // The pass that wrote the switch died before the standby existed: plan again.
      return new Step.Plan(from, to, state, null, List.of());
    }
    if (runsPlan(to, state)) {
      return new Step.Overlap(from, to, state);
    }
    if (!now.isBefore(state.readyBy())) {
      return new Step.Rollback(
          from,
          to,
          state,
          "standby set "
              + to.name()
              + " was not Ready by "
              + state.readyBy()
              + " ("
              + readiness(to, state)
              + " after "
              + DurationParser.format(state.timeout())
              + ")");
    }
    return new Step.Wait(
        Reason.BLUEGREEN_WAITING,
        "standby set "
            + to.name()
            + " ["
            + state.layout()
            + "] is starting ("
            + readiness(to, state)
            + ") while "
            + from.name()
            + " serves; the switch follows once every pod is Ready, and the standby is removed if"
            + " it is not Ready by "
            + state.readyBy(),
        null);
  }

  private static Step overlap(
      SwitchState state, BotSet from, BotSet to, Strategy strategy, Instant now) {
    if (to == null) {
      return new Step.Fail(
          Reason.INVALID_SWITCH,
          "the switch overlaps "
              + from.name()
              + " and "
              + state.to()
              + ", but "
              + state.to()
              + " does not exist: "
              + from.name()
              + " alone serves. Repair the switch (docs/BLUEGREEN.md, \"Repair\")");
    }
    if (!runsPlan(to, state)) {
      // Both sets serve: the standby goes only while the set left alone is Ready, or guilds whose
      // pod of the old set is down would lose the session the standby gives them.
      if (!now.isBefore(state.readyBy()) && from.ready()) {
        return new Step.Rollback(
            from,
            to,
            state,
            to.name()
                + " lost readiness while both sets were active ("
                + readiness(to, state)
                + ")");
      }
      return new Step.Wait(
          Reason.BLUEGREEN_WAITING,
          "both sets are active, but "
              + to.name()
              + " is not Ready any more ("
              + readiness(to, state)
              + (from.ready()
                  ? ""
                  : "; " + from.name() + " is not Ready either: " + from.readiness())
              + "): "
              + from.name()
              + " stays active until it is, or until "
              + state.readyBy()
              + " when the switch goes back",
          null);
    }
    Instant due = state.since().plus(strategy.propagation());
    if (now.isBefore(due)) {
      return new Step.Wait(
          Reason.BLUEGREEN_WAITING,
          "both "
              + from.name()
              + " and "
              + to.name()
              + " handle events since "
              + state.since()
              + " while every pod learns of the switch; "
              + from.name()
              + " stands by from "
              + due
              + " (SCALER_BLUEGREEN_PROPAGATION "
              + DurationParser.format(strategy.propagation())
              + ")",
          due);
    }
    return new Step.Switch(from, to, state);
  }

  private static Step switched(
      SwitchState state, BotSet from, BotSet to, Strategy strategy, Instant now) {
    if (to == null) {
      return new Step.Fail(
          Reason.INVALID_SWITCH,
          "the switch names "
              + state.to()
              + " active, but it does not exist; "
              + from.name()
              + " stands by. Repair the switch (docs/BLUEGREEN.md, \"Repair\")");
    }
    if (to.paused()) {
      return paused(to);
    }
    Instant due = state.since().plus(strategy.grace());
    if (now.isBefore(due)) {
      return new Step.Wait(
          Reason.BLUEGREEN_WAITING,
          to.name()
              + " alone handles events since "
              + state.since()
              + "; "
              + from.name()
              + " stands by, still connected, until "
              + due
              + " (SCALER_BLUEGREEN_GRACE "
              + DurationParser.format(strategy.grace())
              + "), then it is scaled to zero",
          due);
    }
    if (to.ready() && !runsPlan(to, state)) {
      return new Step.Fail(
          Reason.INVALID_STATEFULSET,
          to.name()
              + " alone handles events but runs ["
              + to.layout()
              + "], not the ["
              + state.layout()
              + "] the switch planned (changed by hand?): some shards may have no session."
              + " Restore its replicas and env; "
              + from.name()
              + " keeps standing by, connected, meanwhile");
    }
    if (!to.ready()) {
      return new Step.Wait(
          Reason.BLUEGREEN_WAITING,
          to.name()
              + " is active but not Ready ("
              + to.readiness()
              + "): "
              + from.name()
              + " keeps standing by, connected, until it is",
          null);
    }
    return new Step.Finish(from, to, state);
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** Ready, and running the layout the switch planned for it (a hand scale breaks the plan). */
  private static boolean runsPlan(BotSet set, SwitchState state) {
    return set.ready() && set.layout().equals(state.layout());
  }

  /** "3/4 pods ready", and what it runs when that is not the plan. */
  private static String readiness(BotSet set, SwitchState state) {
    return set.layout().equals(state.layout())
        ? set.readiness()
        : set.readiness()
            + ", running ["
            + set.layout()
            + "], not the planned ["
            + state.layout()
            + "]";
  }

  private static Step paused(BotSet set) {
    return new Step.Wait(
        Reason.PAUSED,
        "paused by the annotation "
            + Markers.PAUSED
            + " on "
            + set.name()
            + ": the scaler changes nothing, a blue/green reshard in flight included. Resume"
            + " with: kubectl annotate statefulset "
            + set.name()
            + " "
            + Markers.PAUSED
            + "-",
        null);
  }

  private static BotSet byName(String name, BotSet original, BotSet sibling) {
    if (original.name().equals(name)) {
      return original;
    }
    return sibling != null && sibling.name().equals(name) ? sibling : null;
  }

  private static BotSet other(BotSet set, BotSet original, BotSet sibling) {
    return set == original ? sibling : original;
  }
}
