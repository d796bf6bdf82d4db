package dev.shardscaler.core.discord;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScalerException;
import java.time.Instant;

/** Discord could not be asked, or refused, or answered something unusable. */
public final class DiscordApiException extends ScalerException {
  private final int status;

  public DiscordApiException(
      Reason reason, int status, String message, boolean retryable, Instant retryAt) {
    super(reason, message, retryable, retryAt);
    this.status = status;
  }

  /** The HTTP status, or 0 when no answer arrived. */
  public int status() {
    return status;
  }
}
