package dev.shardscaler.simulator.discord;

import dev.shardscaler.core.discord.DiscordGateway;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.discord.SessionStartLimit;
import dev.shardscaler.simulator.history.GuildHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Discord as the simulated bot meets it: {@code GET /gateway/bot} answered from the guild history,
 * the session-start budget, and IDENTIFY pacing. The recommendation is {@code max(1, ceil(guilds /
 * 1000))}, rounded up to a multiple of {@code max_concurrency} when that is above 1 (as Discord
 * does for large bots). Every shard start spends one session start. Starts are paced per rate-limit
 * key ({@code shard_id % max_concurrency}): one per key every 5 seconds, so a pod is Ready 5
 * seconds after its last shard's slot.
 */
public final class SimulatedDiscord implements DiscordGateway {
  public static final Duration IDENTIFY_INTERVAL = Duration.ofSeconds(5);
  static final long IDENTIFY_MILLIS = IDENTIFY_INTERVAL.toMillis();

  private final GuildHistory history;
  private final Clock clock;
  private final IdentifyBudget budget = new IdentifyBudget();
  private long[] keyFreeAt = new long[1];
  private GatewayBot lastAnswer;

  public SimulatedDiscord(GuildHistory history, Clock clock) {
    this.history = history;
    this.clock = clock;
  }

  /** Discord's recommendation for a bot in {@code guilds} guilds. */
  public static int recommendedShards(int guilds, int maxConcurrency) {
    int shards = Math.max(1, (int) ((guilds + 999L) / 1000));
    if (maxConcurrency > 1 && shards % maxConcurrency != 0) {
      shards = (shards / maxConcurrency + 1) * maxConcurrency;
    }
    return shards;
  }

  /** The session starts per 24 hours (see {@link IdentifyBudget}). */
  public static int sessionStartTotal(int guilds, int maxConcurrency) {
    return IdentifyBudget.totalFor(guilds, maxConcurrency);
  }

  @Override
  public GatewayBot gatewayBot() {
    Instant now = clock.instant();
    int guilds = history.guilds(now);
    int maxConcurrency = history.maxConcurrency(now);
    budget.refresh(now, guilds, maxConcurrency);
    lastAnswer =
        new GatewayBot(
            recommendedShards(guilds, maxConcurrency),
            new SessionStartLimit(
                budget.total(), budget.remaining(), budget.resetAfter(now), maxConcurrency));
    return lastAnswer;
  }

  /** The last answer given; null after {@link #forgetAnswer()} until the next call. */
  public GatewayBot lastAnswer() {
    return lastAnswer;
  }

  public void forgetAnswer() {
    lastAnswer = null;
  }

  /**
   * Shards {@code first..last} of a pod start identifying at {@code at}: each spends one session
   * start and takes the next free 5-second slot of its rate-limit key.
   *
   * @return when the pod's last shard is connected (the pod turns Ready)
   */
  public Instant identify(Instant at, int first, int last) {
    int maxConcurrency = history.maxConcurrency(at);
    budget.refresh(at, history.guilds(at), maxConcurrency);
    budget.spend(at, last - first + 1);
    if (keyFreeAt.length != maxConcurrency) {
      keyFreeAt = new long[maxConcurrency];
      Arrays.fill(keyFreeAt, Long.MIN_VALUE);
    }
    long from = at.toEpochMilli();
    long lastSlot = from;
    for (int shard = first; shard <= last; shard++) {
      int key = shard % maxConcurrency;
      long slot = Math.max(from, keyFreeAt[key]);
      keyFreeAt[key] = slot + IDENTIFY_MILLIS;
      lastSlot = Math.max(lastSlot, slot);
    }
    return Instant.ofEpochMilli(lastSlot + IDENTIFY_MILLIS);
  }

  /** What the budget went through since the last call. */
  public Ledger takeLedger() {
    return budget.take();
  }

  public long identifiesSpent() {
    return budget.spent();
  }

  /** The lowest remaining budget after any start; null when nothing was started. */
  public Integer lowestRemaining() {
    return budget.lowest();
  }

  public Instant lowestRemainingAt() {
    return budget.lowestAt();
  }

  public long overdrawn() {
    return budget.overdrawn();
  }
}
