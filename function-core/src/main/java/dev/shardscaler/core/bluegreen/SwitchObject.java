package dev.shardscaler.core.bluegreen;

import com.google.gson.JsonObject;
import dev.shardscaler.core.kubernetes.BotSet;
import dev.shardscaler.core.kubernetes.SwitchConfigMap;

/**
 * The switch ConfigMap as the scaler creates it: named after the bot's set, labelled as the
 * scaler's ({@code shardscaler.dev/switch-of}: it never writes one without that label), owned by
 * the bot's set (deleting the bot deletes it; GitOps tools show it as the bot's child), holding the
 * {@link SwitchState}.
 */
public final class SwitchObject {
  private SwitchObject() {}

  public static JsonObject configMap(BotSet original, String name, SwitchState state) {
    JsonObject labels = new JsonObject();
    labels.addProperty(SiblingSet.MANAGED_BY, "shardscaler");
    labels.addProperty(SwitchConfigMap.SWITCH_OF, original.name());
    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", name);
    metadata.addProperty("namespace", original.snapshot().target().namespace());
    metadata.add("labels", labels);
    metadata.add("ownerReferences", SiblingSet.ownedBy(original));
    JsonObject data = new JsonObject();
    state.toData().forEach(data::addProperty);
    JsonObject configMap = new JsonObject();
    configMap.addProperty("apiVersion", "v1");
    configMap.addProperty("kind", "ConfigMap");
    configMap.add("metadata", metadata);
    configMap.add("data", data);
    return configMap;
  }
}
