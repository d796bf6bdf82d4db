package dev.shardscaler.knative.sandbox;

/** A shard layout as the sandbox prints and replays it. */
record Layout(int shards, int replicas, int perBot) {
  @Override
  public String toString() {
    return shards + " shards/" + replicas + " pods";
  }
}
