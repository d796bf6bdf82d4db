package dev.shardscaler.simulator.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.EnvNames;
import java.time.Instant;

/**
 * The bot's StatefulSet when the simulation starts, every pod running and Ready.
 *
 * @param updateStrategy {@code RollingUpdate} or {@code OnDelete}
 * @param partition {@code rollingUpdate.partition} (RollingUpdate only)
 * @param podManagementPolicy {@code OrderedReady} or {@code Parallel}
 * @param paused the {@code shardscaler.dev/paused: "true"} annotation
 */
public record StartState(
    int shards,
    int shardsPerBot,
    int replicas,
    String updateStrategy,
    int partition,
    String podManagementPolicy,
    boolean paused) {

  public static final String ROLLING_UPDATE = "RollingUpdate";
  public static final String ON_DELETE = "OnDelete";
  public static final String ORDERED_READY = "OrderedReady";
  public static final String PARALLEL = "Parallel";
  public static final String PAUSED_ANNOTATION = "shardscaler.dev/paused";

  /** A bot in sync with {@code shards}: enough pods, the API server's defaults. */
  public static StartState of(int shards, int shardsPerBot) {
    return new StartState(
        shards,
        shardsPerBot,
        (shards + shardsPerBot - 1) / shardsPerBot,
        ROLLING_UPDATE,
        0,
        ORDERED_READY,
        false);
  }

  public StartState withReplicas(int value) {
    return new StartState(
        shards, shardsPerBot, value, updateStrategy, partition, podManagementPolicy, paused);
  }

  public StartState withUpdateStrategy(String value, int partitionValue) {
    return new StartState(
        shards, shardsPerBot, replicas, value, partitionValue, podManagementPolicy, paused);
  }

  public StartState withPodManagementPolicy(String value) {
    return new StartState(shards, shardsPerBot, replicas, updateStrategy, partition, value, paused);
  }

  public StartState withPaused(boolean value) {
    return new StartState(
        shards, shardsPerBot, replicas, updateStrategy, partition, podManagementPolicy, value);
  }

  /** One line for the summary. */
  public String describe() {
    return shards
        + " shards, "
        + shardsPerBot
        + " per pod, "
        + replicas
        + " replicas, "
        + updateStrategy
        + (updateStrategy.equals(ROLLING_UPDATE) && partition > 0 ? " partition " + partition : "")
        + ", "
        + podManagementPolicy
        + (paused ? ", paused" : "");
  }

  /**
   * The StatefulSet as {@code kubectl get -o json} shows it: the API server's defaults filled in
   * and a converged status (every pod on the one revision and Ready).
   */
  public JsonObject toJson(Target target, EnvNames names, Instant created) {
    JsonObject labels = new JsonObject();
    labels.addProperty("app.kubernetes.io/name", target.statefulSet());

    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", target.statefulSet());
    metadata.addProperty("namespace", target.namespace());
    metadata.addProperty("uid", "5f0c1d1e-0000-4000-8000-000000000b07");
    metadata.addProperty("resourceVersion", "1");
    metadata.addProperty("generation", 1);
    metadata.addProperty("creationTimestamp", created.toString());
    metadata.add("labels", labels.deepCopy());
    JsonObject annotations = new JsonObject();
    annotations.addProperty("example.com/owner", "team-bots");
    if (paused) {
      annotations.addProperty(PAUSED_ANNOTATION, "true");
    }
    metadata.add("annotations", annotations);

    JsonArray env = new JsonArray();
    env.add(variable("LOG_LEVEL", "info"));
    env.add(variable(names.shards(), String.valueOf(shards)));
    env.add(variable(names.shardsPerBot(), String.valueOf(shardsPerBot)));
    JsonObject container = new JsonObject();
    container.addProperty("name", target.container());
    container.addProperty("image", "ghcr.io/example/discord-bot:1.0");
    container.add("env", env);
    container.addProperty("terminationMessagePolicy", "File");
    container.addProperty("imagePullPolicy", "IfNotPresent");
    JsonArray containers = new JsonArray();
    containers.add(container);
    JsonObject podSpec = new JsonObject();
    podSpec.add("containers", containers);
    podSpec.addProperty("restartPolicy", "Always");
    podSpec.addProperty("terminationGracePeriodSeconds", 30);
    JsonObject templateMetadata = new JsonObject();
    templateMetadata.add("labels", labels.deepCopy());
    JsonObject template = new JsonObject();
    template.add("metadata", templateMetadata);
    template.add("spec", podSpec);

    JsonObject strategy = new JsonObject();
    strategy.addProperty("type", updateStrategy);
    if (updateStrategy.equals(ROLLING_UPDATE)) {
      JsonObject rollingUpdate = new JsonObject();
      rollingUpdate.addProperty("partition", partition);
      strategy.add("rollingUpdate", rollingUpdate);
    }
    JsonObject selector = new JsonObject();
    selector.add("matchLabels", labels.deepCopy());
    JsonObject spec = new JsonObject();
    spec.addProperty("replicas", replicas);
    spec.add("selector", selector);
    spec.addProperty("serviceName", target.statefulSet());
    spec.add("template", template);
    spec.addProperty("podManagementPolicy", podManagementPolicy);
    spec.add("updateStrategy", strategy);
    spec.addProperty("revisionHistoryLimit", 10);
    JsonObject retention = new JsonObject();
    retention.addProperty("whenDeleted", "Retain");
    retention.addProperty("whenScaled", "Retain");
    spec.add("persistentVolumeClaimRetentionPolicy", retention);

    JsonObject root = new JsonObject();
    root.addProperty("apiVersion", "apps/v1");
    root.addProperty("kind", "StatefulSet");
    root.add("metadata", metadata);
    root.add("spec", spec);
    root.add("status", new JsonObject()); // the controller fills it in at the start
    return root;
  }

  private static JsonObject variable(String name, String value) {
    JsonObject variable = new JsonObject();
    variable.addProperty("name", name);
    variable.addProperty("value", value);
    return variable;
  }
}
