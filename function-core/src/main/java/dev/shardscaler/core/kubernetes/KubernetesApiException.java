package dev.shardscaler.core.kubernetes;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScalerException;

/** The cluster API refused or failed a call; {@code status} 0 when no answer arrived. */
public final class KubernetesApiException extends ScalerException {
  private final int status;

  public KubernetesApiException(Reason reason, int status, String message, boolean retryable) {
    super(reason, message, retryable, null);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public boolean isConflict() {
    return reason() == Reason.CONFLICT;
  }
}
