package dev.shardscaler.core.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardscaler.core.Reason;
import dev.shardscaler.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class CachingDiscordGatewayTest {
  final TestClock clock = new TestClock(Instant.parse("2026-11-28T12:00:00Z"));
  final Deque<Object> answers = new ArrayDeque<>();
  int calls;

  final DiscordGateway scripted =
      () -> {
        calls++;
        Object next = answers.poll();
        if (next instanceof RuntimeException e) {
          throw e;
        }
        return (GatewayBot) next;
      };

  static GatewayBot answer(int shards) {
    return new GatewayBot(shards, new SessionStartLimit(1000, 900, Duration.ofHours(1), 1));
  }

  @Test
  void reusesARecommendationWithinItsTimeAndAgesTheReset() {
    answers.add(answer(9));
    answers.add(answer(10));
    CachingDiscordGateway gateway =
        new CachingDiscordGateway(scripted, Duration.ofSeconds(30), clock);

    gateway.gatewayBot();
    clock.advance(Duration.ofSeconds(20));
    GatewayBot reused = gateway.gatewayBot();
    clock.advance(Duration.ofSeconds(11));
    GatewayBot fresh = gateway.gatewayBot();

    assertThat(reused.shards()).isEqualTo(9);
    assertThat(reused.sessionStartLimit().resetAfter()).isEqualTo(Duration.ofSeconds(3580));
    assertThat(fresh.shards()).isEqualTo(10);
    assertThat(calls).isEqualTo(2);
  }

  @Test
  void failuresAreNotCached() {
    answers.add(new DiscordApiException(Reason.DISCORD_UNAVAILABLE, 503, "down", true, null));
    answers.add(answer(9));
    CachingDiscordGateway gateway =
        new CachingDiscordGateway(scripted, Duration.ofMinutes(1), clock);

    assertThatThrownBy(gateway::gatewayBot).hasMessage("down");
    assertThat(gateway.gatewayBot().shards()).isEqualTo(9);
    assertThat(calls).isEqualTo(2);
  }
}
