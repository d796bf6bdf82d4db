package dev.shardscaler.core.kubernetes;

import dev.shardscaler.core.Deadline;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.plan.ShardCounts;
import java.util.Map;

/** The bot's StatefulSet in the cluster: read it, patch it once, note what happened. */
public interface StatefulSets {

  /**
   * Reads the StatefulSet and the bot container's shard env.
   *
   * @throws KubernetesApiException when the API refuses or fails
   * @throws dev.shardscaler.core.ScalerException (INVALID_STATEFULSET) when the object cannot be
   *     scaled as it is: no such container, env values the scaler cannot own
   */
  Snapshot read(Target target, EnvNames names);

  /**
   * Applies one patch guarded by the snapshot's resourceVersion.
   *
   * @param layout the layout to set, or null to write only annotations
   * @param annotations annotations to set; a null value removes one
   * @throws KubernetesApiException with reason CONFLICT when the object changed since it was read
   */
  void patch(
      Snapshot snapshot, ShardCounts layout, Map<String, String> annotations, EnvNames names);

  /** {@link #read}, within what is left of the pass's deadline (implementations with I/O). */
  default Snapshot read(Target target, EnvNames names, Deadline deadline) {
    return read(target, names);
  }

  /** {@link #patch}, within what is left of the pass's deadline (implementations with I/O). */
  default void patch(
      Snapshot snapshot,
      ShardCounts layout,
      Map<String, String> annotations,
      EnvNames names,
      Deadline deadline) {
    patch(snapshot, layout, annotations, names);
  }

  /**
   * {@link #recordEvent}, within what is left of the pass's deadline (implementations with I/O);
   * with no time left it is skipped (best effort).
   */
  default void recordEvent(
      Snapshot snapshot, boolean warning, String reason, String message, Deadline deadline) {
    recordEvent(snapshot, warning, reason, message);
  }

  /**
   * Records a Kubernetes Event on the StatefulSet. Best effort: failures are logged, not thrown.
   */
  void recordEvent(Snapshot snapshot, boolean warning, String reason, String message);
}
