package dev.shardscaler.simulator.history;

import java.time.Duration;
import java.time.Instant;

/** A history that stands still: the same guilds and max_concurrency for {@code days} days. */
public record FixedHistory(Instant start, int days, int guildCount, int concurrency)
    implements GuildHistory {

  @Override
  public Instant end() {
    return start.plus(Duration.ofDays(days));
  }

  @Override
  public int guilds(Instant at) {
    return guildCount;
  }

  @Override
  public int maxConcurrency(Instant at) {
    return concurrency;
  }

  @Override
  public String description() {
    return guildCount + " guilds";
  }
}
