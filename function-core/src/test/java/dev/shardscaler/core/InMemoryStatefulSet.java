package dev.shardscaler.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.KubernetesApiException;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.kubernetes.SnapshotReader;
import dev.shardscaler.core.kubernetes.StatefulSetPatch;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.core.plan.ShardCounts;
import java.util.Map;

/**
 * The StatefulSet as the API server holds it, in memory: a read gives its JSON, a PATCH applies the
 * JSON Patch {@link StatefulSetPatch} builds (as the API server would, guarded by the
 * resourceVersion) or fails as {@link PatchAnswer} scripts: 409s, a lost answer, a 5xx, the change
 * landed or not. Counts what it was asked and what landed.
 */
final class InMemoryStatefulSet implements StatefulSets {
  private final String token;
  private JsonObject json;
  private int conflictsLeft;
  private PatchAnswer trouble;
  private boolean failNextRead;
  private int version = 1;
  int patchCalls;
  int conflicts;
  int lostAnswers;
  int rejected;
  int landed;
  int callsWithoutDeadline;

  /**
   * How the API server answers the pass's PATCHes.
   *
   * @param conflicts how many PATCHes are refused with 409 first (another writer got there)
   * @param lostStatus after those, the first PATCH's answer is lost: 0 (no answer) or a 5xx; null
   *     when it arrives
   * @param landed whether the PATCH whose answer was lost was applied all the same
   * @param rereadFails whether the read after a lost answer fails too
   */
  record PatchAnswer(int conflicts, Integer lostStatus, boolean landed, boolean rereadFails) {
    static final PatchAnswer ANSWERED = new PatchAnswer(0, null, true, false);

    String label() {
      if (conflicts > 0) {
        return "409×" + conflicts;
      }
      if (lostStatus == null) {
        return "";
      }
      return (lostStatus == 0 ? "no-answer" : "5xx")
          + (landed ? "+landed" : "")
          + (rereadFails ? "+reread-failed" : "");
    }
  }

  InMemoryStatefulSet(JsonObject json, PatchAnswer answer, String token) {
    this.json = json.deepCopy();
    this.token = token;
    this.conflictsLeft = answer.conflicts();
    this.trouble = answer.lostStatus() == null ? null : answer;
    stampVersion();
  }

  JsonObject json() {
    return json;
  }

  @Override
  public Snapshot read(Target target, EnvNames names) {
    callsWithoutDeadline++;
    return read(target, names, Deadline.none());
  }

  @Override
  public Snapshot read(Target target, EnvNames names, Deadline deadline) {
    assertThat(deadline).as("every read is bounded by a deadline").isNotNull();
    if (failNextRead) {
      failNextRead = false;
      throw unavailable(0, "get", "java.net.SocketTimeoutException: timeout");
    }
    if (deadline.expired()) {
      throw unavailable(0, "get", "java.io.InterruptedIOException: timeout");
    }
    return SnapshotReader.read(target, json, names);
  }

  @Override
  public void patch(
      Snapshot snapshot, ShardCounts layout, Map<String, String> annotations, EnvNames names) {
    callsWithoutDeadline++;
    patch(snapshot, layout, annotations, names, Deadline.none());
  }

  @Override
  public void patch(
      Snapshot snapshot,
      ShardCounts layout,
      Map<String, String> annotations,
      EnvNames names,
      Deadline deadline) {
    assertThat(deadline).as("every patch is bounded by a deadline").isNotNull();
    patchCalls++;
    if (deadline.expired()) {
      throw unavailable(0, "patch", "java.io.InterruptedIOException: timeout");
    }
    if (conflictsLeft > 0) {
      conflictsLeft--;
      version++; // another writer changed the object since the pass read it
      stampVersion();
    }
    if (snapshot.resourceVersion() == null) {
      // Only an object without metadata has none, which no API server returns: it cannot apply.
      rejected++;
      throw new KubernetesApiException(
          Reason.KUBERNETES_REJECTED,
          422,
          "the Kubernetes API rejected the patch of statefulsets \"bot\" (HTTP 422): the object"
              + " has no metadata.resourceVersion",
          false);
    }
    String current = metadata() == null ? null : text(metadata().get("resourceVersion"));
    if (!snapshot.resourceVersion().equals(current)) {
      conflicts++;
      throw new KubernetesApiException(
          Reason.CONFLICT,
          409,
          "StatefulSet discord/bot changed since it was read (HTTP 409)",
          true);
    }
    JsonObject after = json.deepCopy();
    JsonArray ops = StatefulSetPatch.build(snapshot, layout, annotations, names);
    ops.forEach(op -> JsonPatchOperation.apply(after, op.getAsJsonObject()));
    if (trouble != null) {
      PatchAnswer lost = trouble;
      trouble = null;
      if (lost.landed()) {
        land(after);
      }
      failNextRead = lost.rereadFails();
      lostAnswers++;
      throw unavailable(lost.lostStatus(), "patch", "the answer was lost");
    }
    land(after);
  }

  @Override
  public void recordEvent(Snapshot snapshot, boolean warning, String reason, String message) {
    assertThat(message).doesNotContain(token);
  }

  private void land(JsonObject after) {
    json = after;
    landed++;
    version++;
    stampVersion();
  }

  /** The API server sets metadata.resourceVersion on every object it holds. */
  private void stampVersion() {
    if (metadata() != null) {
      metadata().addProperty("resourceVersion", String.valueOf(version));
    }
  }

  private JsonObject metadata() {
    JsonElement metadata = json.get("metadata");
    return metadata != null && metadata.isJsonObject() ? metadata.getAsJsonObject() : null;
  }

  private static String text(JsonElement value) {
    return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
  }

  private static KubernetesApiException unavailable(int status, String verb, String detail) {
    return new KubernetesApiException(
        Reason.KUBERNETES_UNAVAILABLE,
        status,
        status == 0
            ? "could not reach the Kubernetes API to " + verb + " statefulsets: " + detail
            : "the Kubernetes API failed to " + verb + " statefulsets (HTTP " + status + ")",
        true);
  }
}
