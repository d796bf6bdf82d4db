package dev.shardscaler.core;

import java.time.Instant;

/** A failed pass, named by its {@link Reason}; knows whether trying again could help, and when. */
public class ScalerException extends RuntimeException {
  private final Reason reason;
  private final boolean retryable;
  private final transient Instant retryAt;

  public ScalerException(Reason reason, String message, boolean retryable, Instant retryAt) {
    this(reason, message, retryable, retryAt, null);
  }

  public ScalerException(
      Reason reason, String message, boolean retryable, Instant retryAt, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.retryable = retryable;
    this.retryAt = retryAt;
  }

  public Reason reason() {
    return reason;
  }

  public boolean retryable() {
    return retryable;
  }

  /** When a retry may succeed, if known; null otherwise. */
  public Instant retryAt() {
    return retryAt;
  }
}
