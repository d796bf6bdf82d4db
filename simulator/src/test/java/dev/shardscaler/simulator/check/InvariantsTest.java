package dev.shardscaler.simulator.check;

import static dev.shardscaler.simulator.check.Steps.T0;
import static dev.shardscaler.simulator.check.Steps.discord;
import static dev.shardscaler.simulator.check.Steps.facts;
import static dev.shardscaler.simulator.check.Steps.json;
import static dev.shardscaler.simulator.check.Steps.rolling;
import static dev.shardscaler.simulator.check.Steps.rules;
import static dev.shardscaler.simulator.check.Steps.step;
import static dev.shardscaler.simulator.check.Steps.withJson;
import static dev.shardscaler.simulator.check.Steps.withLedger;
import static dev.shardscaler.simulator.check.Steps.withRerun;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.shardscaler.simulator.cluster.StartState;
import dev.shardscaler.simulator.discord.Ledger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invariant, fed passes that keep it and a deliberately broken one: a check that cannot see
 * its violation would pass any scaler.
 */
class InvariantsTest {
  static final SetFacts SYNC_12 = facts(12, 4, 1);
  static final SetFacts AT_16 = facts(16, 4, 2);

  static Instant at(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  static Arguments row(String name, Supplier<Invariant> invariant, String broken, Step... steps) {
    return Arguments.of(Named.of(name, invariant), List.of(steps), broken);
  }

  static Stream<Arguments> cases() {
    SetFacts onDelete = new SetFacts(1, 1, "a", "a", 3, 12, 4, StartState.ON_DELETE, 0, false);
    SetFacts partitioned =
        new SetFacts(1, 1, "a", "a", 3, 12, 4, StartState.ROLLING_UPDATE, 2, false);
    SetFacts paused = new SetFacts(1, 1, "a", "a", 3, 12, 4, StartState.ROLLING_UPDATE, 0, true);
    SetFacts stopped = new SetFacts(1, 1, "a", "a", 0, 12, 4, StartState.ROLLING_UPDATE, 0, false);
    SetFacts unobserved =
        new SetFacts(2, 1, "a", "a", 3, 12, 4, StartState.ROLLING_UPDATE, 0, false);
    return Stream.of(
        // no-change-during-rollout
        row(
            "rollout: a change on a converged set holds",
            NoChangeDuringRollout::new,
            null,
            step(at(0), SYNC_12, AT_16, discord(16, 1000, 1))),
        row(
            "rollout: annotations during a rollout hold",
            NoChangeDuringRollout::new,
            null,
            step(at(0), rolling(12, 4, 1), rolling(12, 4, 1), discord(16, 1000, 1))),
        row(
            "rollout: a change while revisions differ breaks it",
            NoChangeDuringRollout::new,
            "while a rollout was in progress",
            step(at(0), rolling(12, 4, 1), AT_16, discord(16, 1000, 1))),
        row(
            "rollout: a change before the controller observed breaks it",
            NoChangeDuringRollout::new,
            "observed 1",
            step(at(0), unobserved, facts(16, 4, 3), discord(16, 1000, 1))),
        // updatable-sets-only
        row(
            "untouchable: a RollingUpdate set may change",
            UpdatableSetsOnly::new,
            null,
            step(at(0), SYNC_12, AT_16, discord(16, 1000, 1))),
        row(
            "untouchable: OnDelete left alone holds",
            UpdatableSetsOnly::new,
            null,
            step(at(0), onDelete, onDelete, discord(16, 1000, 1))),
        row(
            "untouchable: a change on OnDelete breaks it",
            UpdatableSetsOnly::new,
            "updateStrategy OnDelete",
            step(at(0), onDelete, AT_16, discord(16, 1000, 1))),
        row(
            "untouchable: a change below a partition breaks it",
            UpdatableSetsOnly::new,
            "rollingUpdate.partition 2",
            step(at(0), partitioned, AT_16, discord(16, 1000, 1))),
        row(
            "untouchable: a change on a paused set breaks it",
            UpdatableSetsOnly::new,
            "annotation shardscaler.dev/paused",
            step(at(0), paused, AT_16, discord(16, 1000, 1))),
        row(
            "untouchable: waking a set at 0 replicas breaks it",
            UpdatableSetsOnly::new,
            "replicas 0",
            step(at(0), stopped, facts(12, 4, 2), discord(12, 1000, 1))),
        // within-max-shards (cap 64)
        row(
            "cap: 64 holds",
            () -> new WithinMaxShards(rules()),
            null,
            step(at(0), SYNC_12, facts(64, 4, 2), discord(80, 1000, 1))),
        row(
            "cap: 65 breaks it",
            () -> new WithinMaxShards(rules()),
            "wrote 65 shards, above SCALER_MAX_SHARDS 64",
            step(at(0), SYNC_12, facts(65, 5, 2), discord(80, 1000, 1))),
        // multiple-of-max-concurrency
        row(
            "multiple: 32 with 16 holds",
            MultipleOfMaxConcurrency::new,
            null,
            step(at(0), SYNC_12, facts(32, 16, 2), discord(32, 1000, 16))),
        row(
            "multiple: 17 with 1 holds",
            MultipleOfMaxConcurrency::new,
            null,
            step(at(0), SYNC_12, facts(17, 4, 2), discord(17, 1000, 1))),
        row(
            "multiple: 17 with 16 breaks it",
            MultipleOfMaxConcurrency::new,
            "wrote 17 shards while max_concurrency is 16",
            step(at(0), SYNC_12, facts(17, 4, 2), discord(32, 1000, 16))),
        // switches-honoured
        row(
            "switches: up with scale-up on holds",
            () -> new SwitchesHonoured(rules(true, false)),
            null,
            step(at(0), SYNC_12, AT_16, discord(16, 1000, 1))),
        row(
            "switches: up with K8S_SCALEUP=0 breaks it",
            () -> new SwitchesHonoured(rules(false, true)),
            "scaled up 12 → 16 shards with K8S_SCALEUP=0",
            step(at(0), SYNC_12, AT_16, discord(16, 1000, 1))),
        row(
            "switches: down with K8S_SCALEDOWN=0 breaks it",
            () -> new SwitchesHonoured(rules(true, false)),
            "scaled down 16 → 12 shards with K8S_SCALEDOWN=0",
            step(at(0), facts(16, 4, 1), facts(12, 4, 2), discord(12, 1000, 1))),
        row(
            "switches: a repack with both off holds",
            () -> new SwitchesHonoured(rules(false, false)),
            null,
            step(at(0), SYNC_12, facts(12, 2, 2), discord(12, 1000, 1))),
        // scale-down-window (24 h)
        row(
            "window: down after 24 h below holds",
            () -> new ScaleDownWindow(rules()),
            null,
            step(at(0), AT_16, AT_16, discord(12, 1000, 1)),
            step(at(12 * 60), AT_16, AT_16, discord(13, 1000, 1)),
            step(at(24 * 60), AT_16, facts(13, 4, 3), discord(12, 1000, 1))),
        row(
            "window: down after 23 h 50 m breaks it",
            () -> new ScaleDownWindow(rules()),
            "the recommendation below only since 2026-01-01T00:10:00Z",
            step(at(0), AT_16, AT_16, discord(16, 1000, 1)),
            step(at(10), AT_16, AT_16, discord(12, 1000, 1)),
            step(at(24 * 60), AT_16, facts(12, 4, 3), discord(12, 1000, 1))),
        row(
            "window: a rise in between restarts it",
            () -> new ScaleDownWindow(rules()),
            "below only since 2026-01-01T12:10:00Z",
            step(at(0), AT_16, AT_16, discord(12, 1000, 1)),
            step(at(12 * 60), AT_16, AT_16, discord(16, 1000, 1)),
            step(at(12 * 60 + 10), AT_16, AT_16, discord(12, 1000, 1)),
            step(at(25 * 60), AT_16, facts(12, 4, 3), discord(12, 1000, 1))),
        row(
            "window: down from above the cap to the cap at once holds",
            () -> new ScaleDownWindow(rules()),
            null,
            step(at(0), facts(80, 4, 1), facts(64, 4, 2), discord(80, 1000, 1))),
        row(
            "window: down while never below breaks it",
            () -> new ScaleDownWindow(rules()),
            "though the recommendation was not below 16",
            step(at(0), AT_16, facts(12, 4, 3), discord(16, 1000, 1))),
        // min-interval (1 h)
        row(
            "interval: changes an hour apart hold",
            () -> new MinInterval(rules()),
            null,
            step(at(0), SYNC_12, AT_16, discord(16, 1000, 1)),
            step(at(60), AT_16, facts(20, 4, 3), discord(20, 1000, 1))),
        row(
            "interval: changes 50 minutes apart break it",
            () -> new MinInterval(rules()),
            "only 50m after the change at 2026-01-01T00:00:00Z (SCALER_MIN_INTERVAL 1h)",
            step(at(0), SYNC_12, AT_16, discord(16, 1000, 1)),
            step(at(50), AT_16, facts(20, 4, 3), discord(20, 1000, 1))),
        // no-second-change
        row(
            "rerun: nothing more to do holds",
            NoSecondChange::new,
            null,
            step(at(0), SYNC_12, AT_16, discord(16, 1000, 1))),
        row(
            "rerun: a second change breaks it",
            NoSecondChange::new,
            "the same pass run again at once changed it to 20 shards",
            withRerun(step(at(0), SYNC_12, AT_16, discord(16, 1000, 1)), facts(20, 4, 3))),
        row(
            "rerun: a change that was not re-run breaks it",
            NoSecondChange::new,
            "was not run again",
            withRerun(step(at(0), SYNC_12, AT_16, discord(16, 1000, 1)), null)),
        // identify-budget-never-overdrawn
        row(
            "budget: down to zero holds",
            IdentifyBudgetNeverOverdrawn::new,
            null,
            withLedger(step(at(0), SYNC_12, SYNC_12, null), new Ledger(16, 0, 0, 0))),
        row(
            "budget: a start beyond it breaks it",
            IdentifyBudgetNeverOverdrawn::new,
            "4 shard starts beyond the session-start budget",
            withLedger(step(at(0), SYNC_12, SYNC_12, null), new Ledger(16, -4, 4, 0))),
        // identify-reserve-kept (100)
        row(
            "reserve: 100 left holds",
            () -> new IdentifyReserveKept(rules()),
            null,
            withLedger(step(at(0), SYNC_12, SYNC_12, null), new Ledger(16, 100, 0, 100))),
        row(
            "reserve: 99 left breaks it",
            () -> new IdentifyReserveKept(rules()),
            "left 99 session starts, below SCALER_IDENTIFY_RESERVE 100",
            withLedger(step(at(0), SYNC_12, SYNC_12, null), new Ledger(16, 99, 0, 99))));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void eachInvariantHoldsOrNamesItsViolation(
      Supplier<Invariant> make, List<Step> steps, String broken) {
    Invariant invariant = make.get();
    String last = null;
    for (Step step : steps) {
      last = invariant.check(step);
    }

    if (broken == null) {
      assertThat(last).as(invariant.id()).isNull();
    } else {
      assertThat(last).as(invariant.id()).isNotNull().contains(broken);
    }
  }

  @Test
  void aWriteOfOnlyWhatTheScalerOwnsHolds() {
    JsonObject before = json(12, 4);
    JsonObject after = before.deepCopy();
    after.getAsJsonObject("spec").addProperty("replicas", 4);
    env(after).get(1).getAsJsonObject().addProperty("value", "16");
    after
        .getAsJsonObject("metadata")
        .getAsJsonObject("annotations")
        .addProperty("shardscaler.dev/last-change", "x");
    after.getAsJsonObject("metadata").addProperty("resourceVersion", "9");
    after.getAsJsonObject("metadata").addProperty("generation", 2);

    Step step = withJson(step(at(0), SYNC_12, AT_16, discord(16, 1000, 1)), before, after);

    assertThat(new WritesOnlyOwnedFields(rules()).check(step)).isNull();
  }

  @Test
  void aWriteThatTouchesAForeignFieldBreaksIt() {
    JsonObject before = json(12, 4);
    JsonObject after = before.deepCopy();
    env(after).get(0).getAsJsonObject().addProperty("value", "debug");
    JsonObject removedOwner = before.deepCopy();
    removedOwner
        .getAsJsonObject("metadata")
        .getAsJsonObject("annotations")
        .remove("example.com/owner");

    Invariant invariant = new WritesOnlyOwnedFields(rules());

    assertThat(invariant.check(withJson(step(at(0), SYNC_12, SYNC_12, null), before, after)))
        .isEqualTo(
            "the write changed /spec/template/spec/containers/0/env/0/value (\"info\" → \"debug\")");
    assertThat(invariant.check(withJson(step(at(0), SYNC_12, SYNC_12, null), before, removedOwner)))
        .contains("/metadata/annotations");
  }

  @Test
  void theListChecksEveryInvariantAndNamesEachBrokenOne() {
    Invariants invariants = new Invariants(rules(false, true));
    Step reckless =
        withRerun(
            step(at(0), rolling(12, 4, 1), facts(72, 4, 2), discord(16, 1000, 16)),
            facts(96, 4, 3));

    assertThat(invariants.all()).hasSize(11);
    assertThat(invariants.check(reckless))
        .extracting(Invariants.Violation::invariant)
        .containsExactly(
            "no-change-during-rollout",
            "within-max-shards",
            "multiple-of-max-concurrency",
            "switches-honoured",
            "no-second-change");
  }

  private static com.google.gson.JsonArray env(JsonObject set) {
    return set.getAsJsonObject("spec")
        .getAsJsonObject("template")
        .getAsJsonObject("spec")
        .getAsJsonArray("containers")
        .get(0)
        .getAsJsonObject()
        .getAsJsonArray("env");
  }
}
