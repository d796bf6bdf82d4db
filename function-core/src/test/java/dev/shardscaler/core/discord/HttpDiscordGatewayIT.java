package dev.shardscaler.core.discord;

import static dev.shardscaler.testkit.DiscordFake.cloudflareBan;
import static dev.shardscaler.testkit.DiscordFake.forbidden;
import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static dev.shardscaler.testkit.DiscordFake.json;
import static dev.shardscaler.testkit.DiscordFake.rateLimited;
import static dev.shardscaler.testkit.DiscordFake.serverError;
import static dev.shardscaler.testkit.DiscordFake.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.BotToken;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.LogCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpDiscordGatewayIT {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.secret_token_value_for_tests";
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  DiscordFake discord;
  LogCapture logs;
  final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() {
    discord = new DiscordFake();
    logs = new LogCapture();
  }

  @AfterEach
  void stop() {
    assertThat(logs.lines()).noneMatch(line -> line.contains(TOKEN));
    logs.close();
    discord.close();
  }

  HttpDiscordGateway gateway(String baseUrl, Duration readTimeout) {
    return new HttpDiscordGateway(
        URI.create(baseUrl),
        BotToken.of(TOKEN),
        Duration.ofSeconds(2),
        readTimeout,
        Duration.ofSeconds(10),
        Duration.ofMillis(250),
        waits::add,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  HttpDiscordGateway gateway() {
    return gateway(discord.baseUrl(), Duration.ofSeconds(5));
  }

  @Test
  void asksTheVersionedRouteWithBotAuthorizationAndAUserAgent() {
    discord.enqueue(gatewayBot(9, 1000, 999, 14_400_000, 1));

    GatewayBot answer = gateway().gatewayBot();

    assertThat(answer.shards()).isEqualTo(9);
    assertThat(answer.sessionStartLimit())
        .isEqualTo(new SessionStartLimit(1000, 999, Duration.ofHours(4), 1));
    DiscordFake.ReceivedRequest request = discord.requests().get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/api/v10/gateway/bot");
    assertThat(request.header("Authorization")).isEqualTo("Bot " + TOKEN);
    assertThat(request.header("User-Agent")).matches("DiscordBot \\(https://[^,]+, [0-9.]+\\)");
  }

  @Test
  void waitsOnceOnAShortRateLimitThenSucceeds() {
    discord.enqueue(rateLimited(1.5), gatewayBot(10, 900, 1));

    assertThat(gateway().gatewayBot().shards()).isEqualTo(10);
    assertThat(waits).containsExactly(Duration.ofMillis(1500));
    assertThat(discord.requests()).hasSize(2);
  }

  @Test
  void aSecondRateLimitAfterTheWaitFailsWithTheRetryTime() {
    discord.enqueue(rateLimited(1), rateLimited(2));

    assertThatThrownBy(() -> gateway().gatewayBot())
        .isInstanceOfSatisfying(
            DiscordApiException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.DISCORD_RATE_LIMITED);
              assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(2));
              assertThat(e.getMessage()).contains("again after one wait");
            });
    assertThat(discord.requests()).hasSize(2);
  }

  @Test
  void aLongRateLimitFailsAtOnceSayingWhenToRetry() {
    discord.enqueue(rateLimited(3600));

    assertThatThrownBy(() -> gateway().gatewayBot())
        .isInstanceOfSatisfying(
            DiscordApiException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.DISCORD_RATE_LIMITED);
              assertThat(e.retryable()).isTrue();
              assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(3600));
              assertThat(e.getMessage())
                  .contains("3600.0 s")
                  .contains("SCALER_DISCORD_MAX_RETRY_WAIT");
            });
    assertThat(waits).isEmpty();
    assertThat(discord.requests()).hasSize(1);
  }

  @Test
  void theRetryAfterHeaderIsUsedWhenTheBodyHasNone() {
    discord.enqueue(
        json(429, "{}").withHeader("Retry-After", "2").withHeader("X-RateLimit-Scope", "shared"),
        gatewayBot(3, 1000, 1));

    assertThat(gateway().gatewayBot().shards()).isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
  }

  static Stream<Arguments> terminal() {
    return Stream.of(
        Arguments.of(
            Named.of("401 invalid token", unauthorized()),
            Reason.DISCORD_UNAUTHORIZED,
            "check BOT_TOKEN"),
        Arguments.of(Named.of("403", forbidden()), Reason.DISCORD_UNAUTHORIZED, "HTTP 403"),
        Arguments.of(
            Named.of("Cloudflare ban", cloudflareBan()),
            Reason.DISCORD_BLOCKED,
            "429 without rate-limit headers"),
        Arguments.of(
            Named.of("404 from a wrong proxy path", json(404, "{\"message\":\"404\"}")),
            Reason.DISCORD_BAD_RESPONSE,
            "unexpected HTTP 404"),
        Arguments.of(
            Named.of("garbage body", json(200, "<html>hello</html>")),
            Reason.DISCORD_BAD_RESPONSE,
            "body is not a JSON object: \"<html>hello</html>\""),
        Arguments.of(
            Named.of(
                "missing shards",
                json(
                    200,
                    "{\"url\":\"wss://x\",\"session_start_limit\":{\"total\":1000,\"remaining\":1,"
                        + "\"reset_after\":1,\"max_concurrency\":1}}")),
            Reason.DISCORD_BAD_RESPONSE,
            "field \"shards\" must be an integer from 1 to 100000," + " got nothing (missing)"),
        Arguments.of(
            Named.of(
                "zero shards",
                json(
                    200,
                    "{\"shards\":0,\"session_start_limit\":{\"total\":1000,\"remaining\":1,"
                        + "\"reset_after\":1,\"max_concurrency\":1}}")),
            Reason.DISCORD_BAD_RESPONSE,
            "got 0"),
        Arguments.of(
            Named.of(
                "negative shards",
                json(
                    200,
                    "{\"shards\":-4,\"session_start_limit\":{\"total\":1000,\"remaining\":1,"
                        + "\"reset_after\":1,\"max_concurrency\":1}}")),
            Reason.DISCORD_BAD_RESPONSE,
            "got -4"),
        Arguments.of(
            Named.of(
                "huge shards",
                json(
                    200,
                    "{\"shards\":99999999999,\"session_start_limit\":{\"total\":1000,\"remaining\":1,"
                        + "\"reset_after\":1,\"max_concurrency\":1}}")),
            Reason.DISCORD_BAD_RESPONSE,
            "got 99999999999"),
        Arguments.of(
            Named.of(
                "fractional shards",
                json(
                    200,
                    "{\"shards\":2.5,\"session_start_limit\":{\"total\":1000,\"remaining\":1,"
                        + "\"reset_after\":1,\"max_concurrency\":1}}")),
            Reason.DISCORD_BAD_RESPONSE,
            "got 2.5"),
        Arguments.of(
            Named.of("no session_start_limit", json(200, "{\"shards\":3}")),
            Reason.DISCORD_BAD_RESPONSE,
            "\"session_start_limit\" must be an object"),
        Arguments.of(
            Named.of(
                "remaining as a string",
                json(
                    200,
                    "{\"shards\":3,\"session_start_limit\":{\"total\":1000,\"remaining\":\"lots\","
                        + "\"reset_after\":1,\"max_concurrency\":1}}")),
            Reason.DISCORD_BAD_RESPONSE,
            "\"session_start_limit.remaining\" must be an integer" + " ≥ 0, got \"lots\""),
        Arguments.of(
            Named.of(
                "max_concurrency 0",
                json(
                    200,
                    "{\"shards\":3,\"session_start_limit\":{\"total\":1000,\"remaining\":1,"
                        + "\"reset_after\":1,\"max_concurrency\":0}}")),
            Reason.DISCORD_BAD_RESPONSE,
            "session_start_limit.max_concurrency"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("terminal")
  void failsWithoutRetryingAndNamesTheProblem(
      DiscordFake.Response response, Reason reason, String message) {
    discord.enqueue(response);

    assertThatThrownBy(() -> gateway().gatewayBot())
        .isInstanceOfSatisfying(
            DiscordApiException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains(message).doesNotContain(TOKEN);
            });
    assertThat(discord.requests()).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void aBodyEchoingTheTokenIsScrubbed() {
    discord.enqueue(json(200, "not json " + TOKEN));

    assertThatThrownBy(() -> gateway().gatewayBot())
        .hasMessageContaining("[redacted]")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @MethodSource("serverErrors")
  void serverErrorsAreRetriedTwiceWithBackoff(int status) {
    discord.enqueue(serverError(status), serverError(status), gatewayBot(5, 1000, 1));

    assertThat(gateway().gatewayBot().shards()).isEqualTo(5);
    assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  static Stream<Integer> serverErrors() {
    return Stream.of(500, 502, 503);
  }

  @Test
  void threeServerErrorsFailAsUnavailable() {
    discord.enqueue(serverError(502), serverError(502), serverError(502), gatewayBot(5, 1, 1));

    assertThatThrownBy(() -> gateway().gatewayBot())
        .isInstanceOfSatisfying(
            DiscordApiException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.DISCORD_UNAVAILABLE);
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("HTTP 502").contains("after 3 attempts");
            });
    assertThat(discord.requests()).hasSize(3);
  }

  @Test
  void aSlowAnswerTimesOutAndIsRetried() {
    discord.enqueue(
        gatewayBot(5, 1000, 1).withDelay(Duration.ofSeconds(2)),
        gatewayBot(5, 1000, 1).withDelay(Duration.ofSeconds(2)),
        gatewayBot(5, 1000, 1).withDelay(Duration.ofSeconds(2)));

    assertThatThrownBy(() -> gateway(discord.baseUrl(), Duration.ofMillis(200)).gatewayBot())
        .isInstanceOfSatisfying(
            DiscordApiException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.DISCORD_UNAVAILABLE);
              assertThat(e.getMessage()).contains("did not answer").contains("within 200 ms");
            });
    assertThat(waits).hasSize(2);
  }

  @Test
  void aRefusedConnectionIsRetriedThenReported() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(
            () ->
                gateway("http://127.0.0.1:" + closedPort + "/api/v10", Duration.ofSeconds(1))
                    .gatewayBot())
        .isInstanceOfSatisfying(
            DiscordApiException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.DISCORD_UNAVAILABLE);
              assertThat(e.getMessage())
                  .contains("could not reach Discord at 127.0.0.1:" + closedPort);
            });
    assertThat(waits).hasSize(2);
  }
}
