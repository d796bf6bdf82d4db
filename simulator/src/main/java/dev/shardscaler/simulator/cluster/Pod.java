package dev.shardscaler.simulator.cluster;

import java.time.Instant;

/**
 * One bot pod: its ordinal, the template revision it runs, its shards, and where it is in its
 * start: created → identifying (after the pod start time) → Ready (once its last shard connected).
 * A pod with no shards never turns Ready: the bot refuses to run without any.
 */
final class Pod {
  final int ordinal;
  final String revision;
  final int total;
  final int first;
  final int last;
  Instant identifyAt;
  Instant readyAt;
  boolean ready;

  Pod(int ordinal, String revision, PodLayout layout) {
    this.ordinal = ordinal;
    this.revision = revision;
    this.total = layout.shards() == null ? 0 : layout.shards();
    this.first = layout.first(ordinal);
    this.last = layout.last(ordinal);
  }

  boolean hasShards() {
    return first >= 0;
  }

  int shards() {
    return hasShards() ? last - first + 1 : 0;
  }

  /** The next time something happens to this pod; null when nothing will. */
  Instant nextEvent() {
    if (identifyAt != null) {
      return identifyAt;
    }
    return ready ? null : readyAt;
  }
}
