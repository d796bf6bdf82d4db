package dev.shardscaler.core.plan;

import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.discord.SessionStartLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** States, answers and policies the planner tests are written with. */
final class PlanFixtures {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private PlanFixtures() {}

  /** The defaults of the settings with 4 shards per pod. */
  static Policy policy() {
    return Policy.defaults(4);
  }

  static Policy perBot(int shardsPerBot) {
    return Policy.defaults(shardsPerBot);
  }

  static Policy scaleDownOn() {
    return policy().withSwitches(true, true);
  }

  static GatewayBot discord(int shards) {
    return discord(shards, 1000, 1);
  }

  static GatewayBot discord(int shards, int remaining, int maxConcurrency) {
    return new GatewayBot(
        shards, new SessionStartLimit(1000, remaining, Duration.ofHours(4), maxConcurrency));
  }

  static ClusterState running(int shards, int perBot) {
    return running(shards, perBot, Markers.NONE);
  }

  static ClusterState running(int shards, int perBot, Markers markers) {
    ShardCounts counts = ShardCounts.of(shards, perBot);
    return new ClusterState(counts, markers, Rollout.finished(counts.replicas()));
  }

  static ClusterState layout(Integer shards, int replicas, Integer perBot) {
    return new ClusterState(
        new ShardCounts(shards, replicas, perBot), Markers.NONE, Rollout.finished(replicas));
  }

  static ClusterState rolling(int shards, int perBot, Instant since) {
    ShardCounts counts = ShardCounts.of(shards, perBot);
    return new ClusterState(
        counts,
        Markers.NONE.withRolloutSince(since),
        new Rollout(2, 2, "bot-1", "bot-2", counts.replicas(), counts.replicas(), 1, 1));
  }

  static ClusterState withMarkerProblems(ClusterState state, String problem, String key) {
    return new ClusterState(
        state.current(),
        state.markers(),
        state.rollout(),
        state.strategy(),
        state.paused(),
        List.of(problem),
        Set.of(key));
  }

  /** A window opened {@code ago}, last looked at ten minutes ago (by the previous pass). */
  static Markers scaleDownSince(Duration ago, int peak) {
    return Markers.NONE.withScaleDown(NOW.minus(ago), peak, NOW.minus(Duration.ofMinutes(10)));
  }

  static Markers lastChange(Duration ago) {
    return Markers.NONE.withLastChange(NOW.minus(ago), "8→12");
  }
}
