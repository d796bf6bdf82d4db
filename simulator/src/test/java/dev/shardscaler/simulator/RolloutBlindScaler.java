package dev.shardscaler.simulator;

import com.google.gson.JsonObject;
import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.kubernetes.SnapshotReader;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.simulator.cluster.InMemoryStatefulSets;
import java.util.Map;

/**
 * A deliberately unsafe scaler for tests: the real pass, but it reads every StatefulSet as if its
 * rollout had finished, so it reshards on top of running rollouts. The invariants must catch it.
 */
final class RolloutBlindScaler {
  private RolloutBlindScaler() {}

  static final Simulation.Scaler SCALER =
      (settings, discord, statefulSets, clock) ->
          new ScaleFunction(
              settings, discord, new Blind((InMemoryStatefulSets) statefulSets), clock);

  private record Blind(InMemoryStatefulSets statefulSets) implements StatefulSets {
    @Override
    public Snapshot read(Target target, EnvNames names) {
      JsonObject seen = statefulSets.current().deepCopy();
      JsonObject status = seen.getAsJsonObject("status");
      status.add("observedGeneration", seen.getAsJsonObject("metadata").get("generation"));
      status.add("currentRevision", status.get("updateRevision"));
      return SnapshotReader.read(target, seen, names);
    }

    @Override
    public void patch(
        Snapshot snapshot, ShardCounts layout, Map<String, String> annotations, EnvNames names) {
      statefulSets.patch(snapshot, layout, annotations, names);
    }

    @Override
    public void recordEvent(Snapshot snapshot, boolean warning, String reason, String message) {
      statefulSets.recordEvent(snapshot, warning, reason, message);
    }
  }
}
