package dev.shardscaler.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the JSON of a bot StatefulSet like the seed project's example: container {@code bot} with
 * {@code SHARDS} and {@code SHARDS_PER_BOT} in its env, and a finished rollout in its status.
 */
public final class BotStatefulSet {
  private String namespace = "discord";
  private String name = "bot";
  private String container = "bot";
  private Integer shards = 12;
  private Integer shardsPerBot = 4;
  private int replicas = 3;
  private String shardsEnv = "SHARDS";
  private String perBotEnv = "SHARDS_PER_BOT";
  private final Map<String, String> annotations = new LinkedHashMap<>();
  private boolean sidecar;
  private boolean rolloutInProgress;
  private String updateStrategy;
  private int partition;
  private String podManagementPolicy;

  public static BotStatefulSet seedExample() {
    return new BotStatefulSet();
  }

  public BotStatefulSet namespace(String value) {
    this.namespace = value;
    return this;
  }

  public BotStatefulSet name(String value) {
    this.name = value;
    return this;
  }

  public BotStatefulSet container(String value) {
    this.container = value;
    return this;
  }

  /** Total shards in the env; null leaves the variable out. */
  public BotStatefulSet shards(Integer value) {
    this.shards = value;
    return this;
  }

  /** Shards per pod in the env; null leaves the variable out. */
  public BotStatefulSet shardsPerBot(Integer value) {
    this.shardsPerBot = value;
    return this;
  }

  public BotStatefulSet replicas(int value) {
    this.replicas = value;
    return this;
  }

  public BotStatefulSet envNames(String shardsName, String perBotName) {
    this.shardsEnv = shardsName;
    this.perBotEnv = perBotName;
    return this;
  }

  public BotStatefulSet annotation(String key, String value) {
    annotations.put(key, value);
    return this;
  }

  /** Adds a second container ({@code metrics}) before the bot container. */
  public BotStatefulSet withSidecar() {
    this.sidecar = true;
    return this;
  }

  /**
   * {@code spec.updateStrategy}: {@code OnDelete}, or {@code RollingUpdate} with a partition (0:
   * none). Left out by default, as most manifests do (the API server defaults it).
   */
  public BotStatefulSet updateStrategy(String type, int partitionValue) {
    this.updateStrategy = type;
    this.partition = partitionValue;
    return this;
  }

  /** {@code spec.podManagementPolicy}: OrderedReady (the default) or Parallel. */
  public BotStatefulSet podManagementPolicy(String value) {
    this.podManagementPolicy = value;
    return this;
  }

  /** Status shows pods still on the old template (currentRevision ≠ updateRevision). */
  public BotStatefulSet rolloutInProgress() {
    this.rolloutInProgress = true;
    return this;
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** The literal env values of one container of a StatefulSet as the API server returns it. */
  public static Map<String, String> env(JsonObject statefulSet, int containerIndex) {
    Map<String, String> values = new LinkedHashMap<>();
    JsonArray env =
        statefulSet
            .getAsJsonObject("spec")
            .getAsJsonObject("template")
            .getAsJsonObject("spec")
            .getAsJsonArray("containers")
            .get(containerIndex)
            .getAsJsonObject()
            .getAsJsonArray("env");
    if (env != null) {
      env.forEach(
          entry -> {
            JsonObject variable = entry.getAsJsonObject();
            if (variable.has("value")) {
              values.put(variable.get("name").getAsString(), variable.get("value").getAsString());
            }
          });
    }
    return values;
  }

  /** {@code spec.replicas} of a StatefulSet as the API server returns it. */
  public static int replicas(JsonObject statefulSet) {
    return statefulSet.getAsJsonObject("spec").get("replicas").getAsInt();
  }

  public JsonObject toJson() {
    JsonObject root = new JsonObject();
    root.addProperty("apiVersion", "apps/v1");
    root.addProperty("kind", "StatefulSet");
    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", name);
    metadata.addProperty("namespace", namespace);
    JsonObject labels = new JsonObject();
    labels.addProperty("app", name);
    metadata.add("labels", labels);
    if (!annotations.isEmpty()) {
      JsonObject notes = new JsonObject();
      notes.addProperty("example.com/owner", "team-bots");
      annotations.forEach(notes::addProperty);
      metadata.add("annotations", notes);
    }
    root.add("metadata", metadata);

    JsonObject spec = new JsonObject();
    spec.addProperty("replicas", replicas);
    spec.addProperty("serviceName", name);
    if (updateStrategy != null) {
      JsonObject strategy = new JsonObject();
      strategy.addProperty("type", updateStrategy);
      if (updateStrategy.equals("RollingUpdate")) {
        JsonObject rolling = new JsonObject();
        rolling.addProperty("partition", partition);
        strategy.add("rollingUpdate", rolling);
      }
      spec.add("updateStrategy", strategy);
    }
    if (podManagementPolicy != null) {
      spec.addProperty("podManagementPolicy", podManagementPolicy);
    }
    JsonObject selector = new JsonObject();
    selector.add("matchLabels", labels.deepCopy());
    spec.add("selector", selector);
    JsonObject template = new JsonObject();
    JsonObject templateMetadata = new JsonObject();
    templateMetadata.add("labels", labels.deepCopy());
    template.add("metadata", templateMetadata);
    JsonObject podSpec = new JsonObject();
    JsonArray containers = new JsonArray();
    if (sidecar) {
      containers.add(container("metrics", "prom/statsd-exporter:v0.28.0", new JsonArray()));
    }
    JsonArray env = new JsonArray();
    env.add(envVar("LOG_LEVEL", "info"));
    if (shards != null) {
      env.add(envVar(shardsEnv, String.valueOf(shards)));
    }
    if (shardsPerBot != null) {
      env.add(envVar(perBotEnv, String.valueOf(shardsPerBot)));
    }
    containers.add(container(container, "ghcr.io/example/discord-bot:1.0", env));
    podSpec.add("containers", containers);
    template.add("spec", podSpec);
    spec.add("template", template);
    root.add("spec", spec);

    JsonObject status = new JsonObject();
    status.addProperty("observedGeneration", 1);
    status.addProperty("replicas", replicas);
    status.addProperty("readyReplicas", replicas);
    status.addProperty("currentReplicas", replicas);
    status.addProperty("updatedReplicas", rolloutInProgress ? 1 : replicas);
    status.addProperty("currentRevision", name + "-rev1");
    status.addProperty("updateRevision", name + (rolloutInProgress ? "-rev2" : "-rev1"));
    root.add("status", status);
    return root;
  }

  private static JsonObject container(String name, String image, JsonArray env) {
    JsonObject container = new JsonObject();
    container.addProperty("name", name);
    container.addProperty("image", image);
    if (!env.isEmpty()) {
      container.add("env", env);
    }
    return container;
  }

  private static JsonObject envVar(String name, String value) {
    JsonObject variable = new JsonObject();
    variable.addProperty("name", name);
    variable.addProperty("value", value);
    return variable;
  }
}
