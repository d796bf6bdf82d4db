package dev.shardscaler.simulator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.simulator.SimClock;
import dev.shardscaler.simulator.history.FixedHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatedDiscordTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest(name = "{0} guilds, max_concurrency {1} → {2} shards, {3} starts a day")
  @CsvSource({
    "0, 1, 1, 1000",
    "1, 1, 1, 1000",
    "1000, 1, 1, 1000",
    "1001, 1, 2, 1000",
    "12276, 1, 13, 1000",
    "150001, 16, 160, 2000",
    "160001, 16, 176, 2000",
    "1000000, 16, 1008, 5000",
    "1000000, 64, 1024, 5000"
  })
  void recommendsAboutAThousandGuildsPerShardAndABudgetByBotSize(
      int guilds, int maxConcurrency, int shards, int total) {
    assertThat(SimulatedDiscord.recommendedShards(guilds, maxConcurrency)).isEqualTo(shards);
    assertThat(SimulatedDiscord.sessionStartTotal(guilds, maxConcurrency)).isEqualTo(total);
  }

  @Test
  void everyStartSpendsOneAndTheBudgetResetsTwentyFourHoursAfterTheFirst() {
    SimClock clock = new SimClock(T0);
    SimulatedDiscord discord = new SimulatedDiscord(new FixedHistory(T0, 3, 12_000, 1), clock);

    GatewayBot fresh = discord.gatewayBot();
    assertThat(fresh.shards()).isEqualTo(12);
    assertThat(fresh.sessionStartLimit().remaining()).isEqualTo(1000);
    assertThat(fresh.sessionStartLimit().resetAfter()).isZero();

    discord.identify(T0.plusSeconds(60), 0, 11);
    clock.set(T0.plus(Duration.ofHours(2)));
    GatewayBot spent = discord.gatewayBot();
    assertThat(spent.sessionStartLimit().remaining()).isEqualTo(988);
    assertThat(spent.sessionStartLimit().resetAfter())
        .isEqualTo(Duration.ofHours(22).plusSeconds(60));

    clock.set(T0.plus(Duration.ofHours(24)).plusSeconds(60));
    assertThat(discord.gatewayBot().sessionStartLimit().remaining()).isEqualTo(1000);
    assertThat(discord.identifiesSpent()).isEqualTo(12);
    assertThat(discord.lowestRemaining()).isEqualTo(988);
  }

  @Test
  void startsBeyondTheBudgetAreCountedAsOverdrawnAndReportedAsZeroLeft() {
    SimClock clock = new SimClock(T0);
    SimulatedDiscord discord = new SimulatedDiscord(new FixedHistory(T0, 1, 12_000, 1), clock);
    discord.gatewayBot();

    discord.identify(T0, 0, 899);
    Ledger first = discord.takeLedger();
    discord.identify(T0.plusSeconds(10), 0, 199);
    Ledger second = discord.takeLedger();

    assertThat(first).isEqualTo(new Ledger(900, 100, 0, 100));
    assertThat(second).isEqualTo(new Ledger(200, -100, 100, 0));
    assertThat(discord.gatewayBot().sessionStartLimit().remaining()).isZero();
    assertThat(discord.overdrawn()).isEqualTo(100);
    assertThat(discord.takeLedger()).isEqualTo(new Ledger(0, null, 0, 0));
  }

  @Test
  void shardsOnTheSameRateLimitKeyTakeTurnsAcrossPods() {
    SimulatedDiscord discord =
        new SimulatedDiscord(new FixedHistory(T0, 1, 40_000, 16), Clock.fixed(T0, ZoneOffset.UTC));

    Instant firstPod = discord.identify(T0, 0, 15);
    Instant secondPod = discord.identify(T0, 16, 31);
    Instant halfBucket = discord.identify(T0, 32, 39);

    assertThat(firstPod).isEqualTo(T0.plusSeconds(5));
    assertThat(secondPod).isEqualTo(T0.plusSeconds(10));
    assertThat(halfBucket).isEqualTo(T0.plusSeconds(15));
  }
}
