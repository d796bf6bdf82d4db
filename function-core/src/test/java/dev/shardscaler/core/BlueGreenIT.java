package dev.shardscaler.core;

import static dev.shardscaler.core.BlueGreenHarness.BOT;
import static dev.shardscaler.core.BlueGreenHarness.SIBLING;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.testkit.KubernetesFake;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each step of a blue/green reshard, pass by pass, over real HTTP: what each pass reads, writes
 * (and only that), and answers.
 */
class BlueGreenIT {
  final BlueGreenHarness world = new BlueGreenHarness();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void theFirstReshardStartsASiblingWhileTheBotKeepsServing() {
    world.seed().recommend(16);

    ScaleResult result = world.pass();

    assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.SCALED);
    assertThat(result.reason()).isEqualTo(Reason.BLUEGREEN_STARTED);
    assertThat(result.current()).isEqualTo(new ShardCounts(12, 3, 4));
    assertThat(result.desired()).isEqualTo(new ShardCounts(16, 4, 4));
    assertThat(result.assignments())
        .map(Object::toString)
        .containsExactly("bot-b-0: 0-3", "bot-b-1: 4-7", "bot-b-2: 8-11", "bot-b-3: 12-15");
    assertThat(world.requestLines())
        .containsExactly(
            "GET /apis/apps/v1/namespaces/discord/statefulsets/bot",
            "GET /apis/apps/v1/namespaces/discord/statefulsets/bot-b",
            "GET /api/v1/namespaces/discord/configmaps/bot-switch",
            "POST /api/v1/namespaces/discord/configmaps?fieldManager=shardscaler",
            "POST /apis/apps/v1/namespaces/discord/statefulsets?fieldManager=shardscaler",
            "POST /api/v1/namespaces/discord/events");
    assertThat(world.discord.requests()).hasSize(1);

    // The bot's own set is untouched and alone active.
    assertThat(world.replicas(BOT)).isEqualTo(3);
    assertThat(world.env(BOT)).containsEntry("SHARDS", "12");
    assertThat(world.switchData())
        .containsEntry("active", "bot")
        .containsEntry("phase", "starting")
        .containsEntry("from", "bot")
        .containsEntry("to", "bot-b")
        .containsEntry("shards", "16")
        .containsEntry("replicas", "4")
        .containsEntry("since", "2026-11-28T12:00:00Z")
        .containsEntry("timeout", "30m");

    JsonObject sibling = world.set(SIBLING);
    assertThat(world.replicas(SIBLING)).isEqualTo(4);
    assertThat(world.env(SIBLING))
        .containsEntry("SHARDS", "16")
        .containsEntry("SHARDS_PER_BOT", "4")
        .containsEntry("LOG_LEVEL", "info");
    JsonObject spec = sibling.getAsJsonObject("spec");
    assertThat(spec.get("serviceName").getAsString()).isEqualTo("bot");
    assertThat(spec.getAsJsonObject("selector").getAsJsonObject("matchLabels").toString())
        .isEqualTo("{\"app\":\"bot\",\"shardscaler.dev/set\":\"bot-b\"}");
    assertThat(
            spec.getAsJsonObject("template")
                .getAsJsonObject("metadata")
                .getAsJsonObject("labels")
                .toString())
        .isEqualTo("{\"app\":\"bot\",\"shardscaler.dev/set\":\"bot-b\"}");
    JsonObject metadata = sibling.getAsJsonObject("metadata");
    assertThat(metadata.getAsJsonObject("labels").toString())
        .as("no label of the original: a GitOps tool's tracking label would make it prune this")
        .isEqualTo(
            "{\"app.kubernetes.io/managed-by\":\"shardscaler\",\"shardscaler.dev/set-of\":\"bot\"}");
    JsonObject owner = metadata.getAsJsonArray("ownerReferences").get(0).getAsJsonObject();
    assertThat(owner.get("name").getAsString()).isEqualTo("bot");
    assertThat(owner.get("uid").getAsString())
        .isEqualTo(world.set(BOT).getAsJsonObject("metadata").get("uid").getAsString());
    assertThat(owner.has("controller")).isFalse();
    assertThat(metadata.getAsJsonObject("annotations").get(Markers.LAST_CHANGE).getAsString())
        .isEqualTo("2026-11-28T12:00:00Z 12→16");

    JsonObject event = world.events().get(0);
    assertThat(event.get("reason").getAsString()).isEqualTo("BlueGreenStarted");
    assertThat(event.getAsJsonObject("involvedObject").get("name").getAsString()).isEqualTo("bot");
  }

  @Test
  void everyStepOfTheFirstReshardIsAPassOfItsOwn() {
    world.seed().recommend(16);
    world.pass();
    world.kube.clearRequests();
    world.discord.clearRequests();

    // Standby starting: nothing to write, and no need to ask Discord.
    ScaleResult waiting = world.pass();
    assertThat(waiting.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(waiting.reason()).isEqualTo(Reason.BLUEGREEN_WAITING);
    assertThat(waiting.message()).contains("standby set bot-b", "0/4 pods ready");
    assertThat(world.writeLines()).isEmpty();
    assertThat(world.discord.requests()).isEmpty();

    // Every pod Ready: both sets active.
    world.ready(SIBLING);
    world.advance(Duration.ofMinutes(3));
    ScaleResult overlap = world.pass();
    assertThat(overlap.reason()).as(overlap.message()).isEqualTo(Reason.BLUEGREEN_OVERLAP);
    assertThat(overlap.outcome()).isEqualTo(Outcome.SCALED);
    assertThat(world.active()).isEqualTo("bot,bot-b");
    assertThat(world.switchData()).containsEntry("phase", "overlap");
    assertThat(world.writeLines())
        .containsExactly("PATCH /api/v1/namespaces/discord/configmaps/bot-switch");
    JsonObject update =
        JsonParser.parseString(
                world.kube.writes().stream()
                    .filter(r -> r.path().contains("configmaps"))
                    .findFirst()
                    .orElseThrow()
                    .body())
            .getAsJsonArray()
            .get(0)
            .getAsJsonObject();
    assertThat(update.get("path").getAsString())
        .as("every update of the switch carries the resourceVersion read")
        .isEqualTo("/metadata/resourceVersion");

    // The overlap lasts the propagation bound.
    world.kube.clearRequests();
    ScaleResult propagating = world.pass();
    assertThat(propagating.reason()).isEqualTo(Reason.BLUEGREEN_WAITING);
    assertThat(propagating.retryAt()).isEqualTo("2026-11-28T12:05:00Z");
    assertThat(world.writeLines()).isEmpty();

    world.advance(Duration.ofMinutes(2));
    ScaleResult switched = world.pass();
    assertThat(switched.reason()).as(switched.message()).isEqualTo(Reason.BLUEGREEN_SWITCHED);
    assertThat(switched.message()).startsWith("resharded 12→16");
    assertThat(world.active()).isEqualTo("bot-b");
    assertThat(world.replicas(BOT)).as("the old set stands by, connected").isEqualTo(3);

    world.kube.clearRequests();
    world.advance(Duration.ofMinutes(5));
    ScaleResult grace = world.pass();
    assertThat(grace.reason()).isEqualTo(Reason.BLUEGREEN_WAITING);
    assertThat(grace.retryAt()).isEqualTo("2026-11-28T12:15:00Z");
    assertThat(world.writeLines()).isEmpty();

    world.advance(Duration.ofMinutes(5));
    ScaleResult drained = world.pass();
    assertThat(drained.reason()).as(drained.message()).isEqualTo(Reason.BLUEGREEN_DRAINED);
    assertThat(world.switchData())
        .containsEntry("phase", "steady")
        .containsEntry("active", "bot-b");
    assertThat(world.replicas(BOT)).isZero();
    assertThat(world.env(BOT)).as("the original keeps its template").containsEntry("SHARDS", "12");

    // From now on the planner works on the active sibling; the original is kept, dormant.
    world.ready(BOT);
    world.kube.clearRequests();
    ScaleResult steady = world.pass();
    assertThat(steady.outcome()).as(steady.message()).isEqualTo(Outcome.UNCHANGED);
    assertThat(steady.current()).isEqualTo(new ShardCounts(16, 4, 4));
    assertThat(steady.assignments()).map(Object::toString).first().isEqualTo("bot-b-0: 0-3");
    assertThat(world.writeLines()).isEmpty();
    assertThat(world.set(BOT)).isNotNull();
    assertThat(world.events())
        .extracting(e -> e.get("reason").getAsString())
        .containsExactly(
            "BlueGreenStarted", "BlueGreenOverlap", "BlueGreenSwitched", "BlueGreenDrained");
  }

  @Test
  void theNextReshardRevivesTheOriginalAndRemovesTheSibling() {
    world.seed().recommend(16);
    world.runToSteadyOn(SIBLING);
    world.advance(Duration.ofHours(1));
    world.recommend(20);

    ScaleResult started = world.pass();

    assertThat(started.reason()).as(started.message()).isEqualTo(Reason.BLUEGREEN_STARTED);
    assertThat(started.assignments()).map(Object::toString).first().isEqualTo("bot-0: 0-3");
    assertThat(world.replicas(BOT)).isEqualTo(5);
    assertThat(world.env(BOT)).containsEntry("SHARDS", "20");
    assertThat(world.switchData())
        .containsEntry("phase", "starting")
        .containsEntry("from", "bot-b")
        .containsEntry("to", "bot")
        .containsEntry("active", "bot-b");

    world.ready(BOT);
    assertThat(world.pass().reason()).isEqualTo(Reason.BLUEGREEN_OVERLAP);
    world.advance(Duration.ofMinutes(2));
    assertThat(world.pass().reason()).isEqualTo(Reason.BLUEGREEN_SWITCHED);
    world.advance(Duration.ofMinutes(10));
    assertThat(world.pass().reason()).isEqualTo(Reason.BLUEGREEN_DRAINED);
    assertThat(world.replicas(SIBLING)).isZero();

    // Its pods still terminating: not removed yet.
    world.kube.clearRequests();
    ScaleResult terminating = world.pass();
    assertThat(terminating.reason()).isNotEqualTo(Reason.BLUEGREEN_REMOVED);
    assertThat(world.writeLines()).isEmpty();

    world.ready(SIBLING); // status.replicas 0: every pod gone
    world.kube.clearRequests();
    ScaleResult removed = world.pass();
    assertThat(removed.reason()).as(removed.message()).isEqualTo(Reason.BLUEGREEN_REMOVED);
    assertThat(world.set(SIBLING)).isNull();
    KubernetesFake.ReceivedRequest delete = world.kube.writes().get(0);
    assertThat(delete.method()).isEqualTo("DELETE");
    assertThat(
            JsonParser.parseString(delete.body())
                .getAsJsonObject()
                .getAsJsonObject("preconditions")
                .keySet())
        .containsExactly("uid", "resourceVersion");
    assertThat(world.switchData()).containsEntry("active", "bot").containsEntry("phase", "steady");

    ScaleResult steady = world.pass();
    assertThat(steady.outcome()).as(steady.message()).isEqualTo(Outcome.UNCHANGED);
    assertThat(steady.current()).isEqualTo(new ShardCounts(20, 5, 4));
  }

  @Test
  void aDryRunNamesTheStepAndWritesNothing() {
    world.seed().recommend(16);

    ScaleResult result = world.pass(ScaleRequest.scheduled().withDryRun(true));

    assertThat(result.outcome()).isEqualTo(Outcome.DRY_RUN);
    assertThat(result.reason()).isEqualTo(Reason.BLUEGREEN_STARTED);
    assertThat(result.message()).startsWith("dry run, would start standby set bot-b");
    assertThat(world.kube.writes()).isEmpty();
  }

  @Test
  void aReplicaCorrectionStaysInPlace() {
    world.seed(dev.shardscaler.testkit.BotStatefulSet.seedExample().replicas(2));

    ScaleResult result = world.pass();

    assertThat(result.reason()).as(result.message()).isEqualTo(Reason.REPLICAS_CORRECTED);
    assertThat(world.replicas(BOT)).isEqualTo(3);
    assertThat(world.set(SIBLING)).isNull();
    assertThat(world.switchData()).isNull();
  }

  @Test
  void theRequestOverrideIsCarriedByTheNewSet() {
    world.seed();

    ScaleResult result = world.pass(ScaleRequest.because("launch day").withShards(24));

    assertThat(result.reason()).as(result.message()).isEqualTo(Reason.BLUEGREEN_STARTED);
    assertThat(world.env(SIBLING)).containsEntry("SHARDS", "24");
    JsonObject annotations =
        world.set(SIBLING).getAsJsonObject("metadata").getAsJsonObject("annotations");
    assertThat(annotations.get(Markers.OVERRIDE).getAsString()).contains("\"shards\":24");
  }
}
