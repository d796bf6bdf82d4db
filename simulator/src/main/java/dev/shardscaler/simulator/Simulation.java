package dev.shardscaler.simulator;

import com.google.gson.JsonObject;
import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.discord.DiscordGateway;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.simulator.check.Invariants;
import dev.shardscaler.simulator.check.Invariants.Violation;
import dev.shardscaler.simulator.check.Rules;
import dev.shardscaler.simulator.check.SetFacts;
import dev.shardscaler.simulator.check.Step;
import dev.shardscaler.simulator.cluster.InMemoryStatefulSets;
import dev.shardscaler.simulator.cluster.InMemoryStatefulSets.RecordedEvent;
import dev.shardscaler.simulator.cluster.Pods;
import dev.shardscaler.simulator.cluster.StatefulSetController;
import dev.shardscaler.simulator.discord.Ledger;
import dev.shardscaler.simulator.discord.SimulatedDiscord;
import dev.shardscaler.simulator.history.GuildHistory;
import dev.shardscaler.simulator.report.Report;
import dev.shardscaler.simulator.report.Row;
import dev.shardscaler.simulator.report.Tally;
import dev.shardscaler.simulator.report.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Replays a guild history through a scaler — the real {@link ScaleFunction} — pass after pass, with
 * Discord, the StatefulSet with its controller, and the clock simulated; checks the invariants
 * after every pass and writes the timeline.
 */
public final class Simulation {
  /** The id under which a pass that threw is reported (the run stops there). */
  static final String PASS_THREW = "pass-never-throws";

  /** Builds the scaler under test from its ports; the real one is {@code ScaleFunction::new}. */
  @FunctionalInterface
  public interface Scaler {
    Function<ScaleRequest, ScaleResult> create(
        Settings settings, DiscordGateway discord, StatefulSets statefulSets, Clock clock);
  }

  private final Setup setup;
  private final Scaler scaler;
  private final Settings settings;
  private final Rules rules;
  private final GuildHistory history;
  private final SimClock clock;
  private final SimulatedDiscord discord;
  private final InMemoryStatefulSets statefulSet;
  private final StatefulSetController controller;
  private final Function<ScaleRequest, ScaleResult> function;
  private final Invariants invariants;
  private final Tally tally = new Tally();
  private Instant accountedTo;

  private Simulation(Setup setup, Scaler scaler) {
    this.setup = setup;
    this.scaler = scaler;
    this.settings = setup.settings();
    this.rules = Rules.of(settings);
    this.history = setup.history();
    this.clock = new SimClock(history.start());
    this.discord = new SimulatedDiscord(history, clock);
    EnvNames names = rules.envNames();
    this.statefulSet =
        new InMemoryStatefulSets(
            settings.target(), setup.start().toJson(settings.target(), names, history.start()));
    this.controller =
        new StatefulSetController(
            statefulSet, discord, settings.target().container(), names, setup.podStart());
    this.function = scaler.create(settings, discord, statefulSet, clock);
    this.invariants = new Invariants(rules);
  }

  /** Runs the real scaler over the setup's history. */
  public static Report run(Setup setup, Timeline timeline) {
    return run(setup, timeline, ScaleFunction::new);
  }

  public static Report run(Setup setup, Timeline timeline, Scaler scaler) {
    try (QuietLogs quiet = QuietLogs.during()) {
      return new Simulation(setup, scaler).simulate(timeline);
    }
  }

  private Report simulate(Timeline timeline) {
    Instant start = history.start();
    Instant end = history.end();
    controller.start(start);
    accountedTo = start;
    for (Instant at = start; at.isBefore(end); at = at.plus(setup.interval())) {
      advanceTo(at);
      clock.set(at);
      int writes = statefulSet.writes();
      int events = statefulSet.events().size();
      Pods fleet = controller.pods();
      int pods = fleet.existing();
      int ready = fleet.ready();
      String running = fleet.describe();
      Step step;
      try {
        step = pass(at);
      } catch (RuntimeException e) {
        tally.abort(at, PASS_THREW, "the pass threw " + e);
        break;
      }
      List<Violation> broken = invariants.check(step);
      int guilds = history.guilds(at);
      tally.pass(step, guilds, broken);
      timeline.write(row(step, guilds, pods, ready, running, events(events), broken));
      if (statefulSet.writes() != writes) {
        controller.sync(at);
      }
    }
    advanceTo(end);
    SetFacts last = SetFacts.of(statefulSet.current(), rules);
    Step closing =
        new Step(end, last, last, null, null, null, null, null, null, discord.takeLedger());
    tally.violations(end, invariants.check(closing));
    return tally.report(
        history.description(),
        setup.start().describe(),
        setup.describeSettings(),
        setup.interval(),
        statefulSet.writes(),
        discord.identifiesSpent(),
        discord.lowestRemaining(),
        discord.lowestRemainingAt(),
        controller.rollouts(),
        controller.longestRollout(),
        controller.longestRolloutFrom(),
        controller.rolloutSince(),
        invariants.all().size());
  }

  /** One scheduled pass, and what it left observable. */
  private Step pass(Instant at) {
    JsonObject beforeJson = statefulSet.current();
    SetFacts before = SetFacts.of(beforeJson, rules);
    int writes = statefulSet.writes();
    discord.forgetAnswer();
    ScaleResult result = function.apply(ScaleRequest.scheduled());
    GatewayBot answer = discord.lastAnswer();
    boolean wrote = statefulSet.writes() != writes;
    JsonObject afterJson = statefulSet.current();
    SetFacts after = wrote ? SetFacts.of(afterJson, rules) : before;
    SetFacts rerun = null;
    ScaleResult rerunResult = null;
    if (after.changedFrom(before)) {
      // The same pass again at once, on a copy: its writes must not steer the run.
      InMemoryStatefulSets copy = statefulSet.copy();
      rerunResult = scaler.create(settings, discord, copy, clock).apply(ScaleRequest.scheduled());
      rerun = SetFacts.of(copy.current(), rules);
    }
    Ledger ledger = discord.takeLedger();
    return new Step(
        at,
        before,
        after,
        wrote ? beforeJson : null,
        wrote ? afterJson : null,
        result,
        answer,
        rerun,
        rerunResult,
        ledger);
  }

  /** Lets the pods and the controller run until {@code at}, timing the fleet's states. */
  private void advanceTo(Instant at) {
    Instant next;
    while ((next = controller.nextEvent()) != null && !next.isAfter(at)) {
      account(next);
      controller.advance(next);
    }
    account(at);
  }

  private void account(Instant to) {
    long millis = to.toEpochMilli() - accountedTo.toEpochMilli();
    if (millis > 0) {
      Pods pods = controller.pods();
      tally.stretch(
          millis,
          history.guilds(accountedTo),
          pods.lowestTotal(),
          pods.split(),
          pods.runsNonMultipleOf(history.maxConcurrency(accountedTo)));
      accountedTo = to;
    }
  }

  private String events(int from) {
    List<RecordedEvent> all = statefulSet.events();
    if (all.size() == from) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (RecordedEvent event : all.subList(from, all.size())) {
      // Messages of the scaler's Events mostly start with their reason ("Resharded 12→16 …").
      text.append(text.isEmpty() ? "" : "; ")
          .append(event.warning() ? "Warning " : "")
          .append(
              event.message().startsWith(event.reason())
                  ? event.message()
                  : event.reason() + ": " + event.message());
    }
    return text.toString();
  }

  private static Row row(
      Step step,
      int guilds,
      int pods,
      int ready,
      String fleet,
      String event,
      List<Violation> broken) {
    ScaleResult result = step.result();
    GatewayBot answer = step.discord();
    ShardCounts current = result.current();
    ShardCounts desired = result.desired();
    StringBuilder ids = new StringBuilder();
    broken.forEach(v -> ids.append(ids.isEmpty() ? "" : " ").append(v.invariant()));
    return new Row(
        step.at(),
        guilds,
        answer == null ? null : answer.shards(),
        answer == null ? null : answer.sessionStartLimit().maxConcurrency(),
        answer == null ? null : answer.sessionStartLimit().remaining(),
        answer == null ? null : answer.sessionStartLimit().total(),
        result.outcome().name(),
        result.reason().name(),
        current == null ? null : current.shards(),
        current == null ? null : current.replicas(),
        current == null ? null : current.shardsPerBot(),
        desired == null ? null : desired.shards(),
        desired == null ? null : desired.replicas(),
        desired == null ? null : desired.shardsPerBot(),
        pods,
        ready,
        step.before().rolloutInProgress(),
        fleet,
        event,
        ids.isEmpty() ? null : ids.toString(),
        result.outcome() == Outcome.UNCHANGED ? null : result.message());
  }
}
