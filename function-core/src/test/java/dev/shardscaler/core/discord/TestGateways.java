package dev.shardscaler.core.discord;

import dev.shardscaler.core.config.Settings;
import java.time.Clock;
import java.time.Duration;

/** The Discord client of the integration tests: as configured, with a 10 ms retry base. */
public final class TestGateways {
  private TestGateways() {}

  /**
   * The real client for {@code settings}; its waits between retries are handed to {@code waits}
   * instead of slept, so a test of a retry does not take a retry's time.
   */
  public static HttpDiscordGateway fast(Settings settings, Sleeper waits, Clock clock) {
    return new HttpDiscordGateway(
        settings.discordApiBaseUrl(),
        settings.botToken(),
        settings.discordConnectTimeout(),
        settings.discordReadTimeout(),
        settings.discordMaxRetryWait(),
        Duration.ofMillis(10),
        waits,
        clock);
  }
}
