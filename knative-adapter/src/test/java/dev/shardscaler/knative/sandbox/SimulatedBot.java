package dev.shardscaler.knative.sandbox;

import dev.shardscaler.testkit.DiscordFake;
import java.util.function.IntSupplier;

/**
 * A sandbox bot as Discord sees it: a guild count that grows for two minutes and then falls,
 * Discord's recommendation for it (about 1,000 guilds per shard), and the session-start budget that
 * its pods' IDENTIFYs spend (counted by whatever runs its pods: the {@link PodModel}, or a {@link
 * RolloutController}).
 */
final class SimulatedBot {
  private static final long TURN_AFTER_MILLIS = 120_000;

  private final String name;
  private final long startMillis;
  private final int startGuilds;
  private final int growthPerSecond;
  private final int sessionStarts;
  private final IntSupplier identifies;

  /**
   * @param name the bot's StatefulSet
   * @param sessionStarts the session starts Discord grants it for the day (a small one runs into
   *     the identify budget guard)
   * @param identifies the session starts its pods have spent so far
   */
  SimulatedBot(
      String name,
      long startMillis,
      int startGuilds,
      int growthPerSecond,
      int sessionStarts,
      IntSupplier identifies) {
    this.name = name;
    this.startMillis = startMillis;
    this.startGuilds = startGuilds;
    this.growthPerSecond = growthPerSecond;
    this.sessionStarts = sessionStarts;
    this.identifies = identifies;
  }

  /** The example bot: discord/bot, 11,500 guilds growing by 120 a second, 1,000 starts a day. */
  static SimulatedBot example(long startMillis, IntSupplier identifies) {
    return new SimulatedBot("bot", startMillis, 11_500, 120, 1000, identifies);
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

  DiscordFake.Response gatewayBot() {
    int shards = Math.max(1, (int) Math.ceil(guilds() / 1000.0));
    return DiscordFake.gatewayBot(
        shards, 1000, Math.max(0, sessionStarts - identifies.getAsInt()), 86_400_000L, 1);
  }
}
