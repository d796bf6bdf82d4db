package dev.shardscaler.knative;

import dev.shardscaler.core.config.ConfigException;
import java.util.List;

/**
 * Whether this instance can run a pass: not when its configuration is broken (checked at start, and
 * again when the first pass builds the cluster client). Knative then keeps it out of traffic
 * through the readiness probe, while liveness stays up: restarting would not fix a setting.
 */
final class Readiness {
  private volatile List<String> problems;

  Readiness(List<String> problems) {
    this.problems = List.copyOf(problems);
  }

  List<String> problems() {
    return problems;
  }

  boolean ready() {
    return problems.isEmpty();
  }

  /** From now on, not ready for these reasons. */
  void fail(List<String> found) {
    problems = List.copyOf(found);
  }

  /** Throws the problems as the configuration's, so the contract answers 500 naming them. */
  void check() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
