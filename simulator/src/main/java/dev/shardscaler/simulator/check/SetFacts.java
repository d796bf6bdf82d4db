package dev.shardscaler.simulator.check;

import com.google.gson.JsonObject;
import dev.shardscaler.simulator.cluster.JsonFields;
import dev.shardscaler.simulator.cluster.PodLayout;
import dev.shardscaler.simulator.cluster.StartState;
import java.util.Locale;

/**
 * What the invariants need of a StatefulSet, read from its JSON by the checks themselves (not by
 * the scaler's reader, which is under test): the layout, the rollout status, and what makes a set
 * one the scaler must not change.
 *
 * @param shards the bot container's shard total; null when absent or unusable
 * @param shardsPerBot the bot container's shards per pod; null when absent or unusable
 * @param partition {@code rollingUpdate.partition}; 0 for OnDelete or when absent
 * @param paused the {@code shardscaler.dev/paused} annotation is set and neither "false" nor "0"
 */
public record SetFacts(
    long generation,
    long observedGeneration,
    String currentRevision,
    String updateRevision,
    int replicas,
    Integer shards,
    Integer shardsPerBot,
    String updateStrategy,
    int partition,
    boolean paused) {

  public static SetFacts of(JsonObject statefulSet, Rules rules) {
    JsonObject metadata = JsonFields.object(statefulSet, "metadata");
    JsonObject spec = JsonFields.object(statefulSet, "spec");
    JsonObject status = JsonFields.object(statefulSet, "status");
    JsonObject strategy = JsonFields.object(spec, "updateStrategy");
    String type = JsonFields.text(strategy, "type");
    PodLayout layout =
        PodLayout.of(JsonFields.object(spec, "template"), rules.container(), rules.envNames());
    String paused =
        JsonFields.text(JsonFields.object(metadata, "annotations"), StartState.PAUSED_ANNOTATION);
    return new SetFacts(
        JsonFields.number(metadata, "generation", 0),
        JsonFields.number(status, "observedGeneration", 0),
        JsonFields.text(status, "currentRevision"),
        JsonFields.text(status, "updateRevision"),
        (int) JsonFields.number(spec, "replicas", 1),
        layout.shards(),
        layout.shardsPerBot(),
        type == null ? StartState.ROLLING_UPDATE : type,
        (int) JsonFields.number(JsonFields.object(strategy, "rollingUpdate"), "partition", 0),
        paused != null
            && !paused.strip().toLowerCase(Locale.ROOT).equals("false")
            && !paused.strip().equals("0"));
  }

  /**
   * A rollout is under way: the controller has not seen the latest spec, or pods still run an older
   * template (the scaler's documented definition; readiness alone is not a rollout).
   */
  public boolean rolloutInProgress() {
    return observedGeneration < generation
        || (currentRevision != null
            && updateRevision != null
            && !currentRevision.equals(updateRevision));
  }

  /** Why the scaler must leave this set alone; null when it may change it. */
  public String untouchable() {
    if (StartState.ON_DELETE.equals(updateStrategy)) {
      return "updateStrategy OnDelete";
    }
    if (partition > 0) {
      return "rollingUpdate.partition " + partition;
    }
    if (paused) {
      return "annotation " + StartState.PAUSED_ANNOTATION;
    }
    if (replicas == 0) {
      return "replicas 0";
    }
    return null;
  }

  /** Same shards, shards per pod and replicas. */
  public boolean sameLayout(SetFacts other) {
    return java.util.Objects.equals(shards, other.shards)
        && java.util.Objects.equals(shardsPerBot, other.shardsPerBot)
        && replicas == other.replicas;
  }

  /** The spec was written (a new generation) or the layout differs. */
  public boolean changedFrom(SetFacts before) {
    return generation != before.generation || !sameLayout(before);
  }

  public String layout() {
    return (shards == null ? "?" : shards)
        + " shards / "
        + replicas
        + " pods × "
        + (shardsPerBot == null ? "?" : shardsPerBot);
  }
}
