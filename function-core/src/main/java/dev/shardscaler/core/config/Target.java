package dev.shardscaler.core.config;

/** The bot's StatefulSet and the container in it whose env carries the shard settings. */
public record Target(String namespace, String statefulSet, String container) {
  @Override
  public String toString() {
    return namespace + "/" + statefulSet + " (container " + container + ")";
  }
}
