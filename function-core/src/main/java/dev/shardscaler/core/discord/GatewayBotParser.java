package dev.shardscaler.core.discord;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.Settings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** Reads and checks the body of {@code GET /gateway/bot}; every bad field is named. */
final class GatewayBotParser {
  static final double MAX_RETRY_AFTER_SECONDS = 86_400;

  private GatewayBotParser() {}

  static GatewayBot parse(String body) {
    JsonObject root = object(body);
    int shards = integer(root, "shards", 1, Settings.MAX_SHARDS_LIMIT);
    JsonElement limitElement = root.get("session_start_limit");
    if (limitElement == null || !limitElement.isJsonObject()) {
      throw bad("field \"session_start_limit\" must be an object, got " + shown(limitElement));
    }
    JsonObject limit = limitElement.getAsJsonObject();
    int total = integer(limit, "session_start_limit.total", "total", 1, Integer.MAX_VALUE);
    int remaining =
        integer(limit, "session_start_limit.remaining", "remaining", 0, Integer.MAX_VALUE);
    int resetAfter =
        integer(limit, "session_start_limit.reset_after", "reset_after", 0, Integer.MAX_VALUE);
    int maxConcurrency =
        integer(limit, "session_start_limit.max_concurrency", "max_concurrency", 1, 1024);
    return new GatewayBot(
        shards,
        new SessionStartLimit(total, remaining, Duration.ofMillis(resetAfter), maxConcurrency));
  }

  /** The float {@code retry_after} of a 429 body, when there is one. */
  static Optional<Double> retryAfterSeconds(String body) {
    try {
      JsonElement element = JsonParser.parseString(body);
      if (element.isJsonObject()) {
        JsonElement value = element.getAsJsonObject().get("retry_after");
        if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
          double seconds = value.getAsDouble();
          // A day at most: a longer wait is reported as such, and no time overflows.
          return seconds >= 0 && !Double.isNaN(seconds)
              ? Optional.of(Math.min(seconds, MAX_RETRY_AFTER_SECONDS))
              : Optional.empty();
        }
      }
    } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
      // no usable body: the caller falls back to the Retry-After header
    }
    return Optional.empty();
  }

  private static JsonObject object(String body) {
    try {
      JsonElement element = JsonParser.parseString(body);
      if (element.isJsonObject()) {
        return element.getAsJsonObject();
      }
    } catch (JsonParseException e) {
      // reported below
    }
    String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    throw bad(
        "body is not a JSON object: \""
            + (oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine)
            + "\"");
  }

  private static int integer(JsonObject object, String field, int min, int max) {
    return integer(object, field, field, min, max);
  }

  private static int integer(JsonObject object, String path, String key, int min, int max) {
    JsonElement value = object.get(key);
    if (value instanceof JsonPrimitive primitive && primitive.isNumber()) {
      try {
        BigDecimal number = primitive.getAsBigDecimal();
        if (number.compareTo(BigDecimal.valueOf(min)) >= 0
            && number.compareTo(BigDecimal.valueOf(max)) <= 0
            && number.stripTrailingZeros().scale() <= 0) {
          return number.intValueExact();
        }
      } catch (NumberFormatException | ArithmeticException e) {
        // a number no integer can hold (1e9999999999): reported below, by name
      }
    }
    String range = max == Integer.MAX_VALUE ? "≥ " + min : "from " + min + " to " + max;
    throw bad("field \"" + path + "\" must be an integer " + range + ", got " + shown(value));
  }

  private static String shown(JsonElement value) {
    if (value == null) {
      return "nothing (missing)";
    }
    String text = value.toString();
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }

  private static DiscordApiException bad(String problem) {
    return new DiscordApiException(
        Reason.DISCORD_BAD_RESPONSE,
        200,
        "Discord answered GET /gateway/bot with an unusable body: " + problem,
        false,
        null);
  }
}
