package dev.shardscaler.core.kubernetes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScalerException;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.plan.ClusterState;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.core.plan.Rollout;
import dev.shardscaler.core.plan.ShardCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a StatefulSet, as the API server's JSON, into what the planner and the patch need. A JSON
 * tree rather than client-java's {@code V1StatefulSet}: binding the typed model loads ~770 classes
 * (~0.5 s of every cold pass, docs/PERFORMANCE.md) for the fifteen fields read here, and it fails
 * on fields newer than the model.
 */
public final class SnapshotReader {
  private SnapshotReader() {}

  public static Snapshot read(Target target, JsonObject statefulSet, EnvNames names) {
    JsonObject metadata = object(statefulSet, "metadata");
    JsonObject spec = object(statefulSet, "spec");
    JsonArray containers = array(object(object(spec, "template"), "spec"), "containers");
    List<String> containerNames = new ArrayList<>();
    int containerIndex = -1;
    for (int i = 0; i < containers.size(); i++) {
      String name = text(containers.get(i).getAsJsonObject(), "name");
      containerNames.add("\"" + name + "\"");
      if (target.container().equals(name)) {
        containerIndex = i;
      }
    }
    if (containerIndex < 0) {
      throw invalid(
          "StatefulSet "
              + target.namespace()
              + "/"
              + target.statefulSet()
              + " has no container \""
              + target.container()
              + "\" (K8S_CONTAINER); its containers are "
              + containerNames);
    }
    JsonObject container = containers.get(containerIndex).getAsJsonObject();
    JsonArray env = container.has("env") ? array(container, "env") : null;
    int shardsIndex = indexOf(env, names.shards());
    int perBotIndex = indexOf(env, names.shardsPerBot());
    Integer shards = envValue(target, env, shardsIndex);
    Integer perBot = envValue(target, env, perBotIndex);
    int replicas = (int) number(spec, "replicas", 1);
    Map<String, String> annotations = annotations(metadata);
    ClusterState state =
        new ClusterState(
            new ShardCounts(shards, replicas, perBot),
            annotations == null ? Markers.NONE : Markers.fromAnnotations(annotations),
            rollout(metadata, object(statefulSet, "status"), replicas));
    return new Snapshot(
        target,
        text(metadata, "uid"),
        text(metadata, "resourceVersion"),
        state,
        containerIndex,
        shardsIndex,
        perBotIndex,
        env == null ? -1 : env.size(),
        annotations);
  }

  private static Rollout rollout(JsonObject metadata, JsonObject status, int replicas) {
    return new Rollout(
        number(metadata, "generation", 0),
        number(status, "observedGeneration", 0),
        text(status, "currentRevision"),
        text(status, "updateRevision"),
        replicas,
        (int) number(status, "replicas", 0),
        (int) number(status, "readyReplicas", 0),
        (int) number(status, "updatedReplicas", 0));
  }

  private static Map<String, String> annotations(JsonObject metadata) {
    JsonObject annotations = object(metadata, "annotations");
    if (annotations.size() == 0 && !metadata.has("annotations")) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    annotations.entrySet().forEach(e -> values.put(e.getKey(), asText(e.getValue())));
    return values;
  }

  private static int indexOf(JsonArray env, String name) {
    if (env == null) {
      return -1;
    }
    int found = -1;
    for (int i = 0; i < env.size(); i++) {
      if (name.equals(text(env.get(i).getAsJsonObject(), "name"))) {
        found = i; // the last one wins, as in the kubelet
      }
    }
    return found;
  }

  private static Integer envValue(Target target, JsonArray env, int index) {
    if (index < 0) {
      return null;
    }
    JsonObject variable = env.get(index).getAsJsonObject();
    String where =
        "env "
            + text(variable, "name")
            + " of container \""
            + target.container()
            + "\" in "
            + target.namespace()
            + "/"
            + target.statefulSet();
    if (variable.has("valueFrom") && !variable.get("valueFrom").isJsonNull()) {
      throw invalid(
          where
              + " is set from a reference (valueFrom); the scaler owns this"
              + " variable and needs a literal value: replace it with value: \"<n>\"");
    }
    String value = text(variable, "value") == null ? "" : text(variable, "value").strip();
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(where + " must be an integer ≥ 1, got \"" + value + "\"");
  }

  /** The member object, or an empty one when it is absent (a sparse object reads as defaults). */
  private static JsonObject object(JsonObject parent, String key) {
    JsonElement value = parent.get(key);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
  }

  private static JsonArray array(JsonObject parent, String key) {
    JsonElement value = parent.get(key);
    return value != null && value.isJsonArray() ? value.getAsJsonArray() : new JsonArray();
  }

  private static String text(JsonObject parent, String key) {
    JsonElement value = parent.get(key);
    return value == null || value.isJsonNull() ? null : asText(value);
  }

  private static String asText(JsonElement value) {
    return value.isJsonPrimitive() ? value.getAsString() : value.toString();
  }

  private static long number(JsonObject parent, String key, long fallback) {
    JsonElement value = parent.get(key);
    if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
      return value.getAsLong();
    }
    return fallback;
  }

  private static ScalerException invalid(String message) {
    return new ScalerException(Reason.INVALID_STATEFULSET, message, false, null);
  }
}
