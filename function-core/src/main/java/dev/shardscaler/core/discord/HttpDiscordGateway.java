package dev.shardscaler.core.discord;

import dev.shardscaler.core.Deadline;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.BotToken;
import dev.shardscaler.core.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DiscordGateway} over {@code java.net.http}: versioned path, {@code Authorization: Bot}, a
 * {@code DiscordBot} User-Agent, and Discord's rules for a well-behaved client
 * (docs/ARCHITECTURE.md lists them with their sources): stop on 401/403, one short wait on 429,
 * never retry a Cloudflare ban, at most two retries on 5xx or I/O errors. The read timeout covers
 * the whole answer, body included (a body trickled a byte at a time cannot hold a pass), and every
 * attempt and wait stays within the pass's deadline. Bodies over {@link #MAX_BODY_BYTES} are
 * refused.
 */
public final class HttpDiscordGateway implements DiscordGateway {
  public static final String USER_AGENT =
      "DiscordBot (https://github.com/shardscaler/shardscaler, 0.1.0)";
  static final int MAX_SERVER_RETRIES = 2;
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final String ROUTE = "GET /gateway/bot";
  private static final Logger log = LoggerFactory.getLogger(HttpDiscordGateway.class);

  private final HttpClient http;
  private final URI endpoint;
  private final BotToken token;
  private final Duration readTimeout;
  private final Duration maxRetryWait;
  private final Duration backoff;
  private final Sleeper sleeper;
  private final Clock clock;

  public HttpDiscordGateway(
      URI baseUrl,
      BotToken token,
      Duration connectTimeout,
      Duration readTimeout,
      Duration maxRetryWait,
      Duration backoff,
      Sleeper sleeper,
      Clock clock) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.endpoint = URI.create(baseUrl.toString() + "/gateway/bot");
    this.token = token;
    this.readTimeout = readTimeout;
    this.maxRetryWait = maxRetryWait;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** The gateway as configured, with real waits and a one-second base backoff. */
  public static HttpDiscordGateway fromSettings(Settings settings, Clock clock) {
    return new HttpDiscordGateway(
        settings.discordApiBaseUrl(),
        settings.botToken(),
        settings.discordConnectTimeout(),
        settings.discordReadTimeout(),
        settings.discordMaxRetryWait(),
        Duration.ofSeconds(1),
        Sleeper.REAL,
        clock);
  }

  @Override
  public GatewayBot gatewayBot() {
    return gatewayBot(Deadline.none());
  }

  @Override
  public GatewayBot gatewayBot(Deadline deadline) {
    int serverRetries = 0;
    boolean waitedForRateLimit = false;
    while (true) {
      if (deadline.expired()) {
        throw deadline.exceeded("asking Discord " + ROUTE + "; nothing was changed");
      }
      Duration timeout = deadline.cap(readTimeout);
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .GET()
              .timeout(timeout)
              .header("Authorization", "Bot " + token.reveal())
              .header("User-Agent", USER_AGENT)
              .header("Accept", "application/json")
              .build();
      DiscordApiException failure;
      try {
        HttpResponse<String> response = send(request, timeout);
        int status = response.statusCode();
        if (status == 200) {
          return GatewayBotParser.parse(token.scrub(response.body()));
        }
        if (status == 429) {
          RateLimit limit = RateLimit.of(response, token);
          if (!limit.fromDiscord()) {
            throw new DiscordApiException(
                Reason.DISCORD_BLOCKED,
                429,
                "Discord (Cloudflare) is blocking this IP temporarily: 429 without rate-limit"
                    + " headers on "
                    + ROUTE
                    + ". Not retrying; such bans last an hour to a day. Poll less often and use a"
                    + " dedicated egress IP.",
                false,
                clock.instant().plus(Duration.ofHours(1)));
          }
          if (!waitedForRateLimit
              && limit.retryAfter().compareTo(maxRetryWait) <= 0
              && limit.retryAfter().compareTo(deadline.remaining()) < 0) {
            log.info("Discord rate limit on {}: waiting {} ms once", ROUTE, limit.millis());
            sleeper.sleep(limit.retryAfter());
            waitedForRateLimit = true;
            continue;
          }
          throw new DiscordApiException(
              Reason.DISCORD_RATE_LIMITED,
              429,
              "Discord rate limited "
                  + ROUTE
                  + " for "
                  + limit.millis() / 1000.0
                  + " s (scope "
                  + limit.scope()
                  + ")"
                  + (waitedForRateLimit
                      ? " again after one wait"
                      : ", longer than SCALER_DISCORD_MAX_RETRY_WAIT ("
                          + maxRetryWait.toMillis() / 1000.0
                          + " s)")
                  + "; retry after the reset",
              true,
              clock.instant().plus(limit.retryAfter()));
        }
        if (status == 401 || status == 403) {
          throw new DiscordApiException(
              Reason.DISCORD_UNAUTHORIZED,
              status,
              "Discord refused the bot token on "
                  + ROUTE
                  + " (HTTP "
                  + status
                  + "): check BOT_TOKEN. Not retrying: every refused request counts toward"
                  + " Discord's invalid-request ban.",
              false,
              null);
        }
        if (status < 500) {
          throw new DiscordApiException(
              Reason.DISCORD_BAD_RESPONSE,
              status,
              "Discord answered " + ROUTE + " with unexpected HTTP " + status + excerpt(response),
              false,
              null);
        }
        failure =
            new DiscordApiException(
                Reason.DISCORD_UNAVAILABLE,
                status,
                "Discord answered " + ROUTE + " with HTTP " + status,
                true,
                null);
      } catch (HttpTimeoutException | TimeoutException e) {
        if (deadline.expired()) {
          throw deadline.exceeded(
              "waiting for Discord's answer to " + ROUTE + "; nothing was changed");
        }
        failure =
            new DiscordApiException(
                Reason.DISCORD_UNAVAILABLE,
                0,
                "Discord did not answer "
                    + ROUTE
                    + " within "
                    + timeout.toMillis()
                    + " ms (SCALER_DISCORD_READ_TIMEOUT / SCALER_DISCORD_CONNECT_TIMEOUT)",
                true,
                null);
      } catch (IOException e) {
        failure =
            new DiscordApiException(
                Reason.DISCORD_UNAVAILABLE,
                0,
                "could not reach Discord at "
                    + endpoint.getHost()
                    + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "")
                    + " for "
                    + ROUTE
                    + ": "
                    + describe(e),
                true,
                null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DiscordApiException(
            Reason.DISCORD_UNAVAILABLE, 0, "interrupted while asking Discord", true, null);
      }
      if (serverRetries >= MAX_SERVER_RETRIES) {
        throw new DiscordApiException(
            failure.reason(),
            failure.status(),
            failure.getMessage() + " (after " + (serverRetries + 1) + " attempts)",
            true,
            null);
      }
      Duration wait = backoff.multipliedBy(1L << serverRetries);
      if (wait.compareTo(deadline.remaining()) >= 0) {
        throw new DiscordApiException(
            failure.reason(),
            failure.status(),
            failure.getMessage()
                + " (after "
                + (serverRetries + 1)
                + " attempts; no time left in the pass for another)",
            true,
            null);
      }
      serverRetries++;
      log.warn(
          "{}; retry {} of {} in {} ms",
          failure.getMessage(),
          serverRetries,
          MAX_SERVER_RETRIES,
          wait.toMillis());
      sleeper.sleep(wait);
    }
  }

  /**
   * Sends and waits for the whole answer, body included, at most {@code timeout}; a body over
   * {@link #MAX_BODY_BYTES} fails as an I/O error.
   */
  private HttpResponse<String> send(HttpRequest request, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    CompletableFuture<HttpResponse<String>> answer =
        http.sendAsync(request, info -> LimitedBody.utf8(MAX_BODY_BYTES));
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw e;
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException timeoutException) {
        throw timeoutException;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? e.toString() : cause.toString(), cause);
    }
  }

  private String excerpt(HttpResponse<String> response) {
    String body = token.scrub(response.body());
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }

  /** What a 429 said about itself. */
  private record RateLimit(boolean fromDiscord, Duration retryAfter, String scope) {
    static RateLimit of(HttpResponse<String> response, BotToken token) {
      boolean fromDiscord =
          response.headers().map().keySet().stream()
              .anyMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-ratelimit-"));
      Duration wait =
          GatewayBotParser.retryAfterSeconds(token.scrub(response.body()))
              .or(() -> header(response, "retry-after"))
              .map(seconds -> Duration.ofMillis((long) Math.ceil(seconds * 1000)))
              .orElse(Duration.ofSeconds(60));
      String scope = response.headers().firstValue("x-ratelimit-scope").orElse("unknown");
      return new RateLimit(fromDiscord, wait, scope);
    }

    long millis() {
      return retryAfter.toMillis();
    }

    private static Optional<Double> header(HttpResponse<String> response, String name) {
      try {
        return response
            .headers()
            .firstValue(name)
            .map(Double::parseDouble)
            .filter(seconds -> seconds >= 0 && !seconds.isNaN())
            .map(seconds -> Math.min(seconds, GatewayBotParser.MAX_RETRY_AFTER_SECONDS));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }
}
