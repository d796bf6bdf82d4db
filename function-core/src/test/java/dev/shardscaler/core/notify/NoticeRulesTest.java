package dev.shardscaler.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.plan.Assignment;
import dev.shardscaler.core.plan.ShardCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When a pass is worth a message: one row per rule. */
class NoticeRulesTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final NotifySettings SETTINGS =
      new NotifySettings(
          null, null, Duration.ofSeconds(3), Duration.ofHours(1), Duration.ofHours(24), "d", "m");

  static ScaleResult result(Outcome outcome, Reason reason) {
    ShardCounts from = ShardCounts.of(12, 4);
    ShardCounts to = ShardCounts.of(16, 4);
    boolean scaled = outcome == Outcome.SCALED;
    return new ScaleResult(
        outcome,
        reason,
        "the pass's message",
        false,
        new Target("discord", "bot", "bot"),
        null,
        from,
        scaled ? to : null,
        null,
        Assignment.table("bot", scaled ? to : from),
        null,
        null,
        null,
        "scheduled",
        NOW.toString(),
        new ScaleResult.Timings(1, 1, 2));
  }

  static Memory.Condition condition(String state, Duration ago, Duration toldAgo, int passes) {
    return new Memory.Condition(
        state,
        NOW.minus(ago).toString(),
        toldAgo == null ? null : NOW.minus(toldAgo).toString(),
        passes);
  }

  static Stream<Arguments> rules() {
    Duration m10 = Duration.ofMinutes(10);
    return Stream.of(
        Arguments.of("a quiet pass", null, Outcome.UNCHANGED, Reason.IN_SYNC, List.of(), null),
        Arguments.of(
            "a reshard",
            null,
            Outcome.SCALED,
            Reason.SCALED_UP,
            List.of("RESHARDED bot scaled up: 12 → 16 shards, 3 → 4 pods"),
            null),
        Arguments.of(
            "a blue/green reshard is told when its new set starts",
            null,
            Outcome.SCALED,
            Reason.BLUEGREEN_STARTED,
            List.of("RESHARDED bot resharding blue/green: 12 → 16 shards, 3 → 4 pods"),
            null),
        Arguments.of(
            "and not again at each later step",
            null,
            Outcome.SCALED,
            Reason.BLUEGREEN_SWITCHED,
            List.of(),
            null),
        Arguments.of(
            "a dry run that would reshard",
            null,
            Outcome.DRY_RUN,
            Reason.SCALED_UP,
            List.of(),
            null),
        Arguments.of(
            "a first failure is told at once",
            null,
            Outcome.FAILED,
            Reason.DISCORD_UNAVAILABLE,
            List.of("FAILED bot: the pass failed (DISCORD_UNAVAILABLE)"),
            "FAILED DISCORD_UNAVAILABLE told 1"),
        Arguments.of(
            "the same failure again within the repeat interval",
            condition("FAILED DISCORD_UNAVAILABLE", m10, m10, 1),
            Outcome.FAILED,
            Reason.DISCORD_UNAVAILABLE,
            List.of(),
            "FAILED DISCORD_UNAVAILABLE told 2"),
        Arguments.of(
            "the same failure after the repeat interval",
            condition("FAILED DISCORD_UNAVAILABLE", Duration.ofHours(25), Duration.ofHours(24), 9),
            Outcome.FAILED,
            Reason.DISCORD_UNAVAILABLE,
            List.of("FAILED bot: still failing (DISCORD_UNAVAILABLE) for 25h, 10 passes"),
            "FAILED DISCORD_UNAVAILABLE told 10"),
        Arguments.of(
            "another failure is a new one",
            condition("FAILED DISCORD_UNAVAILABLE", Duration.ofHours(2), Duration.ofHours(2), 9),
            Outcome.FAILED,
            Reason.KUBERNETES_FORBIDDEN,
            List.of("FAILED bot: the pass failed (KUBERNETES_FORBIDDEN)"),
            "FAILED KUBERNETES_FORBIDDEN told 1"),
        Arguments.of(
            "a failure that ends after it was told",
            condition("FAILED DISCORD_UNAVAILABLE", Duration.ofMinutes(30), m10, 3),
            Outcome.UNCHANGED,
            Reason.IN_SYNC,
            List.of("RECOVERED bot: passes succeed again (after DISCORD_UNAVAILABLE for 30m)"),
            null),
        Arguments.of(
            "a new block is not told yet",
            null,
            Outcome.BLOCKED,
            Reason.IDENTIFY_BUDGET,
            List.of(),
            "BLOCKED IDENTIFY_BUDGET untold 1"),
        Arguments.of(
            "a block that lasted long enough",
            condition("BLOCKED IDENTIFY_BUDGET", Duration.ofHours(1), null, 6),
            Outcome.BLOCKED,
            Reason.IDENTIFY_BUDGET,
            List.of("BLOCKED bot: blocked (IDENTIFY_BUDGET) for 1h"),
            "BLOCKED IDENTIFY_BUDGET told 7"),
        Arguments.of(
            "a block that ends before it was told",
            condition("BLOCKED PAUSED", Duration.ofMinutes(30), null, 3),
            Outcome.SCALED,
            Reason.SCALED_UP,
            List.of("RESHARDED bot scaled up: 12 → 16 shards, 3 → 4 pods"),
            null),
        Arguments.of(
            "a block the scaler clears by design is never told",
            null,
            Outcome.BLOCKED,
            Reason.SCALE_DOWN_STABILIZING,
            List.of(),
            null),
        Arguments.of(
            "nor is a rollout under way",
            null,
            Outcome.BLOCKED,
            Reason.ROLLOUT_IN_PROGRESS,
            List.of(),
            null),
        Arguments.of(
            "a block turning into a failure is the failure",
            condition("BLOCKED IDENTIFY_BUDGET", Duration.ofHours(3), Duration.ofHours(2), 18),
            Outcome.FAILED,
            Reason.ROLLOUT_STUCK,
            List.of("FAILED bot: the pass failed (ROLLOUT_STUCK)"),
            "FAILED ROLLOUT_STUCK told 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void rule(
      String name,
      Memory.Condition previous,
      Outcome outcome,
      Reason reason,
      List<String> told,
      String remembered) {
    NoticeRules.Step step =
        NoticeRules.step(
            "bot",
            previous,
            result(outcome, reason),
            "the environment variable BOT_TOKEN",
            NOW,
            SETTINGS);

    assertThat(step.notices()).extracting(n -> n.kind() + " " + n.title()).isEqualTo(told);
    if (remembered == null) {
      assertThat(step.next()).isNull();
    } else {
      Memory.Condition next = step.next();
      assertThat(next.state() + (next.toldAt() == null ? " untold " : " told ") + next.passes())
          .isEqualTo(remembered);
      if (!step.notices().isEmpty()) {
        assertThat(next.toldAt()).as("told now").isEqualTo(NOW.toString());
      } else if (previous != null && previous.state().equals(next.state())) {
        assertThat(next.toldAt()).as("as before").isEqualTo(previous.toldAt());
      }
    }
  }

  @Test
  void aReshardCarriesThePodsAndTheFailureWhatToDo() {
    Notice reshard =
        NoticeRules.step("bot", null, result(Outcome.SCALED, Reason.SCALED_UP), "x", NOW, SETTINGS)
            .notices()
            .get(0);
    assertThat(reshard.pods())
        .containsExactly("bot-0: 0-3", "bot-1: 4-7", "bot-2: 8-11", "bot-3: 12-15");
    assertThat(reshard.from()).isEqualTo("12 shards / 3 pods × 4");
    assertThat(reshard.to()).isEqualTo("16 shards / 4 pods × 4");

    Notice failure =
        NoticeRules.step(
                "bot",
                null,
                result(Outcome.FAILED, Reason.DISCORD_UNAUTHORIZED),
                "the Secrets Manager secret arn:x",
                NOW,
                SETTINGS)
            .notices()
            .get(0);
    assertThat(failure.advice()).contains("Put the new token in the Secrets Manager secret arn:x");
  }

  @Test
  void blocksAreToldAtOnceWhenTheThresholdIsZero() {
    NotifySettings eager =
        new NotifySettings(
            null, null, Duration.ofSeconds(3), Duration.ZERO, Duration.ofHours(24), "d", "m");
    assertThat(
            NoticeRules.step("bot", null, result(Outcome.BLOCKED, Reason.PAUSED), "x", NOW, eager)
                .notices())
        .extracting(Notice::title)
        .containsExactly("bot: blocked (PAUSED) for 0s");
  }
}
