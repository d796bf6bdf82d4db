package dev.shardscaler.aws;

import dev.shardscaler.core.Reason;

/**
 * A FAILED pass, thrown so that Lambda reports a function error: the scheduler's retry policy, the
 * {@code Errors} metric and alarms see it. The message is the result's one-line summary.
 */
public final class PassFailedException extends RuntimeException {
  private final transient Reason reason;

  PassFailedException(Reason reason, String summary) {
    super(summary);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
