package dev.shardscaler.core.targets;

/** A bot token that cannot be read; the message names its source, never a value. */
public final class TokenUnavailableException extends RuntimeException {
  public TokenUnavailableException(String message) {
    super(message);
  }
}
