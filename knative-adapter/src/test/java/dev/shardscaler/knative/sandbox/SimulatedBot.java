package dev.shardscaler.knative.sandbox;

import dev.shardscaler.testkit.DiscordFake;
import java.util.function.IntSupplier;

/**
 * The sandbox's bot as Discord sees it: a guild count that grows for two minutes and then falls,
 * Discord's recommendation for it (about 1,000 guilds per shard), and the session-start budget that
 * its pods' IDENTIFYs spend.
 */
final class SimulatedBot {
  private static final int START_GUILDS = 11_500;
  private static final int GROWTH_PER_SECOND = 120;
  private static final long TURN_AFTER_MILLIS = 120_000;

  private final long startMillis;
  private final IntSupplier identifies;

  SimulatedBot(long startMillis, IntSupplier identifies) {
    this.startMillis = startMillis;
    this.identifies = identifies;
  }

  int guilds() {
    long elapsed = System.currentTimeMillis() - startMillis;
    long growing = Math.min(elapsed, TURN_AFTER_MILLIS);
    long falling = Math.max(0, elapsed - TURN_AFTER_MILLIS);
    return (int) Math.max(1_000, START_GUILDS + (growing - falling) * GROWTH_PER_SECOND / 1000);
  }

  DiscordFake.Response gatewayBot() {
    int shards = Math.max(1, (int) Math.ceil(guilds() / 1000.0));
    return DiscordFake.gatewayBot(
        shards, 1000, Math.max(0, 1000 - identifies.getAsInt()), 86_400_000L, 1);
  }
}
