package dev.shardscaler.knative.sandbox;

import com.google.gson.JsonObject;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;

/**
 * The sandbox's world: a bot whose guild count grows for two minutes and then falls, Discord's
 * recommendation for it (about 1,000 guilds per shard), the session starts its reshards spend, and
 * a StatefulSet controller that finishes each rollout a few seconds after it starts.
 */
final class SimulatedBot {
  private static final int START_GUILDS = 11_500;
  private static final int GROWTH_PER_SECOND = 120;
  private static final long TURN_AFTER_MILLIS = 120_000;

  private final KubernetesFake kube;
  private final long startMillis;
  private int sessionStartsUsed;
  private long rolloutSeenAt = -1;

  SimulatedBot(KubernetesFake kube, long startMillis) {
    this.kube = kube;
    this.startMillis = startMillis;
  }

  int guilds() {
    long elapsed = System.currentTimeMillis() - startMillis;
    long growing = Math.min(elapsed, TURN_AFTER_MILLIS);
    long falling = Math.max(0, elapsed - TURN_AFTER_MILLIS);
    return (int) Math.max(1_000, START_GUILDS + (growing - falling) * GROWTH_PER_SECOND / 1000);
  }

  synchronized DiscordFake.Response gatewayBot() {
    int shards = Math.max(1, (int) Math.ceil(guilds() / 1000.0));
    return DiscordFake.gatewayBot(
        shards, 1000, Math.max(0, 1000 - sessionStartsUsed), 86_400_000L, 1);
  }

  /** Finishes a rollout about three seconds after it was first seen, spending session starts. */
  synchronized void controllerStep() {
    JsonObject statefulSet = kube.getStatefulSet("discord", "bot");
    long generation = statefulSet.getAsJsonObject("metadata").get("generation").getAsLong();
    long observed = statefulSet.getAsJsonObject("status").get("observedGeneration").getAsLong();
    if (generation <= observed) {
      rolloutSeenAt = -1;
      return;
    }
    long now = System.currentTimeMillis();
    if (rolloutSeenAt < 0) {
      rolloutSeenAt = now;
    } else if (now - rolloutSeenAt >= 3_000) {
      kube.completeRollout("discord", "bot");
      sessionStartsUsed += shardsOf(statefulSet);
      rolloutSeenAt = -1;
    }
  }

  private static int shardsOf(JsonObject statefulSet) {
    return Integer.parseInt(BotStatefulSet.env(statefulSet, 0).getOrDefault("SHARDS", "0"));
  }
}
