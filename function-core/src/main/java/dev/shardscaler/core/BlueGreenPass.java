package dev.shardscaler.core;

import com.google.gson.JsonObject;
import dev.shardscaler.core.bluegreen.SiblingSet;
import dev.shardscaler.core.bluegreen.Step;
import dev.shardscaler.core.bluegreen.Steps;
import dev.shardscaler.core.bluegreen.SwitchObject;
import dev.shardscaler.core.bluegreen.SwitchState;
import dev.shardscaler.core.config.DurationParser;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.config.Sibling;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.kubernetes.BotSet;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.Fleet;
import dev.shardscaler.core.kubernetes.KubernetesApiException;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.core.kubernetes.SwitchConfigMap;
import dev.shardscaler.core.plan.Decision;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.core.plan.RolloutTimeout;
import dev.shardscaler.core.plan.ShardCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass under SCALER_STRATEGY=bluegreen: read the bot's set, its sibling and the switch, decide
 * the next step ({@link Steps}), do it with one guarded write (two where the second is resumable),
 * record an Event on the bot's set. The planner still decides whether and to what the bot reshards,
 * with every guard; a change of the layout starts a standby set instead of patching the running
 * one. See docs/BLUEGREEN.md.
 */
final class BlueGreenPass {
  private static final Logger log = LoggerFactory.getLogger(BlueGreenPass.class);

  private final Settings settings;
  private final Fleet fleet;
  private final StatefulSets statefulSets;
  private final Clock clock;
  private final ScaleFunction.RollingPass rolling;
  private final EnvNames names;

  BlueGreenPass(
      Settings settings,
      Fleet fleet,
      StatefulSets statefulSets,
      Clock clock,
      ScaleFunction.RollingPass rolling) {
    this.settings = settings;
    this.fleet = fleet;
    this.statefulSets = statefulSets;
    this.clock = clock;
    this.rolling = rolling;
    this.names = new EnvNames(settings.shardsEnv(), settings.shardsPerBotEnv());
  }

  /** The objects a pass works on. */
  private record World(
      BotSet original, BotSet sibling, SwitchConfigMap switchMap, SwitchState state) {}

  /** A guarded write met a change by someone else: the whole pass reads and decides again. */
  private static final class Changed extends RuntimeException {
    private final KubernetesApiException conflict;

    Changed(KubernetesApiException conflict) {
      super(conflict.getMessage(), null, false, false);
      this.conflict = conflict;
    }
  }

  ScaleResult run(Pass pass, Deadline deadline) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(pass, deadline);
      } catch (Changed e) {
        if (attempt == 1) {
          log.info("{}; reading the objects again and deciding once more", e.getMessage());
          continue;
        }
        throw new KubernetesApiException(
            Reason.CONFLICT,
            409,
            e.conflict.getMessage() + ", again after one re-read; giving up for this pass",
            true);
      }
    }
  }

  private ScaleResult once(Pass pass, Deadline deadline) {
    World world = read(pass, deadline);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Step step =
        Steps.next(
            switchName(),
            world.state(),
            world.original(),
            world.sibling(),
            settings.strategy(),
            settings.minInterval(),
            now);
    describe(pass, world);
    if (step instanceof Step.Plan plan) {
      return plan(pass, world, plan, deadline);
    }
    if (step instanceof Step.Wait wait) {
      return pass.stepped(
          Outcome.BLOCKED, wait.reason(), wait.message(), inFlight(world), wait.retryAt());
    }
    if (step instanceof Step.Fail fail) {
      return pass.stepped(Outcome.FAILED, fail.reason(), fail.message(), null, null);
    }
    return write(pass, world, step, now, deadline);
  }

  // ---- reading -----------------------------------------------------------------------------

  private World read(Pass pass, Deadline deadline) {
    Target own = settings.target();
    Target sibling = new Target(own.namespace(), Sibling.of(own.statefulSet()), own.container());
    if (deadline.expired()) {
      throw deadline.exceeded("reading the StatefulSets; nothing was changed");
    }
    BotSet original =
        pass.timeKubernetes(() -> fleet.readSet(own, names, deadline))
            .orElseThrow(
                () ->
                    new KubernetesApiException(
                        Reason.KUBERNETES_NOT_FOUND,
                        404,
                        "StatefulSet \""
                            + own.statefulSet()
                            + "\" not found in namespace \""
                            + own.namespace()
                            + "\" (HTTP 404): check K8S_NAMESPACE and K8S_STATEFULSET",
                        false));
    BotSet second = pass.timeKubernetes(() -> fleet.readSet(sibling, names, deadline)).orElse(null);
    Optional<SwitchConfigMap> switchMap =
        pass.timeKubernetes(() -> fleet.readSwitch(own.namespace(), switchName(), deadline));
    SwitchState state = null;
    if (switchMap.isPresent()) {
      SwitchConfigMap found = switchMap.get();
      if (!own.statefulSet().equals(found.labels().get(SwitchConfigMap.SWITCH_OF))) {
        throw new ScalerException(
            Reason.INVALID_SWITCH,
            "a ConfigMap "
                + switchName()
                + " exists without the label "
                + SwitchConfigMap.SWITCH_OF
                + "="
                + own.statefulSet()
                + ": it is the name of the blue/green switch, and the scaler never overwrites an"
                + " object it did not make. Rename it, or label it if it is the switch (docs/"
                + "BLUEGREEN.md, \"Repair\")",
            false,
            null);
      }
      state =
          SwitchState.parse(
              own.namespace() + "/" + switchName(),
              found.data(),
              own.statefulSet(),
              sibling.statefulSet());
    }
    return new World(original, second, switchMap.orElse(null), state);
  }

  /** The current layout and pods of the set that serves, for every result. */
  private static void describe(Pass pass, World world) {
    BotSet serving =
        world.state() == null ? world.original() : byName(world, world.state().serving());
    if (serving != null) {
      pass.current(serving.layout());
      pass.podSet(serving.name());
    }
    ShardCounts moving = inFlight(world);
    if (moving != null) {
      pass.podSet(world.state().to());
    }
  }

  private static ShardCounts inFlight(World world) {
    return world.state() == null || world.state().phase() == SwitchState.Phase.STEADY
        ? null
        : world.state().layout();
  }

  // ---- planning on the active set ------------------------------------------------------------

  private ScaleResult plan(Pass pass, World world, Step.Plan plan, Deadline deadline) {
    plan.notes().forEach(pass::note);
    pass.podSet(plan.active().name());
    ScaleFunction.LayoutChange start =
        (snapshot, decision, gateway, now) ->
            start(pass, world, plan, decision, gateway, now, deadline);
    ScaleResult result =
        rolling.run(
            pass,
            deadline,
            plan.active().snapshot().target(),
            plan.active().snapshot(),
            world.original().snapshot(),
            start);
    if (plan.pending() != null
        && !result.failed()
        && result.reason() != Reason.BLUEGREEN_STARTED
        && !pass.dryRun()) {
      // The standby a dead pass had planned is not wanted (or not allowed) any more.
      guarded(
          "update the switch",
          () ->
              fleet.updateSwitch(
                  world.switchMap(),
                  SwitchState.steady(
                          plan.active().name(), clock.instant().truncatedTo(ChronoUnit.SECONDS))
                      .toData(),
                  deadline));
      return result.withWarning(
          "the blue/green reshard to ["
              + plan.pending().layout()
              + "] planned at "
              + plan.pending().since()
              + " never started its standby set and is no longer wanted now: the switch is"
              + " steady on "
              + plan.active().name()
              + " again");
    }
    return result;
  }

  /** A planned change of the layout: the standby set, instead of a patch of the running one. */
  private ScaleResult start(
      Pass pass,
      World world,
      Step.Plan plan,
      Decision decision,
      GatewayBot gateway,
      Instant now,
      Deadline deadline) {
    BotSet active = plan.active();
    ShardCounts target = decision.target();
    String move = "[" + active.layout() + "] → [" + target + "]";
    if (plan.hold() != null) {
      return pass.stepped(
          Outcome.BLOCKED,
          plan.hold().reason(),
          "want " + move + " (" + decision.message() + "), but " + plan.hold().message(),
          target,
          plan.hold().retryAt());
    }
    BotSet original = world.original();
    boolean toSibling = active == original;
    String standby = toSibling ? Sibling.of(original.name()) : original.name();
    if (toSibling ? world.sibling() != null : original.replicas() > 0) {
      return pass.stepped(
          Outcome.BLOCKED,
          Reason.BLUEGREEN_WAITING,
          "want " + move + ", but " + standby + " still runs or exists; it is cleaned up first",
          target,
          null);
    }
    pass.podSet(standby);
    Duration timeout =
        settings.rolloutTimeout() != null
            ? settings.rolloutTimeout()
            : RolloutTimeout.estimate(target, gateway.sessionStartLimit().maxConcurrency());
    String what =
        "standby set "
            + standby
            + " ["
            + target
            + "] beside "
            + active.name()
            + " (blue/green: "
            + decision.message()
            + "); "
            + active.name()
            + " keeps serving, the switch follows once every new pod is Ready (by "
            + now.plus(timeout)
            + ")";
    if (pass.dryRun()) {
      return pass.stepped(
          Outcome.DRY_RUN, Reason.BLUEGREEN_STARTED, "dry run, would start " + what, target, null);
    }
    ensureTimeToWrite(deadline);
    SwitchState starting = SwitchState.starting(active.name(), standby, target, now, timeout);
    writeSwitch(world, starting, deadline);
    // The planner's markers after a change, for the new set to carry once it serves; no rollout
    // marker: the standby's own deadline (the switch's timeout) watches its start.
    Markers carried = decision.markers().withRollout(null, null);
    Map<String, String> markers = new LinkedHashMap<>(carried.toAnnotations());
    if (toSibling) {
      JsonObject sibling = SiblingSet.from(original, standby, target, names, markers);
      guarded(
          "create the standby set",
          () -> fleet.createSet(original.snapshot().target().namespace(), sibling, deadline));
    } else {
      Map<String, String> changes =
          new LinkedHashMap<>(carried.changesFrom(original.snapshot().state().markers()));
      original.snapshot().state().unreadableMarkers().forEach(k -> changes.putIfAbsent(k, null));
      guarded(
          "scale up the standby set",
          () -> statefulSets.patch(original.snapshot(), target, changes, names, deadline));
    }
    String reason = pass.request().reason();
    event(
        world,
        false,
        "BlueGreenStarted",
        "Started "
            + what
            + (reason == null || reason.isBlank()
                ? ""
                : " (reason: " + ScaleFunction.printable(reason) + ")"),
        deadline);
    return pass.stepped(Outcome.SCALED, Reason.BLUEGREEN_STARTED, "started " + what, target, null);
  }

  // ---- the writing steps -------------------------------------------------------------------

  private ScaleResult write(Pass pass, World world, Step step, Instant now, Deadline deadline) {
    if (step instanceof Step.Adopt adopt) {
      String message =
          adopt.why()
              + ": the switch now names "
              + adopt.active().name()
              + " active (its pods, seeing no switch, were handling events already)";
      return apply(
          pass,
          Outcome.SCALED,
          Reason.BLUEGREEN_ADOPTED,
          message,
          adopt.active().layout(),
          deadline,
          () -> writeSwitch(world, SwitchState.steady(adopt.active().name(), now), deadline),
          () -> event(world, false, "BlueGreenAdopted", message, deadline));
    }
    if (step instanceof Step.Overlap overlap) {
      Instant alone = now.plus(settings.strategy().propagation());
      String message =
          overlap.to().name()
              + " is Ready ("
              + overlap.to().readiness()
              + "): both "
              + overlap.from().name()
              + " and "
              + overlap.to().name()
              + " handle events while every pod learns of the switch (an event may be seen"
              + " twice, none is missed); "
              + overlap.from().name()
              + " stands by from "
              + alone;
      return apply(
          pass,
          Outcome.SCALED,
          Reason.BLUEGREEN_OVERLAP,
          message,
          overlap.to().layout(),
          deadline,
          () -> updateSwitch(world, overlap.state().overlap(now), deadline),
          () -> event(world, false, "BlueGreenOverlap", message, deadline));
    }
    if (step instanceof Step.Switch change) {
      ShardCounts from = change.from().layout();
      String message =
          "resharded "
              + from.shards()
              + "→"
              + change.to().layout().shards()
              + ": "
              + change.to().name()
              + " ["
              + change.to().layout()
              + "] alone handles events; "
              + change.from().name()
              + " stands by, still connected, until "
              + now.plus(settings.strategy().grace())
              + ", then it is scaled to zero";
      return apply(
          pass,
          Outcome.SCALED,
          Reason.BLUEGREEN_SWITCHED,
          message,
          change.to().layout(),
          deadline,
          () -> updateSwitch(world, change.state().switched(now), deadline),
          () -> event(world, false, "BlueGreenSwitched", message, deadline));
    }
    if (step instanceof Step.Finish finish) {
      pass.current(finish.to().layout());
      pass.podSet(finish.to().name());
      BotSet old = finish.from();
      String message =
          finish.to().name()
              + " serves ["
              + finish.to().layout()
              + "]; "
              + old.name()
              + " is scaled to zero"
              + (old == world.original() ? " (kept, for the next reshard)" : ", then removed");
      return apply(
          pass,
          Outcome.SCALED,
          Reason.BLUEGREEN_DRAINED,
          message,
          finish.to().layout(),
          deadline,
          () -> {
            updateSwitch(world, finish.state().finished(now), deadline);
            if (old.replicas() > 0) {
              guarded("scale the old set to zero", () -> fleet.scaleSet(old, 0, deadline));
            }
          },
          () -> event(world, false, "BlueGreenDrained", message, deadline));
    }
    if (step instanceof Step.Drain drain) {
      String message =
          drain.why() + ": scaled to zero; " + drain.active().name() + " serves, Ready";
      return apply(
          pass,
          Outcome.SCALED,
          Reason.BLUEGREEN_DRAINED,
          message,
          drain.active().layout(),
          deadline,
          () ->
              guarded(
                  "scale a standing-by set to zero",
                  () -> fleet.scaleSet(drain.set(), 0, deadline)),
          () -> event(world, false, "BlueGreenDrained", message, deadline));
    }
    if (step instanceof Step.Remove remove) {
      String message =
          remove.set().name()
              + " runs no pods and is not active: removed; "
              + remove.active().name()
              + " serves";
      return apply(
          pass,
          Outcome.SCALED,
          Reason.BLUEGREEN_REMOVED,
          message,
          remove.active().layout(),
          deadline,
          () -> guarded("remove the old set", () -> fleet.deleteSet(remove.set(), deadline)),
          () -> event(world, false, "BlueGreenRemoved", message, deadline));
    }
    if (step instanceof Step.Rollback rollback) {
      return rollBack(pass, world, rollback, now, deadline);
    }
    throw new IllegalStateException("no executor for the step " + step);
  }

  private ScaleResult rollBack(
      Pass pass, World world, Step.Rollback rollback, Instant now, Deadline deadline) {
    BotSet from = rollback.from();
    BotSet to = rollback.to();
    Instant retry = now.plus(settings.minInterval());
    String message =
        rollback.why()
            + (to == world.original()
                ? ": it is scaled back to zero, and "
                : ": it is removed, and ")
            + from.name()
            + " ["
            + from.layout()
            + "] serves as before, untouched. Look at the pods of "
            + to.name()
            + " (kubectl describe pod "
            + to.name()
            + "-0 …); the next attempt waits SCALER_MIN_INTERVAL ("
            + DurationParser.format(settings.minInterval())
            + "), until "
            + retry;
    if (pass.dryRun()) {
      return pass.stepped(
          Outcome.DRY_RUN,
          Reason.STANDBY_NOT_READY,
          "dry run, would roll back: " + message,
          to.layout(),
          retry);
    }
    ensureTimeToWrite(deadline);
    // The switch first: should the pass die before the standby is removed, the next one finds a
    // set that is not active and drains it.
    updateSwitch(world, rollback.state().failed(now, rollback.why()), deadline);
    if (to == world.original()) {
      guarded("scale the standby set to zero", () -> fleet.scaleSet(to, 0, deadline));
    } else {
      guarded("remove the standby set", () -> fleet.deleteSet(to, deadline));
    }
    event(world, true, "StandbyNotReady", message, deadline);
    return pass.stepped(Outcome.FAILED, Reason.STANDBY_NOT_READY, message, to.layout(), retry);
  }

  private ScaleResult apply(
      Pass pass,
      Outcome outcome,
      Reason reason,
      String message,
      ShardCounts desired,
      Deadline deadline,
      Runnable writes,
      Runnable event) {
    if (pass.dryRun()) {
      return pass.stepped(
          Outcome.DRY_RUN, reason, "dry run, would apply: " + message, desired, null);
    }
    ensureTimeToWrite(deadline);
    pass.timeKubernetes(
        () -> {
          writes.run();
          return null;
        });
    event.run();
    return pass.stepped(outcome, reason, message, desired, null);
  }

  // ---- guarded writes ----------------------------------------------------------------------

  private void writeSwitch(World world, SwitchState state, Deadline deadline) {
    if (world.switchMap() == null) {
      JsonObject configMap = SwitchObject.configMap(world.original(), switchName(), state);
      guarded(
          "create the switch",
          () -> fleet.createSwitch(settings.target().namespace(), configMap, deadline));
    } else {
      updateSwitch(world, state, deadline);
    }
  }

  private void updateSwitch(World world, SwitchState state, Deadline deadline) {
    guarded(
        "update the switch", () -> fleet.updateSwitch(world.switchMap(), state.toData(), deadline));
  }

  /**
   * Runs one write. A conflict (the object changed, or exists already) makes the whole pass read
   * and decide again, once. An answer that was lost may hide a write that landed: the pass fails
   * saying so, and the next one resumes from what it finds, as it does after any interruption.
   */
  private static void guarded(String what, Runnable write) {
    try {
      write.run();
    } catch (KubernetesApiException e) {
      if (e.isConflict()) {
        throw new Changed(e);
      }
      if (e.status() == 0 || e.status() >= 500) {
        throw new KubernetesApiException(
            e.reason(),
            e.status(),
            e.getMessage()
                + " (trying to "
                + what
                + "); whether it landed, the next pass sees and resumes from there",
            true);
      }
      throw e;
    }
  }

  private void ensureTimeToWrite(Deadline deadline) {
    if (deadline.remaining().compareTo(settings.kubernetesTimeout().multipliedBy(2)) < 0) {
      throw deadline.exceeded(
          "deciding the blue/green step; too little time was left to write safely, so nothing"
              + " was changed");
    }
  }

  private void event(World world, boolean warning, String reason, String message, Deadline d) {
    Snapshot about = world.original().snapshot();
    statefulSets.recordEvent(about, warning, reason, message, d);
  }

  private String switchName() {
    return Sibling.switchOf(settings.target().statefulSet());
  }

  private static BotSet byName(World world, String name) {
    if (world.original().name().equals(name)) {
      return world.original();
    }
    return world.sibling() != null && world.sibling().name().equals(name) ? world.sibling() : null;
  }
}
