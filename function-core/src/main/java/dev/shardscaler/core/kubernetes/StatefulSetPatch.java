package dev.shardscaler.core.kubernetes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.shardscaler.core.plan.ShardCounts;
import java.util.Map;

/**
 * Builds the one JSON Patch (RFC 6902) of a pass: the read resourceVersion (the API server answers
 * 409 if the object changed since), replicas, the env vars by index, and the scaler's annotations.
 * Nothing else of the object is touched.
 */
public final class StatefulSetPatch {
  private StatefulSetPatch() {}

  public static JsonArray build(
      Snapshot snapshot, ShardCounts layout, Map<String, String> annotations, EnvNames names) {
    JsonArray ops = new JsonArray();
    ops.add(
        op("replace", "/metadata/resourceVersion", new JsonPrimitive(snapshot.resourceVersion())));
    if (layout != null) {
      ops.add(op("add", "/spec/replicas", new JsonPrimitive(layout.replicas())));
      String env = "/spec/template/spec/containers/" + snapshot.containerIndex() + "/env";
      JsonArray appended = new JsonArray();
      setEnv(ops, appended, env, snapshot.shardsEnvIndex(), names.shards(), layout.shards());
      setEnv(
          ops,
          appended,
          env,
          snapshot.perBotEnvIndex(),
          names.shardsPerBot(),
          layout.shardsPerBot());
      if (snapshot.envSize() <= 0 && !appended.isEmpty()) {
        // No entries (the client reads an absent list as empty): set the whole list.
        ops.add(op("add", env, appended));
      } else {
        appended.forEach(entry -> ops.add(op("add", env + "/-", entry)));
      }
    }
    if (!annotations.isEmpty()) {
      if (snapshot.annotations() == null || snapshot.annotations().isEmpty()) {
        JsonObject all = new JsonObject();
        annotations.forEach(
            (key, value) -> {
              if (value != null) {
                all.addProperty(key, value);
              }
            });
        if (all.size() > 0) {
          ops.add(op("add", "/metadata/annotations", all));
        }
      } else {
        annotations.forEach(
            (key, value) -> {
              String path = "/metadata/annotations/" + escape(key);
              if (value != null) {
                ops.add(op("add", path, new JsonPrimitive(value)));
              } else if (snapshot.annotations().containsKey(key)) {
                ops.add(op("remove", path, null));
              }
            });
      }
    }
    return ops;
  }

  private static void setEnv(
      JsonArray ops, JsonArray appended, String env, int index, String name, int value) {
    JsonObject entry = new JsonObject();
    entry.addProperty("name", name);
    entry.addProperty("value", String.valueOf(value));
    if (index >= 0) {
      // The whole entry, so that a stray valueFrom cannot survive beside the value.
      ops.add(op("replace", env + "/" + index, entry));
    } else {
      appended.add(entry);
    }
  }

  private static JsonObject op(String op, String path, JsonElement value) {
    JsonObject operation = new JsonObject();
    operation.addProperty("op", op);
    operation.addProperty("path", path);
    if (value != null) {
      operation.add("value", value);
    }
    return operation;
  }

  /** JSON Pointer escaping (RFC 6901): {@code ~} → {@code ~0}, {@code /} → {@code ~1}. */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
