package dev.shardscaler.simulator.history;

import java.util.List;

/** A guild history that cannot be used: every problem found, each naming its line and column. */
public final class HistoryException extends RuntimeException {
  private final List<String> problems;

  public HistoryException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
