package dev.shardscaler.simulator.cluster;

import com.google.gson.JsonObject;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.simulator.discord.SimulatedDiscord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The StatefulSet controller and the bot's pods, as far as the scaler can tell them apart. It
 * reacts to a spec change at once. Pods are created in ordinal order, with {@code OrderedReady} one
 * at a time, each only once all before it are Ready; with {@code Parallel} all at once. Surplus
 * pods are removed from the highest ordinal down. A {@code RollingUpdate} replaces pods from the
 * highest ordinal down to the partition, one at a time, each only once the ones above it are Ready;
 * new pods below the partition get the current revision. {@code OnDelete} never replaces a pod. The
 * status carries what the API server's does: {@code observedGeneration}, {@code replicas}, {@code
 * readyReplicas}, {@code currentReplicas}/{@code updatedReplicas} and {@code
 * currentRevision}/{@code updateRevision}, the current revision catching up once every pod runs the
 * update revision and is Ready.
 *
 * <p>A pod starts identifying its shards {@code podStart} after it is created (image, process, bot
 * start-up), spending one session start per shard, and is Ready once Discord let its last shard
 * connect ({@link SimulatedDiscord#identify}). Deletion is immediate.
 */
public final class StatefulSetController {
  private final InMemoryStatefulSets store;
  private final SimulatedDiscord discord;
  private final String container;
  private final EnvNames names;
  private final Duration podStart;
  private final Pods pods = new Pods();
  private final Map<String, PodLayout> layouts = new HashMap<>();
  private long seenGeneration = Long.MIN_VALUE;
  private String updateRevision;
  private String currentRevision;
  private boolean rolling;
  private int partition;
  private boolean orderedReady;
  private int desired;
  private Status written;
  // rollouts: from a spec change until every pod runs it and is Ready
  private Instant rolloutSince;
  private Duration longestRollout = Duration.ZERO;
  private Instant longestRolloutFrom;
  private int rollouts;

  /** The status fields the controller writes, to write only changes. */
  private record Status(
      long observedGeneration,
      int replicas,
      int ready,
      int current,
      int updated,
      String currentRevision,
      String updateRevision) {}

  public StatefulSetController(
      InMemoryStatefulSets store,
      SimulatedDiscord discord,
      String container,
      EnvNames names,
      Duration podStart) {
    this.store = store;
    this.discord = discord;
    this.container = container;
    this.names = names;
    this.podStart = podStart;
  }

  /** The fleet as it runs when the simulation starts: every pod on the spec, Ready if it can be. */
  public void start(Instant now) {
    readSpec();
    currentRevision = updateRevision;
    for (int ordinal = 0; ordinal < desired; ordinal++) {
      pods.create(ordinal, updateRevision, layouts.get(updateRevision), null);
    }
    writeStatus(now);
  }

  /** Reacts to the object as it is now (after a write): scales, replaces, writes the status. */
  public void sync(Instant now) {
    boolean newSpec = readSpec();
    for (int round = 0; round <= pods.slots() + desired && reconcile(now); round++) {
      // each round replaced one pod for the update; the next one recreates it
    }
    if (newSpec && rolloutSince == null) {
      rolloutSince = now;
      rollouts++;
    }
    writeStatus(now);
  }

  /** The next time a pod starts identifying or turns Ready; null when all is quiet. */
  public Instant nextEvent() {
    return pods.nextEvent();
  }

  /** Moves the pods on to {@code at} (an event time), then lets the controller react. */
  public void advance(Instant at) {
    pods.advance(at, discord);
    sync(at);
  }

  public Pods pods() {
    return pods;
  }

  public Duration longestRollout() {
    return longestRollout;
  }

  public Instant longestRolloutFrom() {
    return longestRolloutFrom;
  }

  /** When the rollout under way began; null when none is. */
  public Instant rolloutSince() {
    return rolloutSince;
  }

  public int rollouts() {
    return rollouts;
  }

  // for tests
  String podRevision(int ordinal) {
    Pod pod = pods.get(ordinal);
    return pod == null ? null : pod.revision;
  }

  boolean podReady(int ordinal) {
    Pod pod = pods.get(ordinal);
    return pod != null && pod.ready;
  }

  String updateRevision() {
    return updateRevision;
  }

  /** Reads the spec; true when it is a new generation. */
  private boolean readSpec() {
    JsonObject set = store.current();
    JsonObject spec = set.getAsJsonObject("spec");
    desired = (int) JsonFields.number(spec, "replicas", 1);
    JsonObject strategy = JsonFields.object(spec, "updateStrategy");
    rolling = !StartState.ON_DELETE.equals(JsonFields.text(strategy, "type"));
    partition =
        rolling
            ? (int) JsonFields.number(JsonFields.object(strategy, "rollingUpdate"), "partition", 0)
            : 0;
    orderedReady = !StartState.PARALLEL.equals(JsonFields.text(spec, "podManagementPolicy"));
    long generation = set.getAsJsonObject("metadata").get("generation").getAsLong();
    if (generation == seenGeneration) {
      return false;
    }
    boolean first = seenGeneration == Long.MIN_VALUE;
    seenGeneration = generation;
    JsonObject template = JsonFields.object(spec, "template");
    updateRevision = revisionName(template);
    layouts.computeIfAbsent(updateRevision, r -> PodLayout.of(template, container, names));
    return !first;
  }

  /** One round of the controller; true when it replaced a pod that must be recreated. */
  private boolean reconcile(Instant now) {
    for (int ordinal = 0; ordinal < desired; ordinal++) {
      Pod pod = pods.get(ordinal);
      if (pod == null) {
        String revision = rolling && ordinal < partition ? currentRevision : updateRevision;
        pods.create(ordinal, revision, layouts.get(revision), now.plus(podStart));
        if (orderedReady) {
          return false;
        }
      } else if (orderedReady && !pod.ready) {
        return false;
      }
    }
    pods.truncate(desired);
    if (!rolling) {
      return false;
    }
    for (int ordinal = desired - 1; ordinal >= partition; ordinal--) {
      Pod pod = pods.get(ordinal);
      if (pod == null) {
        return false;
      }
      if (!pod.revision.equals(updateRevision)) {
        pods.delete(ordinal);
        return true;
      }
      if (!pod.ready) {
        return false;
      }
    }
    return false;
  }

  private void writeStatus(Instant now) {
    int updated = pods.on(updateRevision);
    int ready = pods.ready();
    int existing = pods.existing();
    if (rolling && updated == desired && ready == desired && existing == desired) {
      currentRevision = updateRevision;
    }
    if (rolloutSince != null
        && currentRevision.equals(updateRevision)
        && updated == desired
        && ready == desired
        && existing == desired) {
      Duration took = Duration.between(rolloutSince, now);
      if (took.compareTo(longestRollout) > 0) {
        longestRollout = took;
        longestRolloutFrom = rolloutSince;
      }
      rolloutSince = null;
    }
    Status status =
        new Status(
            seenGeneration,
            existing,
            ready,
            pods.on(currentRevision),
            updated,
            currentRevision,
            updateRevision);
    if (status.equals(written)) {
      return;
    }
    JsonObject json = store.current().getAsJsonObject("status");
    json.addProperty("observedGeneration", status.observedGeneration());
    json.addProperty("replicas", status.replicas());
    json.addProperty("readyReplicas", status.ready());
    json.addProperty("availableReplicas", status.ready());
    json.addProperty("currentReplicas", status.current());
    json.addProperty("updatedReplicas", status.updated());
    json.addProperty("currentRevision", status.currentRevision());
    json.addProperty("updateRevision", status.updateRevision());
    json.addProperty("collisionCount", 0);
    written = status;
    store.statusWritten();
  }

  /** {@code <name>-<hash of the template>}, as ControllerRevisions are named. */
  private String revisionName(JsonObject template) {
    long hash = 0xcbf29ce484222325L; // FNV-1a, 64 bits
    for (byte b : template.toString().getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    String name = store.current().getAsJsonObject("metadata").get("name").getAsString();
    return name + "-" + String.format("%016x", hash).substring(0, 10);
  }
}
