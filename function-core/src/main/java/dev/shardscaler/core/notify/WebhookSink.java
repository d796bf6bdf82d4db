package dev.shardscaler.core.notify;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.Deadline;
import dev.shardscaler.core.Json;
import dev.shardscaler.core.discord.HttpDiscordGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One webhook: the Discord one (an execute-webhook message with embeds, {@code ?wait=true} so that
 * Discord confirms it stored the message) or the JSON one (the notices as data). A 429 is honoured:
 * a short {@code retry_after} is waited once within the deadline, a longer one becomes the time
 * before which the next pass must not call; Discord's {@code X-RateLimit-Remaining: 0} does the
 * same ahead of time. Redirects are not followed, and no message ever shows the URL.
 */
final class WebhookSink {
  /** A 429 asking for at most this long is waited out within the pass. */
  static final Duration SHORT_WAIT = Duration.ofSeconds(1);

  private static final int MAX_JSON_NOTICES = 50;

  private final String name;
  private final String label;
  private final WebhookUrl url;
  private final boolean discord;
  private final HttpClient http;
  private final Clock clock;

  private WebhookSink(String name, WebhookUrl url, boolean discord, HttpClient http, Clock clock) {
    this.name = name;
    this.label = discord ? "the Discord webhook" : "the JSON webhook";
    this.url = url;
    this.discord = discord;
    this.http = http;
    this.clock = clock;
  }

  static WebhookSink discord(WebhookUrl url, HttpClient http, Clock clock) {
    return new WebhookSink("discord", url, true, http, clock);
  }

  static WebhookSink json(WebhookUrl url, HttpClient http, Clock clock) {
    return new WebhookSink("webhook", url, false, http, clock);
  }

  /** Its key in the memory: "discord" or "webhook". */
  String name() {
    return name;
  }

  /** How messages name it: "the Discord webhook". */
  String label() {
    return label;
  }

  /** How many notices one request carries; the rest wait for the next pass. */
  int batch() {
    return discord ? DiscordMessage.MAX_EMBEDS : MAX_JSON_NOTICES;
  }

  /** Sends the notices (at most {@link #batch()}) within the deadline; never throws. */
  Delivery send(List<Notice> notices, int dropped, Deadline deadline) {
    String body = body(notices, dropped);
    for (int attempt = 1; ; attempt++) {
      Delivery delivery = post(body, deadline);
      boolean shortWait =
          delivery.status() == Delivery.Status.RETRY
              && delivery.notBefore() != null
              && attempt == 1
              && !delivery.notBefore().isAfter(clock.instant().plus(SHORT_WAIT))
              && deadline.remaining().compareTo(SHORT_WAIT.multipliedBy(2)) > 0;
      if (!shortWait) {
        return delivery;
      }
      try {
        Thread.sleep(
            Math.max(0, Duration.between(clock.instant(), delivery.notBefore()).toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return delivery;
      }
    }
  }

  private String body(List<Notice> notices, int dropped) {
    if (discord) {
      JsonObject message = DiscordMessage.body(notices);
      if (dropped > 0) {
        String content = message.get("content").getAsString();
        message.addProperty(
            "content",
            DiscordMessage.cut(
                content + "\n(" + dropped + " older messages were dropped while undelivered)",
                DiscordMessage.MAX_CONTENT));
      }
      return Json.GSON.toJson(message);
    }
    JsonObject message = new JsonObject();
    message.addProperty("source", "shardscaler");
    message.addProperty("sentAt", clock.instant().toString());
    message.add("notices", Json.GSON.toJsonTree(notices));
    if (dropped > 0) {
      message.addProperty("dropped", dropped);
    }
    return Json.GSON.toJson(message);
  }

  private Delivery post(String body, Deadline deadline) {
    if (deadline.expired()) {
      return Delivery.retry(null, label + ": no time left in the pass to send");
    }
    HttpRequest request =
        HttpRequest.newBuilder(target())
            .timeout(deadline.cap(Duration.ofSeconds(30)))
            .header("Content-Type", "application/json")
            .header("User-Agent", HttpDiscordGateway.USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      return Delivery.retry(
          null, name + " webhook did not answer within " + deadline.total().toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Delivery.retry(null, label + ": the call was interrupted");
    } catch (java.io.IOException | RuntimeException e) {
      // the class only: an exception's message may name the host or the path
      return Delivery.retry(
          null, label + " could not be reached (" + e.getClass().getSimpleName() + ")");
    }
    int status = response.statusCode();
    Instant now = clock.instant();
    if (status >= 200 && status < 300) {
      return Delivery.delivered(exhausted(response, now));
    }
    if (status == 429) {
      Duration wait = retryAfter(response).orElse(Duration.ofSeconds(60));
      return Delivery.retry(
          now.plus(wait),
          label + " is rate limited (HTTP 429): next try after " + wait.toMillis() + " ms");
    }
    if (status >= 500) {
      return Delivery.retry(null, label + " answered HTTP " + status);
    }
    // 400: the message is refused as it is; 401/403/404: the webhook is gone or the URL wrong.
    return Delivery.refused(
        label
            + " refused the message (HTTP "
            + status
            + (status == 404 || status == 401
                ? ": the webhook was deleted or its URL is wrong; set a new one"
                : "")
            + ")");
  }

  private URI target() {
    URI uri = url.uri();
    if (!discord) {
      return uri;
    }
    String text = uri.toString();
    return URI.create(text + (uri.getRawQuery() == null ? "?" : "&") + "wait=true");
  }

  /** Discord's bucket is used up: the next call waits until it resets. */
  private Instant exhausted(HttpResponse<String> response, Instant now) {
    Optional<String> remaining = response.headers().firstValue("X-RateLimit-Remaining");
    Optional<String> resetAfter = response.headers().firstValue("X-RateLimit-Reset-After");
    if (remaining.isPresent() && remaining.get().strip().equals("0") && resetAfter.isPresent()) {
      Duration wait = seconds(resetAfter.get());
      return wait == null ? null : now.plus(wait);
    }
    return null;
  }

  /** {@code retry_after} of Discord's body (float seconds), else the Retry-After header. */
  private static Optional<Duration> retryAfter(HttpResponse<String> response) {
    try {
      JsonElement body = JsonParser.parseString(response.body());
      if (body.isJsonObject() && body.getAsJsonObject().has("retry_after")) {
        Duration wait = seconds(body.getAsJsonObject().get("retry_after").getAsString());
        if (wait != null) {
          return Optional.of(wait);
        }
      }
    } catch (RuntimeException e) {
      // not Discord's JSON: the header then
    }
    return response.headers().firstValue("Retry-After").map(WebhookSink::seconds);
  }

  /** Seconds as Discord writes them ("1.5"), capped at a day; null when unreadable. */
  private static Duration seconds(String text) {
    try {
      double value = Double.parseDouble(text.strip());
      if (!(value >= 0) || Double.isInfinite(value)) {
        return null;
      }
      return Duration.ofMillis((long) Math.ceil(Math.min(value, 86_400) * 1000));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
