package dev.shardscaler.core.notify;

import java.time.Instant;

/**
 * How a webhook call went: delivered; to try again (not before {@code notBefore} when the webhook
 * said so); or refused for good (the message or the webhook is wrong: trying again cannot help).
 *
 * @param problem for logs and result warnings: never the URL
 */
record Delivery(Status status, Instant notBefore, String problem) {
  enum Status {
    DELIVERED,
    RETRY,
    REFUSED
  }

  static Delivery delivered(Instant notBefore) {
    return new Delivery(Status.DELIVERED, notBefore, null);
  }

  static Delivery retry(Instant notBefore, String problem) {
    return new Delivery(Status.RETRY, notBefore, problem);
  }

  static Delivery refused(String problem) {
    return new Delivery(Status.REFUSED, null, problem);
  }
}
