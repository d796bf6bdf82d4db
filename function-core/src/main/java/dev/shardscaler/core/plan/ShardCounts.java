package dev.shardscaler.core.plan;

/**
 * A shard layout: total shards, pods, shards per pod. In a StatefulSet read from the cluster the
 * env values may be absent (null).
 */
public record ShardCounts(Integer shards, int replicas, Integer shardsPerBot) {

  /** The layout for {@code shards} split into pods of {@code shardsPerBot}. */
  public static ShardCounts of(int shards, int shardsPerBot) {
    return new ShardCounts(shards, ceilDiv(shards, shardsPerBot), shardsPerBot);
  }

  static int ceilDiv(long dividend, long divisor) {
    return (int) ((dividend + divisor - 1) / divisor);
  }

  @Override
  public String toString() {
    return (shards == null ? "?" : shards)
        + " shards / "
        + replicas
        + " pods × "
        + (shardsPerBot == null ? "?" : shardsPerBot);
  }
}
