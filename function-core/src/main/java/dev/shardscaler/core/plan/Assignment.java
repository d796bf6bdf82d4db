package dev.shardscaler.core.plan;

import java.util.ArrayList;
import java.util.List;

/** The shard ids one pod runs: {@code bot-N} gets {@code N*perBot … min((N+1)*perBot, total)-1}. */
public record Assignment(String pod, int first, int last, String shards) {

  /** The most rows a table lists: a result stays small whatever the layout. */
  public static final int MAX_ROWS = 1024;

  /**
   * The table for a layout, at most {@link #MAX_ROWS} rows; pods that would get no shard are left
   * out (they would be refused).
   */
  public static List<Assignment> table(String statefulSet, ShardCounts layout) {
    List<Assignment> table = new ArrayList<>();
    if (layout.shards() == null || layout.shardsPerBot() == null) {
      return table;
    }
    int total = layout.shards();
    int perBot = layout.shardsPerBot();
    int rows = Math.min(layout.replicas(), MAX_ROWS);
    for (int ordinal = 0; ordinal < rows; ordinal++) {
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

  /** How many pods of the layout run shards: the table's full length. */
  public static int podsWithShards(ShardCounts layout) {
    if (layout.shards() == null || layout.shardsPerBot() == null) {
      return 0;
    }
    long pods = (layout.shards() + (long) layout.shardsPerBot() - 1) / layout.shardsPerBot();
    return (int) Math.min(pods, layout.replicas());
  }

  @Override
  public String toString() {
    return pod + ": " + shards;
  }
}
