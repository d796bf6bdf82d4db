package dev.shardscaler.core;

import java.util.List;

/** A trigger's request that cannot be run: every problem, each naming its field. */
public final class InvalidRequestException extends ScalerException {
  private final List<String> problems;

  public InvalidRequestException(List<String> problems) {
    super(Reason.INVALID_REQUEST, "invalid request: " + String.join("; ", problems), false, null);
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
