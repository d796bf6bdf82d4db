package dev.shardscaler.core.config;

import java.util.List;

/** Invalid configuration: every problem found, each naming the key and the value it had. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(
        problems.size() == 1
            ? "invalid configuration: " + problems.get(0)
            : "invalid configuration ("
                + problems.size()
                + " problems): "
                + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
