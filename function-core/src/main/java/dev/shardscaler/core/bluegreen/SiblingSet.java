package dev.shardscaler.core.bluegreen;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.kubernetes.BotSet;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.plan.ShardCounts;
import java.util.Map;

/**
 * The sibling StatefulSet, made from the bot's own: the same spec — pod template, serviceName,
 * volumeClaimTemplates, update strategy, pod management — but for what the scaler owns:
 *
 * <ul>
 *   <li>{@code spec.replicas} and the two shard variables of the bot container (the new layout);
 *   <li>a label {@code shardscaler.dev/set: <sibling>} added to the selector and the pod template,
 *       so that the sibling never selects the bot's pods ({@code spec.selector} is immutable, and
 *       the bot's own selector does not adopt the sibling's pods: they have a controller
 *       ownerReference and a name of another set);
 *   <li>metadata of its own: no labels or annotations of the original (a GitOps tool's tracking
 *       label would make it prune the sibling), but {@code app.kubernetes.io/managed-by:
 *       shardscaler}, {@code shardscaler.dev/set-of: <bot>}, the scaler's markers, the container
 *       and variables it manages ({@link #CONTAINER}, {@link #ENV}), and an ownerReference to the
 *       bot's set, so that deleting the bot deletes it too and GitOps tools show it as the bot's
 *       child instead of an object to prune.
 * </ul>
 *
 * Its pods are {@code <sibling>-0}, {@code <sibling>-1}, …: the ordinal is still the number after
 * the last dash, so each pod derives its shard ids as before.
 */
public final class SiblingSet {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /**
   * The container and the variables the scaler manages in the sibling, named on it: the admission
   * policy that compares a sibling's spec with the bot's reads them (and another checks them
   * against the configuration).
   */
  public static final String CONTAINER = "shardscaler.dev/container";

  public static final String ENV = "shardscaler.dev/env";

  private SiblingSet() {}

  public static JsonObject from(
      BotSet original,
      String name,
      ShardCounts layout,
      EnvNames names,
      Map<String, String> annotations) {
    JsonObject source = original.json();
    Snapshot snapshot = original.snapshot();
    JsonObject spec = source.getAsJsonObject("spec").deepCopy();
    spec.addProperty("replicas", layout.replicas());
    JsonObject selector = objectIn(spec, "selector");
    objectIn(selector, "matchLabels").addProperty(BotSet.SET_LABEL, name);
    JsonObject template = objectIn(spec, "template");
    objectIn(objectIn(template, "metadata"), "labels").addProperty(BotSet.SET_LABEL, name);
    JsonObject container =
        template
            .getAsJsonObject("spec")
            .getAsJsonArray("containers")
            .get(snapshot.containerIndex())
            .getAsJsonObject();
    JsonArray env =
        container.has("env") && container.get("env").isJsonArray()
            ? container.getAsJsonArray("env")
            : new JsonArray();
    setEnv(env, snapshot.shardsEnvIndex(), names.shards(), layout.shards());
    setEnv(env, snapshot.perBotEnvIndex(), names.shardsPerBot(), layout.shardsPerBot());
    container.add("env", env);

    JsonObject labels = new JsonObject();
    labels.addProperty(MANAGED_BY, "shardscaler");
    labels.addProperty(BotSet.SET_OF, original.name());
    JsonObject notes = new JsonObject();
    notes.addProperty(CONTAINER, snapshot.target().container());
    notes.addProperty(ENV, names.shards() + "," + names.shardsPerBot());
    annotations.forEach(
        (key, value) -> {
          if (value != null) {
            notes.addProperty(key, value);
          }
        });
    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", name);
    metadata.addProperty("namespace", snapshot.target().namespace());
    metadata.add("labels", labels);
    metadata.add("annotations", notes);
    metadata.add("ownerReferences", ownedBy(original));

    JsonObject sibling = new JsonObject();
    sibling.addProperty("apiVersion", "apps/v1");
    sibling.addProperty("kind", "StatefulSet");
    sibling.add("metadata", metadata);
    sibling.add("spec", spec);
    return sibling;
  }

  /** An owner reference to the bot's set: not a controller, and not blocking its deletion. */
  public static JsonArray ownedBy(BotSet original) {
    JsonObject owner = new JsonObject();
    owner.addProperty("apiVersion", "apps/v1");
    owner.addProperty("kind", "StatefulSet");
    owner.addProperty("name", original.name());
    owner.addProperty("uid", original.snapshot().uid());
    JsonArray owners = new JsonArray();
    owners.add(owner);
    return owners;
  }

  private static void setEnv(JsonArray env, int index, String name, Integer value) {
    JsonObject entry = new JsonObject();
    entry.addProperty("name", name);
    entry.addProperty("value", String.valueOf(value));
    if (index >= 0) {
      env.set(index, entry);
    } else {
      env.add(entry);
    }
  }

  private static JsonObject objectIn(JsonObject parent, String key) {
    JsonElement value = parent.get(key);
    if (value == null || !value.isJsonObject()) {
      JsonObject created = new JsonObject();
      parent.add(key, created);
      return created;
    }
    return value.getAsJsonObject();
  }
}
