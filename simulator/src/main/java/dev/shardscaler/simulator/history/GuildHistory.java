package dev.shardscaler.simulator.history;

import java.time.Instant;

/**
 * A bot's guild count over time, and the {@code max_concurrency} Discord gives it: the input of a
 * simulation. Passes run at {@code start + k × interval} for every such time before {@link #end()}.
 */
public interface GuildHistory {
  Instant start();

  /** Exclusive: no pass runs at or after this time. */
  Instant end();

  /** Guilds the bot is in at {@code at}. */
  int guilds(Instant at);

  /** Discord's {@code max_concurrency} for the bot at {@code at} (1 for most bots). */
  int maxConcurrency(Instant at);

  /** One line for the summary: where the history comes from. */
  String description();
}
