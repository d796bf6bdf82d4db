package dev.shardscaler.simulator.check;

import com.google.gson.JsonObject;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.discord.SessionStartLimit;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.simulator.cluster.StartState;
import dev.shardscaler.simulator.discord.Ledger;
import java.time.Duration;
import java.time.Instant;

/** Hand-made steps for the invariant tests: a set in sync, and what a pass could do to it. */
final class Steps {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final EnvNames NAMES = new EnvNames("SHARDS", "SHARDS_PER_BOT");

  /** Seed-like defaults: up on, down on, 24 h window, 1 h interval, reserve 100, cap 64. */
  static Rules rules() {
    return new Rules(
        "bot",
        NAMES,
        true,
        true,
        1,
        64,
        1000,
        null,
        100,
        Duration.ofHours(24),
        Duration.ofHours(1));
  }

  static Rules rules(boolean scaleUp, boolean scaleDown) {
    Rules r = rules();
    return new Rules(
        r.container(),
        r.envNames(),
        scaleUp,
        scaleDown,
        r.minShards(),
        r.maxShards(),
        r.guildsPerShard(),
        r.shardMultiple(),
        r.identifyReserve(),
        r.scaleDownWindow(),
        r.minInterval());
  }

  /** A converged set on generation {@code generation}. */
  static SetFacts facts(int shards, int perBot, long generation) {
    return new SetFacts(
        generation,
        generation,
        "bot-a",
        "bot-a",
        (shards + perBot - 1) / perBot,
        shards,
        perBot,
        StartState.ROLLING_UPDATE,
        0,
        false);
  }

  static SetFacts rolling(int shards, int perBot, long generation) {
    return new SetFacts(
        generation,
        generation,
        "bot-a",
        "bot-b",
        (shards + perBot - 1) / perBot,
        shards,
        perBot,
        StartState.ROLLING_UPDATE,
        0,
        false);
  }

  static GatewayBot discord(int shards, int remaining, int maxConcurrency) {
    return new GatewayBot(
        shards, new SessionStartLimit(1000, remaining, Duration.ZERO, maxConcurrency));
  }

  /** A pass at {@code at} that went from {@code before} to {@code after}. */
  static Step step(Instant at, SetFacts before, SetFacts after, GatewayBot discord) {
    return new Step(at, before, after, null, null, null, discord, after, null, Ledger.NONE);
  }

  static Step withRerun(Step step, SetFacts rerun) {
    return new Step(
        step.at(),
        step.before(),
        step.after(),
        step.beforeJson(),
        step.afterJson(),
        step.result(),
        step.discord(),
        rerun,
        step.rerunResult(),
        step.ledger());
  }

  static Step withLedger(Step step, Ledger ledger) {
    return new Step(
        step.at(),
        step.before(),
        step.after(),
        step.beforeJson(),
        step.afterJson(),
        step.result(),
        step.discord(),
        step.rerun(),
        step.rerunResult(),
        ledger);
  }

  static Step withJson(Step step, JsonObject before, JsonObject after) {
    return new Step(
        step.at(),
        step.before(),
        step.after(),
        before,
        after,
        step.result(),
        step.discord(),
        step.rerun(),
        step.rerunResult(),
        step.ledger());
  }

  static JsonObject json(int shards, int perBot) {
    return StartState.of(shards, perBot).toJson(new Target("discord", "bot", "bot"), NAMES, T0);
  }

  private Steps() {}
}
