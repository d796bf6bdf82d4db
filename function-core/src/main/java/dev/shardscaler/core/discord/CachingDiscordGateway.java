package dev.shardscaler.core.discord;

import dev.shardscaler.core.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Reuses a recommendation for a short time, so that a warm instance hit by repeated triggers asks
 * Discord once. Failures are not cached. Calls are serialized: a burst makes one request.
 */
public final class CachingDiscordGateway implements DiscordGateway {
  private final DiscordGateway delegate;
  private final Duration ttl;
  private final Clock clock;
  private GatewayBot cached;
  private Instant fetchedAt;

  public CachingDiscordGateway(DiscordGateway delegate, Duration ttl, Clock clock) {
    this.delegate = delegate;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public GatewayBot gatewayBot() {
    return gatewayBot(Deadline.none());
  }

  @Override
  public synchronized GatewayBot gatewayBot(Deadline deadline) {
    Instant now = clock.instant();
    if (cached != null && now.isBefore(fetchedAt.plus(ttl))) {
      // The budget moved on since: report the reset relative to now, not to the fetch.
      Duration age = Duration.between(fetchedAt, now);
      SessionStartLimit limit = cached.sessionStartLimit();
      Duration left = limit.resetAfter().minus(age);
      return new GatewayBot(
          cached.shards(),
          new SessionStartLimit(
              limit.total(),
              limit.remaining(),
              left.isNegative() ? Duration.ZERO : left,
              limit.maxConcurrency()));
    }
    GatewayBot fresh = delegate.gatewayBot(deadline);
    cached = fresh;
    fetchedAt = now;
    return fresh;
  }
}
