package dev.shardscaler.simulator.cluster;

import dev.shardscaler.simulator.discord.SimulatedDiscord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The bot's pods by ordinal, with the counts the status and the summary need kept up to date, so
 * that a quiet pass costs nothing per pod.
 */
public final class Pods {
  private final List<Pod> byOrdinal = new ArrayList<>();
  private final TreeMap<Integer, Integer> byTotal = new TreeMap<>();
  private int existing;
  private int ready;
  private int pending;
  private String described;

  /** Pods that exist. */
  public int existing() {
    return existing;
  }

  /** Pods that are Ready. */
  public int ready() {
    return ready;
  }

  /** The lowest shard total any pod runs; 0 when no pod runs shards. */
  public int lowestTotal() {
    return byTotal.isEmpty() ? 0 : byTotal.firstKey();
  }

  /** True when pods run different shard totals. */
  public boolean split() {
    return byTotal.size() > 1;
  }

  /** True when a pod runs a total Discord refuses for this {@code max_concurrency} (close 4010). */
  public boolean runsNonMultipleOf(int maxConcurrency) {
    if (maxConcurrency <= 1) {
      return false;
    }
    for (int total : byTotal.keySet()) {
      if (total % maxConcurrency != 0) {
        return true;
      }
    }
    return false;
  }

  /** The shard totals the pods run, e.g. {@code 16×4} or {@code 12×1 16×3} (total × pods). */
  public String describe() {
    if (described == null) {
      StringBuilder out = new StringBuilder();
      byTotal.forEach(
          (total, count) ->
              out.append(out.isEmpty() ? "" : " ").append(total).append('×').append(count));
      described = out.toString();
    }
    return described;
  }

  Pod get(int ordinal) {
    return ordinal < byOrdinal.size() ? byOrdinal.get(ordinal) : null;
  }

  /** One past the highest ordinal that may hold a pod. */
  int slots() {
    return byOrdinal.size();
  }

  /** Pods on {@code revision}. */
  int on(String revision) {
    int count = 0;
    for (Pod pod : byOrdinal) {
      count += pod != null && pod.revision.equals(revision) ? 1 : 0;
    }
    return count;
  }

  /** A new pod; it starts identifying at {@code identifyAt}, or runs already when that is null. */
  Pod create(int ordinal, String revision, PodLayout layout, Instant identifyAt) {
    Pod pod = new Pod(ordinal, revision, layout);
    existing++;
    if (pod.hasShards()) {
      byTotal.merge(pod.total, 1, Integer::sum);
      described = null;
      if (identifyAt == null) {
        pod.ready = true;
        ready++;
      } else {
        pod.identifyAt = identifyAt;
        pending++;
      }
    }
    while (byOrdinal.size() <= ordinal) {
      byOrdinal.add(null);
    }
    byOrdinal.set(ordinal, pod);
    return pod;
  }

  void delete(int ordinal) {
    Pod pod = get(ordinal);
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
      byTotal.merge(pod.total, -1, (a, b) -> a + b == 0 ? null : a + b);
      described = null;
    }
    byOrdinal.set(ordinal, null);
  }

  /** Deletes every pod from {@code size} up. */
  void truncate(int size) {
    for (int ordinal = byOrdinal.size() - 1; ordinal >= size; ordinal--) {
      delete(ordinal);
      byOrdinal.remove(ordinal);
    }
  }

  /** The next time a pod starts identifying or turns Ready; null when all is quiet. */
  Instant nextEvent() {
    if (pending == 0) {
      return null;
    }
    Instant next = null;
    for (Pod pod : byOrdinal) {
      Instant at = pod == null ? null : pod.nextEvent();
      if (at != null && (next == null || at.isBefore(next))) {
        next = at;
      }
    }
    return next;
  }

  /** Pods due at {@code at} start identifying (asking Discord for slots) or turn Ready. */
  void advance(Instant at, SimulatedDiscord discord) {
    for (Pod pod : byOrdinal) {
      if (pod == null) {
        continue;
      }
      if (pod.identifyAt != null && !pod.identifyAt.isAfter(at)) {
        pod.readyAt = discord.identify(pod.identifyAt, pod.first, pod.last);
        pod.identifyAt = null;
      }
      if (!pod.ready && pod.readyAt != null && !pod.readyAt.isAfter(at)) {
        pod.ready = true;
        pending--;
        ready++;
      }
    }
  }
}
