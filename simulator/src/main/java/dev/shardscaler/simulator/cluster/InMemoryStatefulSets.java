package dev.shardscaler.simulator.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.KubernetesApiException;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.kubernetes.SnapshotReader;
import dev.shardscaler.core.kubernetes.StatefulSetPatch;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.core.plan.ShardCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bot's StatefulSet held as the API server's JSON, behind the scaler's own port: reads go
 * through the real {@link SnapshotReader}, writes are the real {@link StatefulSetPatch} applied as
 * the API server applies a JSON Patch: atomically, refused with 409 when the patch's
 * resourceVersion is not the object's, status and generation kept server-side, {@code
 * metadata.generation} bumped when the spec changes and the resourceVersion on every change.
 */
public final class InMemoryStatefulSets implements StatefulSets {
  private final Target target;
  private JsonObject statefulSet;
  private long resourceVersion;
  private int writes;
  private final List<RecordedEvent> events = new ArrayList<>();

  /** An event the scaler recorded on the StatefulSet. */
  public record RecordedEvent(boolean warning, String reason, String message) {}

  public InMemoryStatefulSets(Target target, JsonObject statefulSet) {
    this.target = target;
    this.statefulSet = statefulSet;
    this.resourceVersion =
        Long.parseLong(metadata(statefulSet).get("resourceVersion").getAsString());
  }

  /** An independent copy (same object and version, no events), for a what-if pass. */
  public InMemoryStatefulSets copy() {
    return new InMemoryStatefulSets(target, statefulSet.deepCopy());
  }

  /** The object as the API server holds it now. Writes replace it; the controller edits status. */
  public JsonObject current() {
    return statefulSet;
  }

  /** Accepted writes so far. */
  public int writes() {
    return writes;
  }

  public List<RecordedEvent> events() {
    return events;
  }

  /** The controller changed the status: a new resourceVersion, as on the API server. */
  void statusWritten() {
    resourceVersion++;
    metadata(statefulSet).addProperty("resourceVersion", String.valueOf(resourceVersion));
  }

  @Override
  public Snapshot read(Target wanted, EnvNames names) {
    if (!wanted.namespace().equals(target.namespace())
        || !wanted.statefulSet().equals(target.statefulSet())) {
      throw new KubernetesApiException(
          Reason.KUBERNETES_NOT_FOUND,
          404,
          "StatefulSet \""
              + wanted.statefulSet()
              + "\" not found in namespace \""
              + wanted.namespace()
              + "\" (HTTP 404): the simulation holds only "
              + target.namespace()
              + "/"
              + target.statefulSet(),
          false);
    }
    return SnapshotReader.read(wanted, statefulSet, names);
  }

  @Override
  public void patch(
      Snapshot snapshot, ShardCounts layout, Map<String, String> annotations, EnvNames names) {
    apply(StatefulSetPatch.build(snapshot, layout, annotations, names));
  }

  /** Applies a JSON Patch as the API server would (see the class comment). */
  public void apply(JsonArray operations) {
    JsonObject next = statefulSet.deepCopy();
    try {
      JsonPatch.apply(next, operations);
    } catch (JsonPatch.PatchException e) {
      throw new KubernetesApiException(
          Reason.KUBERNETES_REJECTED,
          422,
          "the Kubernetes API rejected the patch of statefulsets \""
              + target.statefulSet()
              + "\" in namespace \""
              + target.namespace()
              + "\" (HTTP 422): "
              + e.getMessage(),
          false);
    }
    JsonElement sent = metadata(next).get("resourceVersion");
    String current = String.valueOf(resourceVersion);
    if (sent == null || !sent.isJsonPrimitive() || !sent.getAsString().equals(current)) {
      throw new KubernetesApiException(
          Reason.CONFLICT,
          409,
          "StatefulSet "
              + target.namespace()
              + "/"
              + target.statefulSet()
              + " changed since it was read (HTTP 409): the object has been modified; please"
              + " apply your changes to the latest version and try again",
          true);
    }
    // What a client cannot write through the main resource.
    next.add("status", statefulSet.get("status").deepCopy());
    JsonObject meta = metadata(next);
    JsonObject oldMeta = metadata(statefulSet);
    meta.add("generation", oldMeta.get("generation"));
    meta.add("uid", oldMeta.get("uid"));
    if (next.equals(statefulSet)) {
      return; // a no-op patch leaves the object and its version alone
    }
    if (!next.get("spec").equals(statefulSet.get("spec"))) {
      meta.addProperty("generation", oldMeta.get("generation").getAsLong() + 1);
    }
    resourceVersion++;
    meta.addProperty("resourceVersion", String.valueOf(resourceVersion));
    statefulSet = next;
    writes++;
  }

  @Override
  public void recordEvent(Snapshot snapshot, boolean warning, String reason, String message) {
    events.add(new RecordedEvent(warning, reason, message));
  }

  static JsonObject metadata(JsonObject object) {
    return object.getAsJsonObject("metadata");
  }
}
