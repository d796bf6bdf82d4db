package dev.shardscaler.core;

import static dev.shardscaler.core.BlueGreenHarness.BOT;
import static dev.shardscaler.core.BlueGreenHarness.NS;
import static dev.shardscaler.core.BlueGreenHarness.SIBLING;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.kubernetes.BotSet;
import dev.shardscaler.core.kubernetes.SwitchConfigMap;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What holds a blue/green reshard back, and what undoes one: the identify budget for the whole new
 * set, no second set while one starts (or while the active set rolls out), the scaler's other
 * guards, a standby that never gets Ready (removed, FAILED, a Warning Event, the bot's set
 * untouched), objects the scaler did not make, and changes by others between read and write.
 */
class BlueGreenGuardsIT {
  final BlueGreenHarness world = new BlueGreenHarness();

  @AfterEach
  void close() {
    world.close();
  }

  // ---- a standby that never gets Ready -----------------------------------------------------

  @Test
  void aStandbyNotReadyInTimeIsRemovedAndTheBotIsUntouched() {
    world.seed().recommend(16);
    world.pass();
    JsonObject botBefore = world.set(BOT);
    world.advance(Duration.ofMinutes(29));
    assertThat(world.pass().reason()).isEqualTo(Reason.BLUEGREEN_WAITING);
    world.kube.clearRequests();
    world.advance(Duration.ofMinutes(1));

    ScaleResult result = world.pass();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.reason()).isEqualTo(Reason.STANDBY_NOT_READY);
    assertThat(result.message())
        .contains("standby set bot-b was not Ready by 2026-11-28T12:30:00Z (0/4 pods ready")
        .contains("bot [12 shards / 3 pods × 4] serves as before, untouched");
    assertThat(result.retryAt()).isEqualTo("2026-11-28T13:30:00Z");
    assertThat(world.set(SIBLING)).isNull();
    assertThat(world.switchData())
        .containsEntry("active", "bot")
        .containsEntry("phase", "steady")
        .containsEntry("failedAt", "2026-11-28T12:30:00Z");
    assertThat(world.writeLines())
        .as("the switch first, then the standby; never the bot's own set")
        .containsExactly(
            "PATCH /api/v1/namespaces/discord/configmaps/bot-switch",
            "DELETE /apis/apps/v1/namespaces/discord/statefulsets/bot-b");
    assertThat(world.set(BOT)).isEqualTo(botBefore);
    JsonObject warning = world.events().get(world.events().size() - 1);
    assertThat(warning.get("type").getAsString()).isEqualTo("Warning");
    assertThat(warning.get("reason").getAsString()).isEqualTo("StandbyNotReady");
    assertThat(Statuses.httpStatus(result)).isEqualTo(500);
    assertThat(Statuses.exitCode(result)).isEqualTo(1);
  }

  @Test
  void afterARollbackTheNextAttemptWaitsTheMinimumInterval() {
    world.seed().recommend(16);
    world.pass();
    world.advance(Duration.ofMinutes(30));
    world.pass();
    world.kube.clearRequests();

    world.advance(Duration.ofMinutes(10));
    ScaleResult held = world.pass();
    assertThat(held.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(held.reason()).isEqualTo(Reason.MIN_INTERVAL);
    assertThat(held.message()).contains("a standby set failed to become Ready");
    assertThat(held.retryAt()).isEqualTo("2026-11-28T13:30:00Z");
    assertThat(world.writeLines()).isEmpty();

    world.advance(Duration.ofMinutes(50));
    ScaleResult again = world.pass();
    assertThat(again.reason()).as(again.message()).isEqualTo(Reason.BLUEGREEN_STARTED);
  }

  @Test
  void aRevivedOriginalThatNeverGetsReadyIsScaledBackToZero() {
    world.seed().recommend(16);
    world.runToSteadyOn(SIBLING);
    world.advance(Duration.ofHours(1));
    world.recommend(20);
    assertThat(world.pass().reason()).isEqualTo(Reason.BLUEGREEN_STARTED);
    assertThat(world.replicas(BOT)).isEqualTo(5);
    world.advance(Duration.ofMinutes(30));

    ScaleResult result = world.pass();

    assertThat(result.reason()).as(result.message()).isEqualTo(Reason.STANDBY_NOT_READY);
    assertThat(world.replicas(BOT)).isZero();
    assertThat(world.replicas(SIBLING)).isEqualTo(4);
    assertThat(world.active()).isEqualTo("bot-b");
  }

  @Test
  void aStandbyThatFaltersDuringTheOverlapIsRolledBackAndTheOldSetStaysActive() {
    world.seed().recommend(16);
    world.pass();
    world.ready(SIBLING);
    assertThat(world.pass().reason()).isEqualTo(Reason.BLUEGREEN_OVERLAP);
    unready(SIBLING, 3);
    world.advance(Duration.ofMinutes(3));

    ScaleResult waiting = world.pass();
    assertThat(waiting.reason()).isEqualTo(Reason.BLUEGREEN_WAITING);
    assertThat(waiting.message()).contains("bot-b is not Ready any more (3/4 pods ready)");
    assertThat(world.active()).isEqualTo("bot,bot-b");

    world.advance(Duration.ofMinutes(30));
    ScaleResult rolledBack = world.pass();
    assertThat(rolledBack.reason()).as(rolledBack.message()).isEqualTo(Reason.STANDBY_NOT_READY);
    assertThat(world.active()).isEqualTo("bot");
    assertThat(world.set(SIBLING)).isNull();
  }

  // ---- the budget, the rollout and the other guards ---------------------------------------

  @Test
  void theIdentifyBudgetMustCoverTheWholeNewSet() {
    world.seed();
    world.discord.respondByDefault(DiscordFake.gatewayBot(16, 1000, 115, 3_600_000L, 1));

    ScaleResult result = world.pass();

    assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(result.reason()).isEqualTo(Reason.IDENTIFY_BUDGET);
    assertThat(result.message()).contains("only 115 session starts remain (need 16 + reserve 100)");
    assertThat(world.kube.writes()).isEmpty();

    world.discord.respondByDefault(DiscordFake.gatewayBot(16, 1000, 116, 3_600_000L, 1));
    assertThat(world.pass().reason()).isEqualTo(Reason.BLUEGREEN_STARTED);
  }

  @Test
  void noNewSetWhileTheActiveSetRollsOut() {
    world.seed(BotStatefulSet.seedExample().rolloutInProgress()).recommend(16);

    ScaleResult result = world.pass();

    assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(result.reason()).isEqualTo(Reason.ROLLOUT_IN_PROGRESS);
    assertThat(world.set(SIBLING)).isNull();
    assertThat(world.switchData()).isNull();
  }

  @Test
  void noSecondSetWhileAStandbyStarts() {
    world.seed().recommend(16);
    world.pass();
    world.kube.clearRequests();
    world.recommend(24);
    world.advance(Duration.ofMinutes(5));

    ScaleResult result = world.pass();

    assertThat(result.reason()).isEqualTo(Reason.BLUEGREEN_WAITING);
    assertThat(world.writeLines()).isEmpty();
    assertThat(world.env(SIBLING)).containsEntry("SHARDS", "16");
    assertThat(world.switchData()).containsEntry("shards", "16");
  }

  @Test
  void theScalersOtherGuardsStillApply() {
    world.seed().recommend(16);
    world.env.put("K8S_SCALEUP", "0");
    assertThat(world.pass().reason()).isEqualTo(Reason.SCALE_UP_DISABLED);
    world.env.put("K8S_SCALEUP", "1");
    world.env.put("SCALER_MAX_SHARDS", "12");
    assertThat(world.pass().outcome()).isEqualTo(Outcome.UNCHANGED);
    world.env.remove("SCALER_MAX_SHARDS");
    world.recommend(8);
    world.env.put("K8S_SCALEDOWN", "1");
    assertThat(world.pass().reason()).isEqualTo(Reason.SCALE_DOWN_STABILIZING);
    assertThat(world.set(SIBLING)).isNull();
    assertThat(world.switchData()).isNull();
  }

  @Test
  void theMinimumIntervalCountsFromTheStartOfTheLastReshard() {
    world.seed().recommend(16);
    world.runToSteadyOn(SIBLING);
    world.recommend(20);

    ScaleResult result = world.pass();

    assertThat(result.reason()).as(result.message()).isEqualTo(Reason.MIN_INTERVAL);
    assertThat(result.retryAt()).isEqualTo("2026-11-28T13:00:00Z");
  }

  @Test
  void aPauseOnTheBotHoldsAReshardInFlight() {
    world.seed().recommend(16);
    world.pass();
    world.ready(SIBLING);
    world.kube.mergePatchStatefulSet(
        NS,
        BOT,
        JsonParser.parseString(
                "{\"metadata\":{\"annotations\":{\"" + Markers.PAUSED + "\":\"true\"}}}")
            .getAsJsonObject());
    world.kube.clearRequests();

    ScaleResult result = world.pass();

    assertThat(result.reason()).isEqualTo(Reason.PAUSED);
    assertThat(world.kube.writes()).isEmpty();
    assertThat(world.active()).isEqualTo("bot");
  }

  // ---- objects the scaler did not make; a switch gone missing -----------------------------

  @Test
  void aStatefulSetOfTheSiblingsNameThatTheScalerDidNotMakeIsNeverTouched() {
    world.seed();
    world.kube.createStatefulSet(BotStatefulSet.seedExample().name(SIBLING).toJson());
    world.kube.clearRequests();
    world.recommend(16);

    ScaleResult result = world.pass();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.reason()).isEqualTo(Reason.INVALID_STATEFULSET);
    assertThat(result.message())
        .contains("a StatefulSet bot-b exists that the scaler did not create");
    assertThat(world.kube.writes()).isEmpty();
  }

  @Test
  void aConfigMapOfTheSwitchsNameThatTheScalerDidNotMakeIsNeverOverwritten() {
    world.seed().recommend(16);
    world.kube.createConfigMap(
        JsonParser.parseString(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"bot-switch\","
                    + "\"namespace\":\"discord\"},\"data\":{\"colour\":\"blue\"}}")
            .getAsJsonObject());
    world.kube.clearRequests();

    ScaleResult result = world.pass();

    assertThat(result.reason()).isEqualTo(Reason.INVALID_SWITCH);
    assertThat(result.message()).contains("without the label shardscaler.dev/switch-of=bot");
    assertThat(world.kube.writes()).isEmpty();
  }

  @Test
  void anUnreadableSwitchChangesNothingAndNamesTheKey() {
    world.seed().recommend(16);
    world.pass();
    world.kube.mergePatch(
        "/api/v1/namespaces/discord/configmaps/bot-switch",
        JsonParser.parseString("{\"data\":{\"active\":\"bot,other\"}}").getAsJsonObject());
    world.kube.clearRequests();

    ScaleResult result = world.pass();

    assertThat(result.reason()).isEqualTo(Reason.INVALID_SWITCH);
    assertThat(result.message())
        .contains("data.active must be a comma-separated list of \"bot\" and \"bot-b\"")
        .contains("got \"bot,other\"");
    assertThat(world.kube.writes()).isEmpty();
  }

  @Test
  void withoutTheSwitchWhileBothSetsRunTheScalerDoesNotGuess() {
    world.seed().recommend(16);
    world.pass();
    world.ready(SIBLING);
    world.kube.delete("/api/v1/namespaces/discord/configmaps/bot-switch");
    world.kube.clearRequests();

    ScaleResult result = world.pass();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.reason()).isEqualTo(Reason.INVALID_SWITCH);
    assertThat(result.message()).contains("is missing while both bot and bot-b run pods");
    assertThat(world.kube.writes()).isEmpty();
  }

  @Test
  void withoutTheSwitchTheOnlyRunningSetIsAdopted() {
    world.seed().recommend(16);
    world.runToSteadyOn(SIBLING);
    world.kube.delete("/api/v1/namespaces/discord/configmaps/bot-switch");

    ScaleResult result = world.pass();

    assertThat(result.reason()).as(result.message()).isEqualTo(Reason.BLUEGREEN_ADOPTED);
    assertThat(world.switchData())
        .containsEntry("active", "bot-b")
        .containsEntry("phase", "steady");
    JsonObject labels =
        world
            .kube
            .configMapOrNull(NS, "bot-switch")
            .getAsJsonObject("metadata")
            .getAsJsonObject("labels");
    assertThat(labels.get(SwitchConfigMap.SWITCH_OF).getAsString()).isEqualTo("bot");
  }

  @Test
  void aSetLeftStandingIsDrainedOnlyWhileTheActiveSetIsReady() {
    world.seed().recommend(16);
    world.runToSteadyOn(SIBLING);
    // Someone (a GitOps sync restoring spec.replicas) scales the bot's own set back up.
    world.kube.mergePatchStatefulSet(
        NS, BOT, JsonParser.parseString("{\"spec\":{\"replicas\":3}}").getAsJsonObject());
    unready(SIBLING, 2);
    world.kube.clearRequests();

    ScaleResult held = world.pass();
    assertThat(world.writeLines()).as(held.message()).isEmpty();
    assertThat(held.warnings()).anyMatch(w -> w.contains("bot still runs 3 pods that stand by"));

    world.ready(SIBLING);
    ScaleResult drained = world.pass();
    assertThat(drained.reason()).as(drained.message()).isEqualTo(Reason.BLUEGREEN_DRAINED);
    assertThat(world.replicas(BOT)).isZero();
  }

  // ---- others writing between our read and our write ---------------------------------------

  @Test
  void aSwitchChangedBetweenReadAndWriteIsReadAgain() {
    world.seed().recommend(16);
    world.pass();
    world.ready(SIBLING);
    world.wrapFleet =
        fleet ->
            new BlueGreenCrashIT.RecordingFleet(fleet, what -> {}) {
              boolean touched;

              @Override
              public void updateSwitch(
                  SwitchConfigMap current, Map<String, String> data, Deadline deadline) {
                if (!touched) {
                  touched = true;
                  world.kube.mergePatch(
                      "/api/v1/namespaces/discord/configmaps/bot-switch",
                      JsonParser.parseString("{\"metadata\":{\"annotations\":{\"note\":\"x\"}}}")
                          .getAsJsonObject());
                }
                super.updateSwitch(current, data, deadline);
              }
            };
    world.kube.clearRequests();

    ScaleResult result = world.pass();

    assertThat(result.reason()).as(result.message()).isEqualTo(Reason.BLUEGREEN_OVERLAP);
    assertThat(world.requestLines().stream().filter(l -> l.startsWith("PATCH"))).hasSize(2);
    assertThat(world.active()).isEqualTo("bot,bot-b");
  }

  @Test
  void aRemovalIsGuardedByTheSetsUidAndVersion() {
    world.seed().recommend(16);
    world.runToSteadyOn(SIBLING);
    world.advance(Duration.ofHours(1));
    world.recommend(20);
    for (int i = 0;
        i < 8 && world.set(SIBLING).getAsJsonObject("spec").get("replicas").getAsInt() > 0;
        i++) {
      world.pass();
      world.ready(BOT);
      world.advance(Duration.ofMinutes(5));
    }
    world.ready(SIBLING);
    world.wrapFleet =
        fleet ->
            new BlueGreenCrashIT.RecordingFleet(fleet, what -> {}) {
              boolean touched;

              @Override
              public void deleteSet(BotSet set, Deadline deadline) {
                if (!touched) {
                  touched = true;
                  world.kube.mergePatchStatefulSet(
                      NS,
                      SIBLING,
                      JsonParser.parseString("{\"metadata\":{\"annotations\":{\"note\":\"x\"}}}")
                          .getAsJsonObject());
                }
                super.deleteSet(set, deadline);
              }
            };
    world.kube.clearRequests();

    ScaleResult result = world.pass();

    assertThat(result.reason()).as(result.message()).isEqualTo(Reason.BLUEGREEN_REMOVED);
    assertThat(world.requestLines().stream().filter(l -> l.startsWith("DELETE")))
        .as("the first delete was refused (409): the set changed after it was read")
        .hasSize(2);
    assertThat(world.set(SIBLING)).isNull();
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** A pod of the set stopped being Ready. */
  void unready(String name, int ready) {
    JsonObject status = world.set(name).getAsJsonObject("status").deepCopy();
    status.addProperty("readyReplicas", ready);
    world.kube.setStatus(NS, name, status);
  }
}
