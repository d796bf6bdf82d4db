package dev.shardscaler.simulator.discord;

import java.time.Duration;
import java.time.Instant;

/**
 * Discord's session-start budget as the simulator models it: {@code total} starts per 24 hours. The
 * 24 hours open with the first start after a reset, so {@code reset_after} is 0 while nothing has
 * been spent. The total is fixed when the budget resets: 1,000, or for a bot in large bot sharding
 * ({@code max_concurrency} above 1) Discord's large-bot figure {@code max(2000, guilds / 1000 ×
 * 5)}. A start beyond the budget is counted as overdrawn: Discord would end every session and reset
 * the bot token.
 */
final class IdentifyBudget {
  static final Duration PERIOD = Duration.ofHours(24);

  private int total;
  private int remaining;
  private Instant resetsAt;
  private long spent;
  private int lowest = Integer.MAX_VALUE;
  private Instant lowestAt;
  private long overdrawn;
  // since the last ledger was taken
  private int spentSince;
  private int lowestSince = Integer.MAX_VALUE;
  private int overdrawnSince;

  static int totalFor(int guilds, int maxConcurrency) {
    return maxConcurrency > 1 ? Math.max(2000, guilds / 1000 * 5) : 1000;
  }

  /** Resets the budget if its 24 hours are over; a fresh budget takes today's total. */
  void refresh(Instant now, int guilds, int maxConcurrency) {
    if (resetsAt != null && !now.isBefore(resetsAt)) {
      resetsAt = null;
    }
    if (resetsAt == null) {
      total = totalFor(guilds, maxConcurrency);
      remaining = total;
    }
  }

  void spend(Instant now, int starts) {
    if (starts <= 0) {
      return;
    }
    if (resetsAt == null) {
      resetsAt = now.plus(PERIOD);
    }
    int beyond = starts - Math.max(0, remaining);
    if (beyond > 0) {
      overdrawn += beyond;
      overdrawnSince += beyond;
    }
    remaining -= starts;
    spent += starts;
    spentSince += starts;
    if (remaining < lowest) {
      lowest = remaining;
      lowestAt = now;
    }
    lowestSince = Math.min(lowestSince, remaining);
  }

  int total() {
    return total;
  }

  /** What Discord reports: never below zero. */
  int remaining() {
    return Math.max(0, remaining);
  }

  Duration resetAfter(Instant now) {
    return resetsAt == null ? Duration.ZERO : Duration.between(now, resetsAt);
  }

  long spent() {
    return spent;
  }

  /** The lowest remaining after any start so far; null before the first start. */
  Integer lowest() {
    return lowestAt == null ? null : lowest;
  }

  Instant lowestAt() {
    return lowestAt;
  }

  long overdrawn() {
    return overdrawn;
  }

  /** What happened to the budget since the last call, and starts a new account. */
  Ledger take() {
    Ledger ledger =
        new Ledger(spentSince, spentSince == 0 ? null : lowestSince, overdrawnSince, remaining());
    spentSince = 0;
    lowestSince = Integer.MAX_VALUE;
    overdrawnSince = 0;
    return ledger;
  }
}
