package dev.shardscaler.knative.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sandbox's pods: what the StatefulSet controller, the kubelet and the bot do with the sets the
 * scaler writes, on a clock given to {@link #step} (real time in the sandbox, virtual time in a
 * replay). Per set, OrderedReady and RollingUpdate as the controller does them: a missing pod is
 * created once every lower one is Ready, surplus pods go from the highest ordinal, a new template
 * replaces pods from the highest ordinal down, one at a time, each once the others are Ready. A pod
 * starts, then connects its shards one IDENTIFY at a time through one queue for the whole bot
 * (Discord's max_concurrency 1), and is Ready once every shard is connected. Terminating closes its
 * sessions at once. Each pod sees a change of the switch ConfigMap after its own delay, up to the
 * kubelet's bound; a pod handles events when there is no switch or the switch names its set.
 */
final class PodModel {

  /** How long things take. */
  record Timing(long podStartMillis, long identifyMillis, long kubeletMaxMillis, long stopMillis) {
    /** About the real pace, scaled down ~10×: a sandbox reshard takes seconds, not minutes. */
    static final Timing SANDBOX = new Timing(1_000, 400, 2_000, 500);
  }

  /** A connected shard: which set runs it, on which total, and whether its pod handles events. */
  record Session(String set, int shard, int total, boolean active) {}

  /** What the controller reports in a set's status. */
  record SetStatus(
      long observedGeneration,
      int replicas,
      int readyReplicas,
      int updatedReplicas,
      String currentRevision,
      String updateRevision) {}

  private static final class Pod {
    final String set;
    final int ordinal;
    final long generation;
    final int total;
    final List<Integer> shards = new ArrayList<>();
    final TreeSet<Integer> connected = new TreeSet<>();
    final long runsAt;
    long stoppedAt = -1;
    boolean queued;
    List<String> view;
    List<String> nextView;
    long nextViewAt;

    Pod(String set, int ordinal, long generation, int total, int perBot, long runsAt) {
      this.set = set;
      this.ordinal = ordinal;
      this.generation = generation;
      this.total = total;
      this.runsAt = runsAt;
      for (int id = ordinal * perBot; id < Math.min((ordinal + 1) * perBot, total); id++) {
        shards.add(id);
      }
    }

    boolean stopping() {
      return stoppedAt >= 0;
    }

    boolean ready() {
      return !stopping() && !shards.isEmpty() && connected.size() == shards.size();
    }

    boolean active() {
      return view == null || view.contains(set);
    }
  }

  private static final class Set {
    int replicas;
    int total;
    int perBot;
    long generation;
    final TreeMap<Integer, Pod> pods = new TreeMap<>();
  }

  private final Timing timing;
  private final Random random = new Random(42);
  private final Map<String, Set> sets = new LinkedHashMap<>();
  private final Deque<Pod> identifyQueue = new ArrayDeque<>();

  /** Pods of deleted sets, until they are gone. */
  private final List<Pod> stopped = new ArrayList<>();

  private long nextIdentifyAt;
  private List<String> switchActive;
  private String switchPhase;
  private int identifies;

  PodModel(Timing timing) {
    this.timing = timing;
  }

  /** The spec of a set as the scaler left it; a new generation is a new template. */
  synchronized void spec(String name, int replicas, int total, int perBot, long generation) {
    Set set = sets.computeIfAbsent(name, n -> new Set());
    set.replicas = replicas;
    set.total = total;
    set.perBot = perBot;
    set.generation = generation;
  }

  /** The set's pods already run, every shard connected: a bot that ran before the sandbox. */
  synchronized void warm(String name, long now) {
    Set set = sets.get(name);
    for (int ordinal = 0; ordinal < set.replicas; ordinal++) {
      Pod pod = new Pod(name, ordinal, set.generation, set.total, set.perBot, now);
      pod.connected.addAll(pod.shards);
      pod.view = switchActive;
      set.pods.put(ordinal, pod);
    }
  }

  /** The set was deleted: its pods go. */
  synchronized void remove(String name, long now) {
    Set set = sets.remove(name);
    if (set != null) {
      set.pods.values().forEach(pod -> stop(pod, now));
      stopped.addAll(set.pods.values());
    }
  }

  /** The switch as written (null: there is none); each pod sees a change after its own delay. */
  synchronized void switchTo(List<String> active, String phase, long now) {
    switchPhase = phase;
    if (java.util.Objects.equals(active, switchActive)) {
      return;
    }
    switchActive = active;
    for (Set set : sets.values()) {
      for (Pod pod : set.pods.values()) {
        pod.nextView = active;
        pod.nextViewAt = now + (long) (random.nextDouble() * timing.kubeletMaxMillis());
      }
    }
  }

  synchronized void step(long now) {
    for (Set set : sets.values()) {
      for (Pod pod : set.pods.values()) {
        if (pod.nextViewAt > 0 && now >= pod.nextViewAt) {
          pod.view = pod.nextView;
          pod.nextViewAt = 0;
        }
      }
    }
    stopped.removeIf(pod -> now >= pod.stoppedAt + timing.stopMillis());
    for (Map.Entry<String, Set> entry : sets.entrySet()) {
      control(entry.getKey(), entry.getValue(), now);
    }
    for (Set set : sets.values()) {
      for (Pod pod : set.pods.values()) {
        if (!pod.stopping() && !pod.queued && now >= pod.runsAt && !pod.ready()) {
          pod.queued = true;
          identifyQueue.add(pod);
        }
      }
    }
    while (!identifyQueue.isEmpty() && now >= nextIdentifyAt) {
      Pod pod = identifyQueue.poll();
      if (pod.stopping()) {
        continue;
      }
      int next = pod.shards.get(pod.connected.size());
      pod.connected.add(next);
      identifies++;
      nextIdentifyAt = now + timing.identifyMillis();
      if (!pod.ready()) {
        identifyQueue.add(pod);
      } else {
        pod.queued = false;
      }
    }
  }

  /** One controller action per set and step, OrderedReady. */
  private void control(String name, Set set, long now) {
    set.pods.values().removeIf(pod -> pod.stopping() && now >= pod.stoppedAt + timing.stopMillis());
    if (set.pods.values().stream().anyMatch(Pod::stopping)) {
      return;
    }
    if (!set.pods.isEmpty() && set.pods.lastKey() >= set.replicas) {
      stop(set.pods.lastEntry().getValue(), now);
      return;
    }
    for (int ordinal = 0; ordinal < set.replicas; ordinal++) {
      Pod pod = set.pods.get(ordinal);
      if (pod == null) {
        Pod created =
            new Pod(
                name,
                ordinal,
                set.generation,
                set.total,
                set.perBot,
                now + timing.podStartMillis());
        // a new pod mounts the switch as it is now
        created.view = switchActive;
        set.pods.put(ordinal, created);
        return;
      }
      if (!pod.ready()) {
        return;
      }
    }
    for (Pod pod : set.pods.descendingMap().values()) {
      if (pod.generation != set.generation) {
        stop(pod, now);
        return;
      }
    }
  }

  private static void stop(Pod pod, long now) {
    if (!pod.stopping()) {
      pod.stoppedAt = now;
      pod.connected.clear();
    }
  }

  synchronized SetStatus status(String name) {
    Set set = sets.get(name);
    if (set == null) {
      return null;
    }
    int ready = (int) set.pods.values().stream().filter(Pod::ready).count();
    int updated =
        (int) set.pods.values().stream().filter(p -> p.generation == set.generation).count();
    long oldest =
        set.pods.values().stream().mapToLong(p -> p.generation).min().orElse(set.generation);
    String update = name + "-" + set.generation;
    return new SetStatus(
        set.generation,
        set.pods.size(),
        ready,
        updated,
        updated == set.pods.size() ? update : name + "-" + oldest,
        update);
  }

  synchronized List<Session> sessions() {
    List<Session> sessions = new ArrayList<>();
    for (Set set : sets.values()) {
      for (Pod pod : set.pods.values()) {
        for (int shard : pod.connected) {
          sessions.add(new Session(pod.set, shard, pod.total, pod.active()));
        }
      }
    }
    return sessions;
  }

  /** Nothing moving: every set at its spec and Ready, every pod sees the switch, it is steady. */
  synchronized boolean quiet() {
    if (!stopped.isEmpty() || switchPhase != null && !switchPhase.equals("steady")) {
      return false;
    }
    for (Set set : sets.values()) {
      if (set.pods.size() != set.replicas) {
        return false;
      }
      for (Pod pod : set.pods.values()) {
        if (!pod.ready() || pod.generation != set.generation || pod.nextViewAt > 0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The sessions as Discord sees them, per set and shard total: "bot 12/12 active, bot-b 9/16
   * standby"; mid-rollout "bot 4/14 + 8/12 active".
   */
  synchronized String describe() {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Set> entry : sets.entrySet()) {
      Set set = entry.getValue();
      Map<Integer, Integer> byTotal = new TreeMap<>(java.util.Comparator.reverseOrder());
      int connected = 0;
      int active = 0;
      long activePods = set.pods.values().stream().filter(Pod::active).count();
      for (Pod pod : set.pods.values()) {
        byTotal.merge(pod.total, pod.connected.size(), Integer::sum);
        connected += pod.connected.size();
        active += pod.active() ? pod.connected.size() : 0;
      }
      String role =
          activePods == set.pods.size()
              ? " active"
              : activePods == 0 ? " standby" : " " + active + " active";
      if (connected == 0 && set.replicas == 0) {
        continue;
      }
      byTotal.putIfAbsent(set.total, 0);
      List<String> counts = new ArrayList<>();
      byTotal.forEach((total, count) -> counts.add(count + "/" + total));
      parts.add(entry.getKey() + " " + String.join(" + ", counts) + role);
    }
    return String.join(", ", parts);
  }

  synchronized int identifies() {
    return identifies;
  }
}
