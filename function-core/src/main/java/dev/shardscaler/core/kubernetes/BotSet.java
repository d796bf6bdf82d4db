package dev.shardscaler.core.kubernetes;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.plan.Rollout;
import dev.shardscaler.core.plan.ShardCounts;

/**
 * One of the bot's StatefulSets as read for a blue/green pass: its JSON (the sibling is copied from
 * the bot's own set) and the snapshot the planner and the patch use.
 */
public record BotSet(JsonObject json, Snapshot snapshot) {

  /** Label on every object the scaler creates beside the bot's set, naming that set. */
  public static final String SET_OF = "shardscaler.dev/set-of";

  /**
   * Label in a sibling's selector and pod template: a value of its own, so selectors never meet.
   */
  public static final String SET_LABEL = "shardscaler.dev/set";

  public String name() {
    return snapshot.target().statefulSet();
  }

  public ShardCounts layout() {
    return snapshot.state().current();
  }

  /** {@code spec.replicas}. */
  public int replicas() {
    return layout().replicas();
  }

  public Rollout rollout() {
    return snapshot.state().rollout();
  }

  /** Pods that still exist ({@code status.replicas}), e.g. of a set scaled to zero. */
  public int podsLeft() {
    return rollout().existingReplicas();
  }

  /**
   * True when the set runs pods and every one of them is Ready on the current template: the
   * controller saw the latest spec, all pods exist and are updated, all report Ready (a bot pod
   * does so only once every shard it runs is connected).
   */
  public boolean ready() {
    Rollout rollout = rollout();
    return replicas() > 0
        && !rollout.inProgress()
        && rollout.existingReplicas() == replicas()
        && rollout.readyReplicas() >= replicas();
  }

  /** "3/4 pods ready", for messages. */
  public String readiness() {
    return rollout().readyReplicas() + "/" + replicas() + " pods ready";
  }

  public boolean paused() {
    return snapshot.state().isPaused();
  }

  /** A metadata label, or null. */
  public String label(String key) {
    JsonElement metadata = json.get("metadata");
    if (metadata == null || !metadata.isJsonObject()) {
      return null;
    }
    JsonElement labels = metadata.getAsJsonObject().get("labels");
    if (labels == null || !labels.isJsonObject()) {
      return null;
    }
    JsonElement value = labels.getAsJsonObject().get(key);
    return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
  }
}
