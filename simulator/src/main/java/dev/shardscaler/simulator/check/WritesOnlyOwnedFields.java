package dev.shardscaler.simulator.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.simulator.cluster.JsonFields;
import java.util.HashSet;
import java.util.Set;

/**
 * A write touches only what the scaler owns: {@code spec.replicas}, the bot container's two shard
 * variables and the {@code shardscaler.dev/} annotations. Everything else of the object — other
 * annotations, other env entries and their order, the rest of the pod template — stays as it was.
 */
public final class WritesOnlyOwnedFields implements Invariant {
  static final String OWNED_ANNOTATIONS = "shardscaler.dev/";

  private final Rules rules;

  public WritesOnlyOwnedFields(Rules rules) {
    this.rules = rules;
  }

  @Override
  public String id() {
    return "writes-only-owned-fields";
  }

  @Override
  public String promise() {
    return "a write touches only spec.replicas, the two shard variables and shardscaler.dev/"
        + " annotations";
  }

  @Override
  public String check(Step step) {
    if (step.beforeJson() == null || step.afterJson() == null) {
      return null;
    }
    JsonObject before = foreign(step.beforeJson());
    JsonObject after = foreign(step.afterJson());
    String difference = firstDifference("", before, after);
    return difference == null ? null : "the write changed " + difference;
  }

  /** A copy without what the scaler (or the server) may change. */
  private JsonObject foreign(JsonObject statefulSet) {
    JsonObject copy = statefulSet.deepCopy();
    copy.remove("status");
    JsonObject metadata = JsonFields.object(copy, "metadata");
    if (metadata != null) {
      metadata.remove("resourceVersion");
      metadata.remove("generation");
      JsonObject annotations = JsonFields.object(metadata, "annotations");
      if (annotations != null) {
        Set<String> owned = new HashSet<>();
        annotations.keySet().stream()
            .filter(k -> k.startsWith(OWNED_ANNOTATIONS))
            .forEach(owned::add);
        owned.forEach(annotations::remove);
        if (annotations.size() == 0) {
          metadata.remove("annotations");
        }
      }
    }
    JsonObject spec = JsonFields.object(copy, "spec");
    if (spec != null) {
      spec.remove("replicas");
      JsonObject podSpec = JsonFields.object(JsonFields.object(spec, "template"), "spec");
      JsonElement containers = podSpec == null ? null : podSpec.get("containers");
      if (containers != null && containers.isJsonArray()) {
        for (JsonElement container : containers.getAsJsonArray()) {
          if (rules.container().equals(JsonFields.text(container.getAsJsonObject(), "name"))) {
            stripShardVariables(container.getAsJsonObject());
          }
        }
      }
    }
    return copy;
  }

  private void stripShardVariables(JsonObject container) {
    JsonElement env = container.get("env");
    if (env == null || !env.isJsonArray()) {
      return;
    }
    JsonArray kept = new JsonArray();
    for (JsonElement entry : env.getAsJsonArray()) {
      String name = JsonFields.text(entry.getAsJsonObject(), "name");
      if (!rules.envNames().shards().equals(name)
          && !rules.envNames().shardsPerBot().equals(name)) {
        kept.add(entry);
      }
    }
    if (kept.isEmpty()) {
      container.remove("env");
    } else {
      container.add("env", kept);
    }
  }

  /** The path of the first difference, with both values; null when equal. */
  static String firstDifference(String path, JsonElement before, JsonElement after) {
    if (before == null ? after == null : before.equals(after)) {
      return null;
    }
    if (before != null && after != null && before.isJsonObject() && after.isJsonObject()) {
      Set<String> keys = new HashSet<>(before.getAsJsonObject().keySet());
      keys.addAll(after.getAsJsonObject().keySet());
      for (String key : keys.stream().sorted().toList()) {
        String found =
            firstDifference(
                path + "/" + key,
                before.getAsJsonObject().get(key),
                after.getAsJsonObject().get(key));
        if (found != null) {
          return found;
        }
      }
    }
    if (before != null && after != null && before.isJsonArray() && after.isJsonArray()) {
      JsonArray a = before.getAsJsonArray();
      JsonArray b = after.getAsJsonArray();
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        String found =
            firstDifference(
                path + "/" + i, i < a.size() ? a.get(i) : null, i < b.size() ? b.get(i) : null);
        if (found != null) {
          return found;
        }
      }
    }
    return path + " (" + before + " → " + after + ")";
  }
}
