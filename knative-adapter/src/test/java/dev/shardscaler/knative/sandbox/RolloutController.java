package dev.shardscaler.knative.sandbox;

import com.google.gson.JsonObject;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.KubernetesFake;

/**
 * The two-bot sandbox's StatefulSet controller for one bot, without pods: it finishes a rollout
 * about three seconds after it first sees it and counts the session starts the restarted pods spend
 * (every shard identifies once). The one-bot sandbox models pods instead ({@link PodModel}).
 */
final class RolloutController {
  private final KubernetesFake kube;
  private final String name;
  private int sessionStartsUsed;
  private long rolloutSeenAt = -1;

  RolloutController(KubernetesFake kube, String name) {
    this.kube = kube;
    this.name = name;
  }

  synchronized int sessionStartsUsed() {
    return sessionStartsUsed;
  }

  /** One look at the StatefulSet; call it once a tick. */
  synchronized void step() {
    JsonObject statefulSet = kube.getStatefulSet("discord", name);
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
      kube.completeRollout("discord", name);
      sessionStartsUsed += shardsOf(statefulSet);
      rolloutSeenAt = -1;
    }
  }

  private static int shardsOf(JsonObject statefulSet) {
    return Integer.parseInt(BotStatefulSet.env(statefulSet, 0).getOrDefault("SHARDS", "0"));
  }
}
