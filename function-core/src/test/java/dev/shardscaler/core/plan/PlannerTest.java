package dev.shardscaler.core.plan;

import static dev.shardscaler.core.plan.PlanFixtures.NOW;
import static dev.shardscaler.core.plan.PlanFixtures.discord;
import static dev.shardscaler.core.plan.PlanFixtures.lastChange;
import static dev.shardscaler.core.plan.PlanFixtures.layout;
import static dev.shardscaler.core.plan.PlanFixtures.perBot;
import static dev.shardscaler.core.plan.PlanFixtures.policy;
import static dev.shardscaler.core.plan.PlanFixtures.rolling;
import static dev.shardscaler.core.plan.PlanFixtures.running;
import static dev.shardscaler.core.plan.PlanFixtures.scaleDownOn;
import static dev.shardscaler.core.plan.PlanFixtures.scaleDownSince;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.discord.GatewayBot;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule: state, Discord's answer, policy, request → kind, reason, target layout. */
class PlannerTest {

  record Row(
      ClusterState state,
      GatewayBot gateway,
      Policy policy,
      OverrideRequest ask,
      Decision.Kind kind,
      Reason reason,
      ShardCounts target) {}

  static Arguments row(
      String name,
      ClusterState state,
      GatewayBot gateway,
      Policy policy,
      Decision.Kind kind,
      Reason reason,
      ShardCounts target) {
    return row(name, state, gateway, policy, OverrideRequest.NONE, kind, reason, target);
  }

  static Arguments row(
      String name,
      ClusterState state,
      GatewayBot gateway,
      Policy policy,
      OverrideRequest ask,
      Decision.Kind kind,
      Reason reason,
      ShardCounts target) {
    return Arguments.of(Named.of(name, new Row(state, gateway, policy, ask, kind, reason, target)));
  }

  static final Decision.Kind CHANGE = Decision.Kind.CHANGE;
  static final Decision.Kind UNCHANGED = Decision.Kind.UNCHANGED;
  static final Decision.Kind BLOCKED = Decision.Kind.BLOCKED;
  static final Decision.Kind FAILED = Decision.Kind.FAILED;

  static ShardCounts of(int shards, int perBot) {
    return ShardCounts.of(shards, perBot);
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "in sync: 12 shards, 4 per pod, Discord says 12",
            running(12, 4),
            discord(12),
            policy(),
            UNCHANGED,
            Reason.IN_SYNC,
            of(12, 4)),
        row(
            "scale up 12 → 16",
            running(12, 4),
            discord(16),
            policy(),
            CHANGE,
            Reason.SCALED_UP,
            of(16, 4)),
        row(
            "scale up refused by the switch (even though only SHARDS would change)",
            running(12, 4),
            discord(13),
            policy().withSwitches(false, false),
            BLOCKED,
            Reason.SCALE_UP_DISABLED,
            of(13, 4)),
        row(
            "scale down refused by the switch (default K8S_SCALEDOWN=0)",
            running(12, 4),
            discord(8),
            policy(),
            BLOCKED,
            Reason.SCALE_DOWN_DISABLED,
            of(8, 4)),
        row(
            "scale down starts the stabilization window",
            running(12, 4),
            discord(8),
            scaleDownOn(),
            BLOCKED,
            Reason.SCALE_DOWN_STABILIZING,
            of(8, 4)),
        row(
            "scale down within the window keeps waiting, peak rises to 10",
            running(12, 4, scaleDownSince(Duration.ofHours(23), 9)),
            discord(10),
            scaleDownOn(),
            BLOCKED,
            Reason.SCALE_DOWN_STABILIZING,
            of(10, 4)),
        row(
            "scale down after the window goes to the peak, not the latest dip",
            running(12, 4, scaleDownSince(Duration.ofHours(25), 10)),
            discord(8),
            scaleDownOn(),
            CHANGE,
            Reason.SCALED_DOWN,
            of(10, 4)),
        row(
            "#3 the peak goes through today's multiple: max_concurrency jumped to 16, the peak 35"
                + " now needs 48 ≥ 48: no scale-down, the window starts again",
            running(48, 4, scaleDownSince(Duration.ofHours(25), 35)),
            discord(30, 1000, 16),
            scaleDownOn(),
            BLOCKED,
            Reason.SCALE_DOWN_STABILIZING,
            of(32, 4)),
        row(
            "#3 the peak goes through today's multiple: peak 20 at max_concurrency 16 → 32, not 20"
                + " (which Discord would close with 4010)",
            running(48, 4, scaleDownSince(Duration.ofHours(25), 20)),
            discord(18, 1000, 16),
            scaleDownOn(),
            CHANGE,
            Reason.SCALED_DOWN,
            of(32, 4)),
        row(
            "#3 the peak goes through today's cap: lowered to 9, the peak 10 becomes 9",
            running(12, 4, scaleDownSince(Duration.ofHours(25), 10)),
            discord(8),
            scaleDownOn().withBounds(1, 9, 1000, null),
            CHANGE,
            Reason.SCALED_DOWN,
            of(9, 4)),
        row(
            "#3 a hand edit below the peak is no scale-down to the peak: never above the current"
                + " count",
            running(8, 4, scaleDownSince(Duration.ofHours(25), 10)),
            discord(6),
            scaleDownOn().withSwitches(false, true),
            BLOCKED,
            Reason.SCALE_DOWN_STABILIZING,
            of(6, 4)),
        row(
            "running 162 when max_concurrency rose to 16: Discord refuses it; corrected at once"
                + " upwards to the peak's count (176), no window",
            running(162, 16, scaleDownSince(Duration.ofHours(2), 161)),
            discord(160, 5000, 16),
            perBot(16).withSwitches(true, true),
            CHANGE,
            Reason.SCALED_UP,
            of(176, 16)),
        row(
            "running 170 at max_concurrency 16, recommendation 160, no window yet: down to 160 now",
            running(170, 16),
            discord(160, 5000, 16),
            perBot(16).withSwitches(true, true),
            CHANGE,
            Reason.SCALED_DOWN,
            of(160, 16)),
        row(
            "a cap below what Discord requires (40 recommended: at least 16) never"
                + " shrinks the bot into 4011: no count fits",
            running(40, 4),
            discord(40),
            scaleDownOn().withBounds(1, 10, 1000, null),
            FAILED,
            Reason.NO_VALID_COUNT,
            of(40, 4)),
        row(
            "pods still being created (a bot just scaled up from 0) are a rollout",
            new ClusterState(of(16, 4), Markers.NONE, new Rollout(7, 7, "r", "r", 4, 1, 0, 1)),
            discord(24),
            policy(),
            BLOCKED,
            Reason.ROLLOUT_IN_PROGRESS,
            of(24, 4)),
        row(
            "a count above a lowered cap goes down to the cap at once (scale-down on)",
            running(20, 4),
            discord(18),
            scaleDownOn().withBounds(1, 16, 1000, null),
            CHANGE,
            Reason.SCALED_DOWN,
            of(16, 4)),
        row(
            "repack: same 12 shards, 6 per pod → 2 pods",
            running(12, 4),
            discord(12),
            perBot(6),
            CHANGE,
            Reason.REPACKED,
            of(12, 6)),
        row(
            "replicas corrected: someone scaled the pods by hand",
            layout(12, 5, 4),
            discord(12),
            policy(),
            CHANGE,
            Reason.REPLICAS_CORRECTED,
            of(12, 4)),
        row(
            "initialize: the bot container has no SHARDS yet",
            layout(null, 1, null),
            discord(3),
            perBot(1),
            CHANGE,
            Reason.INITIALIZED,
            of(3, 1)),
        row(
            "#2 SHARDS known, SHARDS_PER_BOT missing, K8S_SCALEDOWN=0, Discord says 8: blocked",
            layout(16, 4, null),
            discord(8),
            policy(),
            BLOCKED,
            Reason.SCALE_DOWN_DISABLED,
            of(8, 4)),
        row(
            "#2 SHARDS known, SHARDS_PER_BOT missing, in sync otherwise: the variable is filled"
                + " in as a repack",
            layout(16, 4, null),
            discord(16),
            policy(),
            CHANGE,
            Reason.REPACKED,
            of(16, 4)),
        row(
            "#2 SHARDS known, SHARDS_PER_BOT missing, scale up: the guards apply as to any change",
            layout(16, 4, null),
            discord(20, 50, 1),
            policy(),
            BLOCKED,
            Reason.IDENTIFY_BUDGET,
            of(20, 4)),
        row(
            "identify budget: 16 + reserve 100 > 50 remaining",
            running(12, 4),
            discord(16, 50, 1),
            policy(),
            BLOCKED,
            Reason.IDENTIFY_BUDGET,
            of(16, 4)),
        row(
            "identify budget exactly enough: 16 + 100 = 116 remaining",
            running(12, 4),
            discord(16, 116, 1),
            policy(),
            CHANGE,
            Reason.SCALED_UP,
            of(16, 4)),
        row(
            "rollout in progress blocks a reshard",
            rolling(12, 4, NOW.minus(Duration.ofMinutes(5))),
            discord(16),
            policy(),
            BLOCKED,
            Reason.ROLLOUT_IN_PROGRESS,
            of(16, 4)),
        row(
            "rollout unfinished past the derived timeout (30m for a small bot) is stuck",
            rolling(12, 4, NOW.minus(Duration.ofMinutes(31))),
            discord(16),
            policy(),
            FAILED,
            Reason.ROLLOUT_STUCK,
            of(12, 4)),
        row(
            "#14 a 200-pod bot's rollout at 2 h is not stuck: the timeout grows with the fleet",
            rolling(800, 4, NOW.minus(Duration.ofHours(2))),
            discord(800),
            policy(),
            UNCHANGED,
            Reason.IN_SYNC,
            of(800, 4)),
        row(
            "#14 an explicit SCALER_ROLLOUT_TIMEOUT wins over the derived one",
            rolling(800, 4, NOW.minus(Duration.ofHours(2))),
            discord(800),
            policy().withTimes(Duration.ofHours(24), Duration.ofHours(1), Duration.ofHours(1)),
            FAILED,
            Reason.ROLLOUT_STUCK,
            of(800, 4)),
        row(
            "unready pods alone are not a rollout (crash-looping overfull shards)",
            new ClusterState(of(12, 4), Markers.NONE, new Rollout(3, 3, "r3", "r3", 3, 3, 0, 3)),
            discord(16),
            policy(),
            CHANGE,
            Reason.SCALED_UP,
            of(16, 4)),
        row(
            "pods still going back to the revision after a rollout undone half-way",
            new ClusterState(of(12, 4), Markers.NONE, new Rollout(9, 9, "r9", "r9", 3, 3, 2, 1)),
            discord(16),
            policy(),
            BLOCKED,
            Reason.ROLLOUT_IN_PROGRESS,
            of(16, 4)),
        row(
            "minimum interval since the last change",
            running(12, 4, lastChange(Duration.ofMinutes(20))),
            discord(16),
            policy(),
            BLOCKED,
            Reason.MIN_INTERVAL,
            of(16, 4)),
        row(
            "minimum interval passed",
            running(12, 4, lastChange(Duration.ofMinutes(61))),
            discord(16),
            policy(),
            CHANGE,
            Reason.SCALED_UP,
            of(16, 4)),
        row(
            "#7 a last change dated in the future beyond the skew is ignored, never a block",
            running(12, 4, lastChange(Duration.ofDays(-30))),
            discord(16),
            policy(),
            CHANGE,
            Reason.SCALED_UP,
            of(16, 4)),
        row(
            "#7 a last change a little ahead (clock skew within 5 minutes) still counts",
            running(12, 4, lastChange(Duration.ofMinutes(-3))),
            discord(16),
            policy(),
            BLOCKED,
            Reason.MIN_INTERVAL,
            of(16, 4)),
        row(
            "large bot: 167 recommended, max_concurrency 16 → 176",
            running(160, 16),
            discord(167, 2000, 16),
            perBot(16),
            CHANGE,
            Reason.SCALED_UP,
            of(176, 16)),
        row(
            "explicit multiple 8: 13 → 16",
            running(12, 4),
            discord(13),
            policy().withBounds(1, null, 1000, 8),
            CHANGE,
            Reason.SCALED_UP,
            of(16, 4)),
        row(
            "#6 explicit multiple 10 with max_concurrency 16: multiple of both (80)",
            running(80, 16),
            discord(90, 2000, 16),
            perBot(16).withBounds(1, null, 1000, 10),
            CHANGE,
            Reason.SCALED_UP,
            of(160, 16)),
        row(
            "headroom: 500 guilds per shard doubles 9 → 18",
            running(12, 4),
            discord(9),
            policy().withBounds(1, null, 500, null),
            CHANGE,
            Reason.SCALED_UP,
            of(18, 4)),
        row(
            "clamped to the maximum 14",
            running(12, 4),
            discord(20),
            policy().withBounds(1, 14, 1000, null),
            CHANGE,
            Reason.SCALED_UP,
            of(14, 4)),
        row(
            "maximum rounded down to the multiple: max 180, multiple 16 → 176",
            running(160, 16),
            discord(190, 2000, 16),
            perBot(16).withBounds(1, 180, 1000, null),
            CHANGE,
            Reason.SCALED_UP,
            of(176, 16)),
        row(
            "#6 SCALER_MAX_SHARDS=10 with a required multiple of 16: no count fits, no change",
            running(8, 4),
            discord(9, 1000, 16),
            policy().withBounds(1, 10, 1000, null),
            FAILED,
            Reason.NO_VALID_COUNT,
            of(8, 4)),
        row(
            "raised to the minimum 12: Discord says 1",
            running(12, 4),
            discord(1),
            policy().withBounds(12, null, 1000, null),
            UNCHANGED,
            Reason.IN_SYNC,
            of(12, 4)),
        row(
            "an override of 24 shards",
            running(12, 4),
            discord(12),
            policy(),
            OverrideRequest.shards(24),
            CHANGE,
            Reason.SCALED_UP,
            of(24, 4)),
        row(
            "an override below Discord's hard limit (2500 guilds/shard) is raised to it",
            running(40, 4),
            discord(40),
            scaleDownOn(),
            OverrideRequest.shards(4),
            CHANGE,
            Reason.SCALED_DOWN,
            of(16, 4)),
        row(
            "an override down needs no window, but the switch still holds it",
            running(40, 4),
            discord(40),
            policy(),
            OverrideRequest.shards(20),
            BLOCKED,
            Reason.SCALE_DOWN_DISABLED,
            of(20, 4)),
        row(
            "a shards-per-pod override repacks",
            running(12, 4),
            discord(12),
            policy(),
            OverrideRequest.shardsPerBot(6),
            CHANGE,
            Reason.REPACKED,
            of(12, 6)),
        row(
            "#1 OnDelete: never resharded, a hold of its own",
            running(12, 4).withStrategy(new UpdateStrategy("OnDelete", 0, "OrderedReady")),
            discord(16),
            policy(),
            BLOCKED,
            Reason.UPDATE_STRATEGY,
            of(16, 4)),
        row(
            "#1 RollingUpdate with a partition: never resharded",
            running(12, 4).withStrategy(new UpdateStrategy("RollingUpdate", 2, "Parallel")),
            discord(16),
            policy(),
            BLOCKED,
            Reason.UPDATE_STRATEGY,
            of(16, 4)),
        row(
            "#1 OnDelete with revisions that never converge: no false ROLLOUT_STUCK",
            rolling(12, 4, NOW.minus(Duration.ofDays(3)))
                .withStrategy(new UpdateStrategy("OnDelete", 0, "OrderedReady")),
            discord(12),
            policy(),
            BLOCKED,
            Reason.UPDATE_STRATEGY,
            of(12, 4)),
        row(
            "#5 0 replicas: a stopped bot is never woken",
            layout(12, 0, 4),
            discord(16),
            policy(),
            BLOCKED,
            Reason.STOPPED,
            of(16, 4)),
        row(
            "#5 the pause annotation holds the scaler",
            running(12, 4).withPaused("true"),
            discord(16),
            policy(),
            BLOCKED,
            Reason.PAUSED,
            of(16, 4)),
        row(
            "#5 paused=false does not hold",
            running(12, 4).withPaused("false"),
            discord(16),
            policy(),
            CHANGE,
            Reason.SCALED_UP,
            of(16, 4)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void plansEachRule(Row row) {
    Decision decision = Planner.plan(row.state(), row.gateway(), row.policy(), row.ask(), NOW);

    assertThat(decision.kind()).as(decision.message()).isEqualTo(row.kind());
    assertThat(decision.reason()).as(decision.message()).isEqualTo(row.reason());
    assertThat(decision.target()).as(decision.message()).isEqualTo(row.target());
    assertThat(decision.message()).isNotBlank();
  }
}
