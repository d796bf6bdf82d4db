package dev.shardscaler.core.kubernetes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScalerException;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.plan.ClusterState;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.core.plan.Rollout;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.core.plan.UpdateStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a StatefulSet, as the API server's JSON, into what the planner and the patch need. A JSON
 * tree rather than client-java's {@code V1StatefulSet}: binding the typed model loads ~770 classes
 * (~0.5 s of every cold pass, docs/PERFORMANCE.md) for the fifteen fields read here, and it fails
 * on fields newer than the model. Whatever the JSON holds, the answer is a snapshot or a {@link
 * ScalerException} naming what is wrong (INVALID_STATEFULSET for the object's content).
 */
public final class SnapshotReader {
  private SnapshotReader() {}

  public static Snapshot read(Target target, JsonObject statefulSet, EnvNames names) {
    String where = target.namespace() + "/" + target.statefulSet();
    JsonObject metadata = object(statefulSet, "metadata");
    JsonObject spec = object(statefulSet, "spec");
    JsonArray containers = array(object(object(spec, "template"), "spec"), "containers");
    List<String> containerNames = new ArrayList<>();
    int containerIndex = -1;
    for (int i = 0; i < containers.size(); i++) {
      JsonElement container = containers.get(i);
      if (!container.isJsonObject()) {
        throw invalid(
            "StatefulSet "
                + where
                + ": spec.template.spec.containers["
                + i
                + "] is not an object ("
                + abbreviate(container.toString())
                + ")");
      }
      String name = text(container.getAsJsonObject(), "name");
      containerNames.add("\"" + name + "\"");
      if (target.container().equals(name)) {
        containerIndex = i;
      }
    }
    if (containerIndex < 0) {
      throw invalid(
          "StatefulSet "
              + where
              + " has no container \""
              + target.container()
              + "\" (K8S_CONTAINER); its containers are "
              + containerNames);
    }
    JsonObject container = containers.get(containerIndex).getAsJsonObject();
    JsonElement envElement = container.get("env");
    JsonArray env = null;
    if (envElement != null && !envElement.isJsonNull()) {
      if (!envElement.isJsonArray()) {
        throw invalid(
            "StatefulSet "
                + where
                + ": env of container \""
                + target.container()
                + "\" is not a list");
      }
      env = envElement.getAsJsonArray();
      for (int i = 0; i < env.size(); i++) {
        if (!env.get(i).isJsonObject()) {
          throw invalid(
              "StatefulSet "
                  + where
                  + ": env["
                  + i
                  + "] of container \""
                  + target.container()
                  + "\" is not an object");
        }
      }
    }
    int shardsIndex = indexOf(env, names.shards());
    int perBotIndex = indexOf(env, names.shardsPerBot());
    Integer shards = envValue(target, env, shardsIndex);
    Integer perBot = envValue(target, env, perBotIndex);
    long replicas = number(spec, "replicas", 1);
    if (replicas < 0 || replicas > Settings.MAX_SHARDS_LIMIT) {
      throw invalid(
          "StatefulSet "
              + where
              + ": spec.replicas must be from 0 to "
              + Settings.MAX_SHARDS_LIMIT
              + ", got "
              + replicas);
    }
    Map<String, String> annotations = annotations(metadata);
    Markers.Read markers = Markers.read(annotations == null ? Map.of() : annotations);
    ClusterState state =
        new ClusterState(
            new ShardCounts(shards, (int) replicas, perBot),
            markers.markers(),
            rollout(metadata, object(statefulSet, "status"), (int) replicas),
            strategy(spec),
            annotations == null ? null : annotations.get(Markers.PAUSED),
            markers.problems(),
            markers.unreadable());
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

  private static UpdateStrategy strategy(JsonObject spec) {
    JsonObject strategy = object(spec, "updateStrategy");
    String type = text(strategy, "type");
    long partition = number(object(strategy, "rollingUpdate"), "partition", 0);
    String podManagement = text(spec, "podManagementPolicy");
    return new UpdateStrategy(
        type == null ? UpdateStrategy.ROLLING_UPDATE : type,
        (int) Math.max(0, Math.min(Integer.MAX_VALUE, partition)),
        podManagement == null ? "OrderedReady" : podManagement);
  }

  private static Rollout rollout(JsonObject metadata, JsonObject status, int replicas) {
    return new Rollout(
        number(metadata, "generation", 0),
        number(status, "observedGeneration", 0),
        text(status, "currentRevision"),
        text(status, "updateRevision"),
        replicas,
        clampedInt(number(status, "replicas", 0)),
        clampedInt(number(status, "readyReplicas", 0)),
        // Absent (the API omits a 0, and some fakes omit it): never a rollout by itself.
        clampedInt(number(status, "updatedReplicas", replicas)));
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
      if (parsed >= 1 && parsed <= Settings.MAX_SHARDS_LIMIT) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(
        where
            + " must be an integer from 1 to "
            + Settings.MAX_SHARDS_LIMIT
            + ", got \""
            + abbreviate(value)
            + "\"");
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
      try {
        return value.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }

  private static int clampedInt(long value) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, value));
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }

  private static ScalerException invalid(String message) {
    return new ScalerException(Reason.INVALID_STATEFULSET, message, false, null);
  }
}
