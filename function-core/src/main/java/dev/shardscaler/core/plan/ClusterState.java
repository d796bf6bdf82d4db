package dev.shardscaler.core.plan;

import java.util.List;
import java.util.Set;

/**
 * What the planner knows of the StatefulSet.
 *
 * @param markers the scaler's annotations as read (unreadable ones left out)
 * @param markerProblems why an annotation of the scaler's was left out
 * @param unreadableMarkers the keys of those annotations, replaced at the next write
 * @param paused the value of {@code shardscaler.dev/paused}, or null when absent
 */
public record ClusterState(
    ShardCounts current,
    Markers markers,
    Rollout rollout,
    UpdateStrategy strategy,
    String paused,
    List<String> markerProblems,
    Set<String> unreadableMarkers) {

  /** A running set with the default update strategy, not paused, with readable markers. */
  public ClusterState(ShardCounts current, Markers markers, Rollout rollout) {
    this(current, markers, rollout, UpdateStrategy.DEFAULT, null, List.of(), Set.of());
  }

  public ClusterState withStrategy(UpdateStrategy value) {
    return new ClusterState(
        current, markers, rollout, value, paused, markerProblems, unreadableMarkers);
  }

  public ClusterState withPaused(String value) {
    return new ClusterState(
        current, markers, rollout, strategy, value, markerProblems, unreadableMarkers);
  }

  /** True when the pause annotation holds the scaler: any value but "false" or "0". */
  public boolean isPaused() {
    if (paused == null) {
      return false;
    }
    String value = paused.strip();
    return !(value.equalsIgnoreCase("false") || value.equals("0"));
  }
}
