package dev.shardscaler.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.discord.SessionStartLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  /** One row: state, Discord's answer, policy → expected kind, reason, target layout. */
  record Row(
      ClusterState state,
      GatewayBot gateway,
      Policy policy,
      Decision.Kind kind,
      Reason reason,
      ShardCounts target) {}

  static Policy policy() {
    return new Policy(
        null,
        4,
        true,
        false,
        1,
        null,
        1000,
        null,
        100,
        Duration.ofHours(24),
        Duration.ofHours(1),
        Duration.ofMinutes(30));
  }

  static Policy perBot(int shardsPerBot) {
    Policy p = policy();
    return new Policy(
        p.shardsOverride(),
        shardsPerBot,
        p.scaleUp(),
        p.scaleDown(),
        p.minShards(),
        p.maxShards(),
        p.guildsPerShard(),
        p.shardMultiple(),
        p.identifyReserve(),
        p.scaleDownWindow(),
        p.minInterval(),
        p.rolloutTimeout());
  }

  static Policy with(Policy p, boolean scaleUp, boolean scaleDown) {
    return new Policy(
        p.shardsOverride(),
        p.shardsPerBot(),
        scaleUp,
        scaleDown,
        p.minShards(),
        p.maxShards(),
        p.guildsPerShard(),
        p.shardMultiple(),
        p.identifyReserve(),
        p.scaleDownWindow(),
        p.minInterval(),
        p.rolloutTimeout());
  }

  static Policy bounds(Policy p, int min, Integer max, int guildsPerShard, Integer multiple) {
    return new Policy(
        p.shardsOverride(),
        p.shardsPerBot(),
        p.scaleUp(),
        p.scaleDown(),
        min,
        max,
        guildsPerShard,
        multiple,
        p.identifyReserve(),
        p.scaleDownWindow(),
        p.minInterval(),
        p.rolloutTimeout());
  }

  static Policy override(Policy p, int shards) {
    return new Policy(
        shards,
        p.shardsPerBot(),
        p.scaleUp(),
        p.scaleDown(),
        p.minShards(),
        p.maxShards(),
        p.guildsPerShard(),
        p.shardMultiple(),
        p.identifyReserve(),
        p.scaleDownWindow(),
        p.minInterval(),
        p.rolloutTimeout());
  }

  static GatewayBot discord(int shards) {
    return discord(shards, 1000, 1);
  }

  static GatewayBot discord(int shards, int remaining, int maxConcurrency) {
    return new GatewayBot(
        shards, new SessionStartLimit(1000, remaining, Duration.ofHours(4), maxConcurrency));
  }

  static ClusterState running(int shards, int perBot) {
    ShardCounts counts = ShardCounts.of(shards, perBot);
    return new ClusterState(counts, Markers.NONE, Rollout.finished(counts.replicas()));
  }

  static ClusterState running(int shards, int perBot, Markers markers) {
    ShardCounts counts = ShardCounts.of(shards, perBot);
    return new ClusterState(counts, markers, Rollout.finished(counts.replicas()));
  }

  static ClusterState rolling(int shards, int perBot, Instant since) {
    ShardCounts counts = ShardCounts.of(shards, perBot);
    return new ClusterState(
        counts,
        Markers.NONE.withRolloutSince(since),
        new Rollout(2, 2, "bot-1", "bot-2", counts.replicas(), counts.replicas(), 1, 1));
  }

  static Markers scaleDownSince(Duration ago, int peak) {
    return Markers.NONE.withScaleDown(NOW.minus(ago), peak);
  }

  static Arguments row(String name, Row row) {
    return Arguments.of(Named.of(name, row));
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "in sync: 12 shards, 4 per bot, Discord says 12",
            new Row(
                running(12, 4),
                discord(12),
                policy(),
                Decision.Kind.UNCHANGED,
                Reason.IN_SYNC,
                ShardCounts.of(12, 4))),
        row(
            "scale up 12 → 16 (4 per bot → 4 pods)",
            new Row(
                running(12, 4),
                discord(16),
                policy(),
                Decision.Kind.CHANGE,
                Reason.SCALED_UP,
                ShardCounts.of(16, 4))),
        row(
            "scale up refused by the switch (even though only SHARDS would change)",
            new Row(
                running(12, 4),
                discord(13),
                with(policy(), false, false),
                Decision.Kind.BLOCKED,
                Reason.SCALE_UP_DISABLED,
                ShardCounts.of(13, 4))),
        row(
            "scale down refused by the switch (default K8S_SCALEDOWN=0)",
            new Row(
                running(12, 4),
                discord(8),
                policy(),
                Decision.Kind.BLOCKED,
                Reason.SCALE_DOWN_DISABLED,
                ShardCounts.of(8, 4))),
        row(
            "scale down starts the stabilization window",
            new Row(
                running(12, 4),
                discord(8),
                with(policy(), true, true),
                Decision.Kind.BLOCKED,
                Reason.SCALE_DOWN_STABILIZING,
                ShardCounts.of(8, 4))),
        row(
            "scale down within the window keeps waiting, peak rises to 10",
            new Row(
                running(12, 4, scaleDownSince(Duration.ofHours(23), 9)),
                discord(10),
                with(policy(), true, true),
                Decision.Kind.BLOCKED,
                Reason.SCALE_DOWN_STABILIZING,
                ShardCounts.of(10, 4))),
        row(
            "scale down after the window goes to the peak, not the latest dip",
            new Row(
                running(12, 4, scaleDownSince(Duration.ofHours(25), 10)),
                discord(8),
                with(policy(), true, true),
                Decision.Kind.CHANGE,
                Reason.SCALED_DOWN,
                ShardCounts.of(10, 4))),
        row(
            "repack: same 12 shards, 6 per bot → 2 pods",
            new Row(
                running(12, 4),
                discord(12),
                perBot(6),
                Decision.Kind.CHANGE,
                Reason.REPACKED,
                ShardCounts.of(12, 6))),
        row(
            "replicas corrected: someone scaled the pods by hand",
            new Row(
                new ClusterState(new ShardCounts(12, 5, 4), Markers.NONE, Rollout.finished(5)),
                discord(12),
                policy(),
                Decision.Kind.CHANGE,
                Reason.REPLICAS_CORRECTED,
                ShardCounts.of(12, 4))),
        row(
            "initialize: the bot container has no SHARDS yet",
            new Row(
                new ClusterState(new ShardCounts(null, 1, null), Markers.NONE, Rollout.finished(1)),
                discord(3),
                perBot(1),
                Decision.Kind.CHANGE,
                Reason.INITIALIZED,
                ShardCounts.of(3, 1))),
        row(
            "identify budget: 16 + reserve 100 > 50 remaining",
            new Row(
                running(12, 4),
                discord(16, 50, 1),
                policy(),
                Decision.Kind.BLOCKED,
                Reason.IDENTIFY_BUDGET,
                ShardCounts.of(16, 4))),
        row(
            "identify budget exactly enough: 16 + 100 = 116 remaining",
            new Row(
                running(12, 4),
                discord(16, 116, 1),
                policy(),
                Decision.Kind.CHANGE,
                Reason.SCALED_UP,
                ShardCounts.of(16, 4))),
        row(
            "rollout in progress blocks a reshard",
            new Row(
                rolling(12, 4, NOW.minus(Duration.ofMinutes(5))),
                discord(16),
                policy(),
                Decision.Kind.BLOCKED,
                Reason.ROLLOUT_IN_PROGRESS,
                ShardCounts.of(16, 4))),
        row(
            "rollout unfinished past the timeout is stuck",
            new Row(
                rolling(12, 4, NOW.minus(Duration.ofMinutes(31))),
                discord(16),
                policy(),
                Decision.Kind.FAILED,
                Reason.ROLLOUT_STUCK,
                ShardCounts.of(12, 4))),
        row(
            "unready pods alone are not a rollout (crash-looping overfull shards)",
            new Row(
                new ClusterState(
                    ShardCounts.of(12, 4), Markers.NONE, new Rollout(3, 3, "r3", "r3", 3, 3, 0, 3)),
                discord(16),
                policy(),
                Decision.Kind.CHANGE,
                Reason.SCALED_UP,
                ShardCounts.of(16, 4))),
        row(
            "minimum interval since the last change",
            new Row(
                running(
                    12, 4, Markers.NONE.withLastChange(NOW.minus(Duration.ofMinutes(20)), "8→12")),
                discord(16),
                policy(),
                Decision.Kind.BLOCKED,
                Reason.MIN_INTERVAL,
                ShardCounts.of(16, 4))),
        row(
            "minimum interval passed",
            new Row(
                running(
                    12, 4, Markers.NONE.withLastChange(NOW.minus(Duration.ofMinutes(61)), "8→12")),
                discord(16),
                policy(),
                Decision.Kind.CHANGE,
                Reason.SCALED_UP,
                ShardCounts.of(16, 4))),
        row(
            "large bot: 167 recommended, max_concurrency 16 → 176",
            new Row(
                running(160, 16),
                discord(167, 2000, 16),
                perBot(16),
                Decision.Kind.CHANGE,
                Reason.SCALED_UP,
                ShardCounts.of(176, 16))),
        row(
            "explicit multiple 8: 13 → 16",
            new Row(
                running(12, 4),
                discord(13),
                bounds(policy(), 1, null, 1000, 8),
                Decision.Kind.CHANGE,
                Reason.SCALED_UP,
                ShardCounts.of(16, 4))),
        row(
            "headroom: 500 guilds per shard doubles 9 → 18",
            new Row(
                running(12, 4),
                discord(9),
                bounds(policy(), 1, null, 500, null),
                Decision.Kind.CHANGE,
                Reason.SCALED_UP,
                ShardCounts.of(18, 4))),
        row(
            "clamped to the maximum 14",
            new Row(
                running(12, 4),
                discord(20),
                bounds(policy(), 1, 14, 1000, null),
                Decision.Kind.CHANGE,
                Reason.SCALED_UP,
                ShardCounts.of(14, 4))),
        row(
            "maximum rounded down to the multiple: max 180, multiple 16 → 176",
            new Row(
                running(160, 16),
                discord(190, 2000, 16),
                bounds(perBot(16), 1, 180, 1000, null),
                Decision.Kind.CHANGE,
                Reason.SCALED_UP,
                ShardCounts.of(176, 16))),
        row(
            "raised to the minimum 12: Discord says 1",
            new Row(
                running(12, 4),
                discord(1),
                bounds(policy(), 12, null, 1000, null),
                Decision.Kind.UNCHANGED,
                Reason.IN_SYNC,
                ShardCounts.of(12, 4))),
        row(
            "request override of 24 shards",
            new Row(
                running(12, 4),
                discord(12),
                override(policy(), 24),
                Decision.Kind.CHANGE,
                Reason.SCALED_UP,
                ShardCounts.of(24, 4))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void plansEachRule(Row row) {
    Decision decision = Planner.plan(row.state(), row.gateway(), row.policy(), NOW);

    assertThat(decision.kind()).as(decision.message()).isEqualTo(row.kind());
    assertThat(decision.reason()).as(decision.message()).isEqualTo(row.reason());
    assertThat(decision.target()).isEqualTo(row.target());
    assertThat(decision.message()).isNotBlank();
  }
}
