package dev.shardscaler.core.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;

/**
 * An override recorded on the StatefulSet ({@code shardscaler.dev/override}): every pass plans with
 * it until {@code until}, so that the next scheduled pass does not undo what a person asked for.
 *
 * @param shards the shard count to run instead of Discord's recommendation, or null
 * @param shardsPerBot the shards per pod to run instead of the configured value, or null
 * @param reason the request's reason, for people reading the annotation
 */
public record ShardOverride(Integer shards, Integer shardsPerBot, Instant until, String reason) {

  /** The annotation's value: a small JSON object. */
  public String toAnnotation() {
    JsonObject json = new JsonObject();
    if (shards != null) {
      json.addProperty("shards", shards);
    }
    if (shardsPerBot != null) {
      json.addProperty("shardsPerBot", shardsPerBot);
    }
    json.addProperty("until", until.toString());
    if (reason != null && !reason.isBlank()) {
      json.addProperty("reason", reason);
    }
    return json.toString();
  }

  /**
   * Reads the annotation's value.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static ShardOverride fromAnnotation(String text, int maxShards) {
    JsonObject json;
    try {
      JsonElement parsed = JsonParser.parseString(text);
      if (!parsed.isJsonObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      json = parsed.getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "a JSON object such as {\"shards\":40,\"until\":\"2026-01-31T12:00:00Z\"}");
    }
    Integer shards = count(json, "shards", maxShards);
    Integer perBot = count(json, "shardsPerBot", maxShards);
    if (shards == null && perBot == null) {
      throw new IllegalArgumentException("\"shards\" or \"shardsPerBot\" is required");
    }
    JsonElement until = json.get("until");
    Instant at;
    try {
      at = Instant.parse(until.getAsString());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("\"until\" must be an RFC 3339 time");
    }
    JsonElement reason = json.get("reason");
    String text1 = reason != null && reason.isJsonPrimitive() ? reason.getAsString() : null;
    return new ShardOverride(shards, perBot, at, text1);
  }

  private static Integer count(JsonObject json, String key, int max) {
    JsonElement value = json.get(key);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    try {
      int number = value.getAsJsonPrimitive().getAsBigDecimal().intValueExact();
      if (number >= 1 && number <= max) {
        return number;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new IllegalArgumentException("\"" + key + "\" must be an integer from 1 to " + max);
  }

  /** For messages: {@code 40 shards, 8 per pod until 2026-…}. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (shards != null) {
      text.append(shards).append(" shards");
    }
    if (shardsPerBot != null) {
      text.append(text.isEmpty() ? "" : ", ").append(shardsPerBot).append(" per pod");
    }
    return text.append(" until ").append(until).toString();
  }
}
