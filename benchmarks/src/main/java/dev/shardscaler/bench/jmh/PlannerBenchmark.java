package dev.shardscaler.bench.jmh;

import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.discord.SessionStartLimit;
import dev.shardscaler.core.plan.ClusterState;
import dev.shardscaler.core.plan.Decision;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.core.plan.Planner;
import dev.shardscaler.core.plan.Policy;
import dev.shardscaler.core.plan.Rollout;
import dev.shardscaler.core.plan.ShardCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Planner#plan} on representative states, with a policy parsed from the seed's environment.
 * Pure CPU: the decision, its message and the markers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PlannerBenchmark {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  /**
   * unchanged: 12 shards wanted and running; scaleUp: 12 → 16; scaleDownStabilizing: Discord at 8,
   * below the running 12 for an hour of the 24 h window; rolloutInProgress: 12 → 16 wanted during a
   * rollout; bigBot: 2,496 → 2,608 shards, max_concurrency 16, 16 per pod.
   */
  @Param({"unchanged", "scaleUp", "scaleDownStabilizing", "rolloutInProgress", "bigBot"})
  public String situation;

  private ClusterState state;
  private GatewayBot gateway;
  private Policy policy;

  @Setup
  public void setUp() {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", "MTA5.Gh.benchmark");
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_SCALEDOWN", "1");
    Markers none = Markers.NONE;
    Rollout finished = Rollout.finished(3);
    ShardCounts seed = new ShardCounts(12, 3, 4);
    switch (situation) {
      case "unchanged" -> set(seed, none, finished, 12, 1);
      case "scaleUp" -> set(seed, none, finished, 16, 1);
      case "scaleDownStabilizing" ->
          set(seed, Markers.NONE.withScaleDown(NOW.minus(Duration.ofHours(1)), 9), finished, 8, 1);
      case "rolloutInProgress" ->
          set(
              seed,
              none.withRolloutSince(NOW.minus(Duration.ofMinutes(5))),
              new Rollout(2, 2, "bot-rev1", "bot-rev2", 3, 3, 2, 1),
              16,
              1);
      case "bigBot" -> {
        env.put("K8S_SHARDS_PER_BOT", "16");
        set(new ShardCounts(2496, 156, 16), none, Rollout.finished(156), 2600, 16);
      }
      default -> throw new IllegalArgumentException(situation);
    }
    policy = Policy.of(Settings.fromEnv(env));
    // the budget must not be what blocks the big bot
    if (situation.equals("bigBot")) {
      gateway = new GatewayBot(2600, new SessionStartLimit(5000, 5000, Duration.ofHours(4), 16));
    }
  }

  private void set(
      ShardCounts current, Markers markers, Rollout rollout, int recommended, int concurrency) {
    state = new ClusterState(current, markers, rollout);
    gateway =
        new GatewayBot(
            recommended, new SessionStartLimit(1000, 1000, Duration.ofHours(4), concurrency));
  }

  @Benchmark
  public Decision plan() {
    return Planner.plan(state, gateway, policy, NOW);
  }
}
