package dev.shardscaler.core;

import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.plan.Assignment;
import dev.shardscaler.core.plan.Decision;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.core.plan.ShardOverride;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** What one pass has learned so far, and how long each side took: the makings of its result. */
final class Pass {
  private final ScaleRequest request;
  private final Target target;
  private final boolean dryRun;
  private final Clock clock;
  private final Instant startedAt;
  private final long startedNanos = System.nanoTime();
  private long kubernetesNanos;
  private long discordNanos;
  private ShardCounts current;
  private ScaleResult.Recommendation recommendation;
  private final List<String> notes = new ArrayList<>();
  private String podSet;

  Pass(ScaleRequest request, Settings settings, Clock clock) {
    this.request = request;
    this.target = settings.target();
    this.dryRun = request.dryRun() != null ? request.dryRun() : settings.dryRun();
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  ScaleRequest request() {
    return request;
  }

  Target target() {
    return target;
  }

  boolean dryRun() {
    return dryRun;
  }

  /** A warning of the pass itself (beside the planner's), shown in the result. */
  void note(String warning) {
    notes.add(warning);
  }

  void current(ShardCounts counts) {
    this.current = counts;
  }

  /** The StatefulSet whose pods the assignment table names (blue/green: the set they run in). */
  void podSet(String statefulSet) {
    this.podSet = statefulSet;
  }

  void recommendation(GatewayBot gateway) {
    var limit = gateway.sessionStartLimit();
    Instant resetsAt = clock.instant().plus(limit.resetAfter());
    this.recommendation =
        new ScaleResult.Recommendation(
            gateway.shards(),
            new ScaleResult.SessionStartLimit(
                limit.total(),
                limit.remaining(),
                limit.resetAfter().toMillis(),
                resetsAt.toString(),
                limit.maxConcurrency()));
  }

  <T> T timeKubernetes(Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return call.get();
    } finally {
      kubernetesNanos += System.nanoTime() - start;
    }
  }

  <T> T timeDiscord(Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return call.get();
    } finally {
      discordNanos += System.nanoTime() - start;
    }
  }

  ScaleResult decided(Decision decision) {
    Outcome outcome =
        switch (decision.kind()) {
          case CHANGE -> dryRun ? Outcome.DRY_RUN : Outcome.SCALED;
          case UNCHANGED -> Outcome.UNCHANGED;
          case BLOCKED -> Outcome.BLOCKED;
          case FAILED -> Outcome.FAILED;
        };
    String message =
        dryRun && decision.isChange()
            ? "dry run, would apply " + decision.message()
            : decision.message();
    List<String> warnings = new ArrayList<>(decision.warnings());
    warnings.addAll(notes);
    return result(
        outcome,
        decision.reason(),
        message,
        decision.target(),
        decision.retryAt(),
        view(decision.override()),
        warnings);
  }

  ScaleResult failed(Reason reason, String message, Instant retryAt) {
    return result(Outcome.FAILED, reason, message, null, retryAt, null, notes);
  }

  /** The result of a step that is not the planner's (a blue/green step). */
  ScaleResult stepped(
      Outcome outcome, Reason reason, String message, ShardCounts desired, Instant retryAt) {
    return result(outcome, reason, message, desired, retryAt, null, notes);
  }

  private static ScaleResult.OverrideView view(ShardOverride override) {
    return override == null
        ? null
        : new ScaleResult.OverrideView(
            override.shards(),
            override.shardsPerBot(),
            override.until().toString(),
            override.reason());
  }

  private ScaleResult result(
      Outcome outcome,
      Reason reason,
      String message,
      ShardCounts desired,
      Instant retryAt,
      ScaleResult.OverrideView override,
      List<String> warnings) {
    ShardCounts table = desired != null ? desired : current;
    List<Assignment> assignments =
        table == null
            ? List.of()
            : Assignment.table(podSet != null ? podSet : target.statefulSet(), table);
    int omitted = table == null ? 0 : Assignment.podsWithShards(table) - assignments.size();
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
        omitted > 0 ? omitted : null,
        retryAt == null ? null : retryAt.toString(),
        warnings.isEmpty() ? null : List.copyOf(warnings),
        request.reason(),
        startedAt.toString(),
        new ScaleResult.Timings(
            kubernetesNanos / 1_000_000,
            discordNanos / 1_000_000,
            (System.nanoTime() - startedNanos) / 1_000_000));
  }
}
