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
  private static final long TURN_AFTER_MILLIS = 120_000;

  private final KubernetesFake kube;
  private final String name;
  private final long startMillis;
  private final int startGuilds;
  private final int growthPerSecond;
  private final int sessionStarts;
  private int sessionStartsUsed;
  private long rolloutSeenAt = -1;

  /** The example bot: discord/bot, 11,500 guilds growing by 120 a second, 1,000 starts a day. */
  SimulatedBot(KubernetesFake kube, long startMillis) {
    this(kube, "bot", startMillis, 11_500, 120, 1000);
  }

  /**
   * @param sessionStarts the session starts Discord grants it for the day (a small one runs into
   *     the identify budget guard)
   */
  SimulatedBot(
      KubernetesFake kube,
      String name,
      long startMillis,
      int startGuilds,
      int growthPerSecond,
      int sessionStarts) {
    this.kube = kube;
    this.name = name;
    this.startMillis = startMillis;
    this.startGuilds = startGuilds;
    this.growthPerSecond = growthPerSecond;
    this.sessionStarts = sessionStarts;
  }

  String name() {
    return name;
  }

  int guilds() {
    long elapsed = System.currentTimeMillis() - startMillis;
    long growing = Math.min(elapsed, TURN_AFTER_MILLIS);
    long falling = Math.max(0, elapsed - TURN_AFTER_MILLIS);
    return (int) Math.max(1_000, startGuilds + (growing - falling) * growthPerSecond / 1000);
  }

  synchronized DiscordFake.Response gatewayBot() {
    int shards = Math.max(1, (int) Math.ceil(guilds() / 1000.0));
    return DiscordFake.gatewayBot(
        shards, 1000, Math.max(0, sessionStarts - sessionStartsUsed), 86_400_000L, 1);
  }

  /** Finishes a rollout about three seconds after it was first seen, spending session starts. */
  synchronized void controllerStep() {
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
