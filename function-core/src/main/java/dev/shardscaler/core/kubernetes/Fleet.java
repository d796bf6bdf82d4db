package dev.shardscaler.core.kubernetes;

import com.google.gson.JsonObject;
import dev.shardscaler.core.Deadline;
import dev.shardscaler.core.config.Target;
import java.util.Map;
import java.util.Optional;

/**
 * The objects of a blue/green reshard (SCALER_STRATEGY=bluegreen): the bot's StatefulSets read as
 * JSON, the sibling set the scaler creates and removes, and the switch ConfigMap. Every write is
 * guarded: a create fails if the object exists, an update or a scale carries the resourceVersion
 * read, a delete carries the uid and resourceVersion as preconditions.
 */
public interface Fleet {

  /**
   * Reads a StatefulSet; empty when it does not exist.
   *
   * @throws KubernetesApiException when the API refuses or fails
   * @throws dev.shardscaler.core.ScalerException (INVALID_STATEFULSET) when it cannot be read
   */
  Optional<BotSet> readSet(Target set, EnvNames names, Deadline deadline);

  /** Reads the switch ConfigMap; empty when it does not exist. */
  Optional<SwitchConfigMap> readSwitch(String namespace, String name, Deadline deadline);

  /** Creates the switch ConfigMap (409 CONFLICT when it exists). */
  void createSwitch(String namespace, JsonObject configMap, Deadline deadline);

  /** Replaces the switch's data, guarded by the resourceVersion read. */
  void updateSwitch(SwitchConfigMap current, Map<String, String> data, Deadline deadline);

  /** Creates a StatefulSet (409 CONFLICT when one of that name exists). */
  void createSet(String namespace, JsonObject statefulSet, Deadline deadline);

  /** Sets {@code spec.replicas}, guarded by the resourceVersion read. */
  void scaleSet(BotSet set, int replicas, Deadline deadline);

  /** Deletes a StatefulSet with its uid and resourceVersion as preconditions. */
  void deleteSet(BotSet set, Deadline deadline);
}
