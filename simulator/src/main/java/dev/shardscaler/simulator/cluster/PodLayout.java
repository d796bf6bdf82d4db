package dev.shardscaler.simulator.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.kubernetes.EnvNames;

/**
 * What the bot container of a pod template tells its pods: the shard total and shards per pod, read
 * from the literal env values (the last entry of a name wins, as in the kubelet). Null when a value
 * is absent or not a positive integer: such a pod runs no shards.
 */
public record PodLayout(Integer shards, Integer shardsPerBot) {

  public static PodLayout of(JsonObject template, String container, EnvNames names) {
    JsonArray env = env(template, container);
    return new PodLayout(value(env, names.shards()), value(env, names.shardsPerBot()));
  }

  /** The first shard id of pod {@code ordinal}; -1 when it has none. */
  public int first(int ordinal) {
    if (shards == null || shardsPerBot == null) {
      return -1;
    }
    long first = (long) ordinal * shardsPerBot;
    return first < shards ? (int) first : -1;
  }

  /** The last shard id of pod {@code ordinal}; -1 when it has none. */
  public int last(int ordinal) {
    int first = first(ordinal);
    return first < 0 ? -1 : (int) Math.min((long) first + shardsPerBot, shards) - 1;
  }

  private static JsonArray env(JsonObject template, String container) {
    JsonObject spec = JsonFields.object(template, "spec");
    JsonElement containers = spec == null ? null : spec.get("containers");
    if (containers == null || !containers.isJsonArray()) {
      return null;
    }
    for (JsonElement element : containers.getAsJsonArray()) {
      if (element.isJsonObject()
          && element.getAsJsonObject().has("name")
          && container.equals(element.getAsJsonObject().get("name").getAsString())) {
        JsonElement env = element.getAsJsonObject().get("env");
        return env != null && env.isJsonArray() ? env.getAsJsonArray() : null;
      }
    }
    return null;
  }

  private static Integer value(JsonArray env, String name) {
    if (env == null) {
      return null;
    }
    Integer found = null;
    for (JsonElement element : env) {
      JsonObject variable = element.getAsJsonObject();
      if (variable.has("name") && name.equals(variable.get("name").getAsString())) {
        found = null;
        JsonElement value = variable.get("value");
        if (value != null && value.isJsonPrimitive()) {
          try {
            int parsed = Integer.parseInt(value.getAsString().strip());
            found = parsed >= 1 ? parsed : null;
          } catch (NumberFormatException e) {
            found = null;
          }
        }
      }
    }
    return found;
  }
}
