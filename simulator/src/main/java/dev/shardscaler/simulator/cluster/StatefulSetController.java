package dev.shardscaler.simulator.cluster;

import com.google.gson.JsonObject;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.simulator.discord.SimulatedDiscord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
  private final List<Pod> pods = new ArrayList<>();
  private final Map<String, PodLayout> layouts = new HashMap<>();
  private final TreeMap<Integer, Integer> podsByTotal = new TreeMap<>();
  // kept up to date so that a quiet pass costs nothing per pod
  private int existing;
  private int ready;
  private int pending;
  private String fleet;
  private long seenGeneration = Long.MIN_VALUE;
  private String updateRevision;
  private String currentRevision;
  private boolean rolling;
  private int partition;
  private boolean orderedReady;
  private int desired;
  // the status as last written, to write only changes
  private long writtenGeneration = -1;
  private int writtenReplicas = -1;
  private int writtenReady = -1;
  private int writtenCurrent = -1;
  private int writtenUpdated = -1;
  private String writtenCurrentRevision;
  private String writtenUpdateRevision;
  // rollouts: from a spec change until every pod runs it and is Ready
  private Instant rolloutSince;
  private Duration longestRollout = Duration.ZERO;
  private Instant longestRolloutFrom;
  private int rollouts;

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
      Pod pod = create(ordinal, updateRevision, now);
      if (pod.hasShards()) {
        pod.identifyAt = null;
        turnReady(pod);
      }
    }
    writeStatus(now);
  }

  /** Reacts to the object as it is now (after a write): scales, replaces, writes the status. */
  public void sync(Instant now) {
    boolean newSpec = readSpec();
    for (int round = 0; round <= pods.size() + desired && reconcile(now); round++) {
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
    if (pending == 0) {
      return null;
    }
    Instant next = null;
    for (Pod pod : pods) {
      Instant at = pod == null ? null : pod.nextEvent();
      if (at != null && (next == null || at.isBefore(next))) {
        next = at;
      }
    }
    return next;
  }

  /** Moves the pods on to {@code at} (an event time), then lets the controller react. */
  public void advance(Instant at) {
    for (Pod pod : pods) {
      if (pod == null) {
        continue;
      }
      if (pod.identifyAt != null && !pod.identifyAt.isAfter(at)) {
        pod.readyAt = discord.identify(pod.identifyAt, pod.first, pod.last);
        pod.identifyAt = null;
      }
      if (!pod.ready && pod.readyAt != null && !pod.readyAt.isAfter(at)) {
        turnReady(pod);
      }
    }
    sync(at);
  }

  /** The lowest shard total any pod runs; 0 when no pod runs shards. */
  public int lowestTotal() {
    return podsByTotal.isEmpty() ? 0 : podsByTotal.firstKey();
  }

  /** True when pods run different shard totals. */
  public boolean split() {
    return podsByTotal.size() > 1;
  }

  /** True when a pod runs a total Discord refuses for this {@code max_concurrency} (close 4010). */
  public boolean runsNonMultipleOf(int maxConcurrency) {
    if (maxConcurrency <= 1) {
      return false;
    }
    for (int total : podsByTotal.keySet()) {
      if (total % maxConcurrency != 0) {
        return true;
      }
    }
    return false;
  }

  /** The shard totals the pods run, e.g. {@code 16×4} or {@code 12×1 16×3} (total × pods). */
  public String fleet() {
    if (fleet == null) {
      StringBuilder out = new StringBuilder();
      podsByTotal.forEach(
          (total, count) ->
              out.append(out.isEmpty() ? "" : " ").append(total).append('×').append(count));
      fleet = out.toString();
    }
    return fleet;
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

  /** Pods that exist. */
  public int pods() {
    return existing;
  }

  /** Pods that are Ready. */
  public int readyPods() {
    return ready;
  }

  // for tests
  String podRevision(int ordinal) {
    Pod pod = ordinal < pods.size() ? pods.get(ordinal) : null;
    return pod == null ? null : pod.revision;
  }

  boolean podReady(int ordinal) {
    Pod pod = ordinal < pods.size() ? pods.get(ordinal) : null;
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
      Pod pod = pod(ordinal);
      if (pod == null) {
        boolean belowPartition = rolling && ordinal < partition;
        create(ordinal, belowPartition ? currentRevision : updateRevision, now);
        if (orderedReady) {
          return false;
        }
      } else if (orderedReady && !pod.ready) {
        return false;
      }
    }
    for (int ordinal = pods.size() - 1; ordinal >= desired; ordinal--) {
      delete(ordinal);
      pods.remove(ordinal);
    }
    if (!rolling) {
      return false;
    }
    for (int ordinal = desired - 1; ordinal >= partition; ordinal--) {
      Pod pod = pod(ordinal);
      if (pod == null) {
        return false;
      }
      if (!pod.revision.equals(updateRevision)) {
        delete(ordinal);
        return true;
      }
      if (!pod.ready) {
        return false;
      }
    }
    return false;
  }

  private Pod pod(int ordinal) {
    return ordinal < pods.size() ? pods.get(ordinal) : null;
  }

  private Pod create(int ordinal, String revision, Instant now) {
    Pod pod = new Pod(ordinal, revision, layouts.get(revision));
    existing++;
    if (pod.hasShards()) {
      pod.identifyAt = now.plus(podStart);
      pending++;
      podsByTotal.merge(pod.total, 1, Integer::sum);
      fleet = null;
    }
    while (pods.size() <= ordinal) {
      pods.add(null);
    }
    pods.set(ordinal, pod);
    return pod;
  }

  private void delete(int ordinal) {
    Pod pod = pods.get(ordinal);
    if (pod == null) {
      return;
    }
    existing--;
    if (pod.ready) {
      ready--;
    } else if (pod.hasShards()) {
      pending--;
    }
    if (pod.hasShards()) {
      podsByTotal.merge(pod.total, -1, (a, b) -> a + b == 0 ? null : a + b);
      fleet = null;
    }
    pods.set(ordinal, null);
  }

  private void turnReady(Pod pod) {
    pod.ready = true;
    pending--;
    ready++;
  }

  private void writeStatus(Instant now) {
    int updated = 0;
    for (Pod pod : pods) {
      updated += pod != null && pod.revision.equals(updateRevision) ? 1 : 0;
    }
    if (rolling && updated == desired && ready == desired && existing == desired) {
      currentRevision = updateRevision;
    }
    int current = 0;
    for (Pod pod : pods) {
      current += pod != null && pod.revision.equals(currentRevision) ? 1 : 0;
    }
    boolean converged =
        currentRevision.equals(updateRevision)
            && ready == desired
            && existing == desired
            && updated == desired;
    if (converged && rolloutSince != null) {
      Duration took = Duration.between(rolloutSince, now);
      if (took.compareTo(longestRollout) > 0) {
        longestRollout = took;
        longestRolloutFrom = rolloutSince;
      }
      rolloutSince = null;
    }
    if (writtenGeneration == seenGeneration
        && writtenReplicas == existing
        && writtenReady == ready
        && writtenCurrent == current
        && writtenUpdated == updated
        && currentRevision.equals(writtenCurrentRevision)
        && updateRevision.equals(writtenUpdateRevision)) {
      return;
    }
    JsonObject status = store.current().getAsJsonObject("status");
    status.addProperty("observedGeneration", seenGeneration);
    status.addProperty("replicas", existing);
    status.addProperty("readyReplicas", ready);
    status.addProperty("availableReplicas", ready);
    status.addProperty("currentReplicas", current);
    status.addProperty("updatedReplicas", updated);
    status.addProperty("currentRevision", currentRevision);
    status.addProperty("updateRevision", updateRevision);
    status.addProperty("collisionCount", 0);
    writtenGeneration = seenGeneration;
    writtenReplicas = existing;
    writtenReady = ready;
    writtenCurrent = current;
    writtenUpdated = updated;
    writtenCurrentRevision = currentRevision;
    writtenUpdateRevision = updateRevision;
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
