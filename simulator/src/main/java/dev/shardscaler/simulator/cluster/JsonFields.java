package dev.shardscaler.simulator.cluster;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Lenient reads of a Kubernetes object's JSON: an absent or mistyped member reads as absent (the
 * API server leaves out defaults and zero values).
 */
public final class JsonFields {
  private JsonFields() {}

  /** The member object; null when absent or not an object (also when {@code parent} is null). */
  public static JsonObject object(JsonObject parent, String key) {
    JsonElement value = parent == null ? null : parent.get(key);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
  }

  public static String text(JsonObject parent, String key) {
    JsonElement value = parent == null ? null : parent.get(key);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  public static long number(JsonObject parent, String key, long fallback) {
    JsonElement value = parent == null ? null : parent.get(key);
    return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
        ? value.getAsLong()
        : fallback;
  }
}
