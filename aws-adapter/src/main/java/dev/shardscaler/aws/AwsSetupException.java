package dev.shardscaler.aws;

/**
 * An AWS call the scaler needs before a pass could not be made (the bot token secret, the cluster's
 * endpoint), or returned something unusable. The message names the key and the resource; it never
 * holds a secret value.
 */
final class AwsSetupException extends RuntimeException {
  AwsSetupException(String message, Throwable cause) {
    super(message, cause);
  }

  AwsSetupException(String message) {
    super(message);
  }
}
