package dev.shardscaler.core.plan;

import java.util.ArrayList;
import java.util.List;

/** The shard ids one pod runs: {@code bot-N} gets {@code N*perBot … min((N+1)*perBot, total)-1}. */
public record Assignment(String pod, int first, int last, String shards) {

  /** The table for a layout; pods that would get no shard are left out (they would be refused). */
  public static List<Assignment> table(String statefulSet, ShardCounts layout) {
    List<Assignment> table = new ArrayList<>();
    if (layout.shards() == null || layout.shardsPerBot() == null) {
      return table;
    }
    int total = layout.shards();
    int perBot = layout.shardsPerBot();
    for (int ordinal = 0; ordinal < layout.replicas(); ordinal++) {
      long first = (long) ordinal * perBot;
      if (first >= total) {
        break;
      }
      int last = (int) Math.min(first + perBot, total) - 1;
      table.add(
          new Assignment(
              statefulSet + "-" + ordinal,
              (int) first,
              last,
              first == last ? String.valueOf(first) : first + "-" + last));
    }
    return table;
  }

  @Override
  public String toString() {
    return pod + ": " + shards;
  }
}
