package dev.shardscaler.core.plan;

/**
 * A StatefulSet's rollout status. In progress when the controller has not seen the latest spec
 * ({@code observedGeneration < generation}), pods are still on the old template (revisions differ),
 * pods are still being created ({@code status.replicas < spec.replicas}: a bot just scaled up from
 * 0 by a person, a replica correction), or pods are still on another template although the
 * revisions agree ({@code status.updatedReplicas < spec.replicas}: a rollout undone half-way, whose
 * pods go back one by one). Readiness alone is not a rollout: a crash-looping bot whose shards are
 * overfull is exactly what a reshard fixes.
 */
public record Rollout(
    long generation,
    long observedGeneration,
    String currentRevision,
    String updateRevision,
    int desiredReplicas,
    int existingReplicas,
    int readyReplicas,
    int updatedReplicas) {

  public static Rollout finished(int replicas) {
    return new Rollout(1, 1, "rev1", "rev1", replicas, replicas, replicas, replicas);
  }

  public boolean inProgress() {
    if (observedGeneration < generation
        || existingReplicas < desiredReplicas
        || updatedReplicas < desiredReplicas) {
      return true;
    }
    return currentRevision != null
        && updateRevision != null
        && !currentRevision.equals(updateRevision);
  }

  /**
   * The ordinal of the pod the rollout most likely waits on. Pods are created in order 0, 1, … and
   * updated from the highest ordinal down, so it is the first pod not yet created or ready, or the
   * last pod updated.
   */
  public int waitingOnOrdinal() {
    if (existingReplicas < desiredReplicas) {
      return Math.max(0, Math.min(readyReplicas, desiredReplicas - 1));
    }
    int ordinal = desiredReplicas - Math.max(updatedReplicas, 1);
    return Math.max(0, Math.min(ordinal, desiredReplicas - 1));
  }
}
