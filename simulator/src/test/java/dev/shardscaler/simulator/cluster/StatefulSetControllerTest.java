package dev.shardscaler.simulator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.simulator.discord.SimulatedDiscord;
import dev.shardscaler.simulator.history.FixedHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatefulSetControllerTest {
  static final Target TARGET = new Target("discord", "bot", "bot");
  static final EnvNames NAMES = new EnvNames("SHARDS", "SHARDS_PER_BOT");
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration POD_START = Duration.ofSeconds(10);

  InMemoryStatefulSets store;
  SimulatedDiscord discord;
  StatefulSetController controller;

  /** "t+Ns bot-N ready|replaced|created": what happened, in order. */
  final List<String> log = new ArrayList<>();

  void start(StartState state, int maxConcurrency) {
    store = new InMemoryStatefulSets(TARGET, state.toJson(TARGET, NAMES, T0));
    discord =
        new SimulatedDiscord(
            new FixedHistory(T0, 1, 12_000, maxConcurrency), Clock.fixed(T0, ZoneOffset.UTC));
    controller = new StatefulSetController(store, discord, "bot", NAMES, POD_START);
    controller.start(T0);
  }

  /** The scaler's change, through the same patch the scaler sends, at T0. */
  void scaleTo(int shards, int perBot) {
    store.patch(store.read(TARGET, NAMES), ShardCounts.of(shards, perBot), Map.of(), NAMES);
    controller.sync(T0);
  }

  /** Runs every pod event, noting when each pod turned Ready; returns when all is quiet. */
  Instant runUntilQuiet() {
    Instant at = T0;
    Instant next;
    while ((next = controller.nextEvent()) != null) {
      at = next;
      List<Boolean> readyBefore = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        readyBefore.add(controller.podReady(i));
      }
      controller.advance(at);
      for (int i = 0; i < 64; i++) {
        if (!readyBefore.get(i) && controller.podReady(i)) {
          log.add("t+" + Duration.between(T0, at).toSeconds() + "s bot-" + i);
        }
      }
    }
    return at;
  }

  JsonObject status() {
    return store.current().getAsJsonObject("status");
  }

  @Test
  void startsConvergedWithEveryPodReady() {
    start(StartState.of(12, 4), 1);

    assertThat(status().get("replicas").getAsInt()).isEqualTo(3);
    assertThat(status().get("readyReplicas").getAsInt()).isEqualTo(3);
    assertThat(status().get("currentRevision").getAsString())
        .isEqualTo(status().get("updateRevision").getAsString())
        .startsWith("bot-");
    assertThat(status().get("observedGeneration").getAsLong()).isEqualTo(1);
    assertThat(controller.pods().describe()).isEqualTo("12×3");
    assertThat(controller.nextEvent()).isNull();
  }

  @Test
  void orderedReadyCreatesTheNewPodThenReplacesFromTheHighestOrdinalDown() {
    start(StartState.of(12, 4), 1);
    String oldRevision = status().get("currentRevision").getAsString();

    scaleTo(16, 4);

    assertThat(status().get("observedGeneration").getAsLong()).isEqualTo(2);
    assertThat(status().get("updateRevision").getAsString()).isNotEqualTo(oldRevision);
    assertThat(status().get("currentRevision").getAsString()).isEqualTo(oldRevision);
    assertThat(controller.pods().existing()).isEqualTo(4);
    assertThat(controller.pods().split()).isTrue();
    Instant done = runUntilQuiet();
    // each pod: 10 s to start, then 4 shards one every 5 s (max_concurrency 1) = 30 s
    assertThat(log).containsExactly("t+30s bot-3", "t+60s bot-2", "t+90s bot-1", "t+120s bot-0");
    assertThat(done).isEqualTo(T0.plusSeconds(120));
    assertThat(status().get("currentRevision").getAsString())
        .isEqualTo(status().get("updateRevision").getAsString());
    assertThat(status().get("updatedReplicas").getAsInt()).isEqualTo(4);
    assertThat(controller.pods().describe()).isEqualTo("16×4");
    assertThat(discord.identifiesSpent()).isEqualTo(16);
    assertThat(controller.longestRollout()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void parallelCreatesAllNewPodsAtOnceButStillUpdatesOneByOne() {
    start(StartState.of(8, 4).withPodManagementPolicy(StartState.PARALLEL), 1);

    scaleTo(16, 4);

    assertThat(controller.pods().existing()).isEqualTo(4);
    runUntilQuiet();
    // bot-2 and bot-3 start together and share Discord's one rate-limit key: 8 slots of 5 s
    assertThat(log).containsExactly("t+30s bot-2", "t+50s bot-3", "t+80s bot-1", "t+110s bot-0");
  }

  @Test
  void aPartitionKeepsThePodsBelowItOnTheOldTotal() {
    start(StartState.of(12, 4).withUpdateStrategy(StartState.ROLLING_UPDATE, 2), 1);

    scaleTo(16, 4);
    runUntilQuiet();

    assertThat(controller.podRevision(0)).isNotEqualTo(controller.updateRevision());
    assertThat(controller.podRevision(1)).isNotEqualTo(controller.updateRevision());
    assertThat(controller.podRevision(2)).isEqualTo(controller.updateRevision());
    assertThat(controller.pods().describe()).isEqualTo("12×2 16×2");
    assertThat(status().get("currentRevision").getAsString())
        .isNotEqualTo(status().get("updateRevision").getAsString());
    assertThat(controller.rolloutSince()).isEqualTo(T0);
  }

  @Test
  void onDeleteReplacesNoPodAndNewPodsTakeTheNewTemplate() {
    start(StartState.of(12, 4).withUpdateStrategy(StartState.ON_DELETE, 0), 1);

    scaleTo(16, 4);
    runUntilQuiet();

    assertThat(controller.pods().describe()).isEqualTo("12×3 16×1");
    assertThat(controller.podRevision(3)).isEqualTo(controller.updateRevision());
    assertThat(discord.identifiesSpent()).isEqualTo(4);
    assertThat(status().get("updatedReplicas").getAsInt()).isEqualTo(1);
    assertThat(status().get("currentRevision").getAsString())
        .isNotEqualTo(status().get("updateRevision").getAsString());
  }

  @Test
  void scalingDownRemovesTheHighestPodsThenRollsTheRest() {
    start(StartState.of(16, 4), 1);

    scaleTo(8, 4);

    assertThat(controller.pods().existing()).isEqualTo(2);
    runUntilQuiet();
    assertThat(log).containsExactly("t+30s bot-1", "t+60s bot-0");
    assertThat(discord.identifiesSpent()).isEqualTo(8);
  }

  @Test
  void aPodWithoutShardsNeverTurnsReadyAndHoldsAnOrderedRollout() {
    start(StartState.of(8, 4).withReplicas(3), 1);

    assertThat(controller.pods().ready()).isEqualTo(2);
    scaleTo(8, 2); // a repack: 4 pods of 2, bot-2 exists but never turned Ready

    runUntilQuiet();
    assertThat(controller.podRevision(3)).isNull(); // never created: bot-2 holds the order
    assertThat(status().get("currentRevision").getAsString())
        .isNotEqualTo(status().get("updateRevision").getAsString());
  }

  @Test
  void largeBotsIdentifyAWholeBucketInOneWindow() {
    start(StartState.of(32, 16), 16);

    scaleTo(48, 16);
    runUntilQuiet();

    // 16 shards per pod, 16 rate-limit keys: one 5 s window after the 10 s start
    assertThat(log).containsExactly("t+15s bot-2", "t+30s bot-1", "t+45s bot-0");
  }

  @Test
  void everyStatusChangeIsANewResourceVersion() {
    start(StartState.of(12, 4), 1);
    String before =
        store.current().getAsJsonObject("metadata").get("resourceVersion").getAsString();

    scaleTo(16, 4);

    String after = store.current().getAsJsonObject("metadata").get("resourceVersion").getAsString();
    assertThat(Long.parseLong(after)).isGreaterThan(Long.parseLong(before) + 1);
  }
}
