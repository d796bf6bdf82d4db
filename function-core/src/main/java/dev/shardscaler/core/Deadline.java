package dev.shardscaler.core;

import java.time.Duration;

/**
 * The time a whole pass may still take ({@code SCALER_PASS_DEADLINE}), on the monotonic clock.
 * Every call the pass makes is bounded by what is left, so that a pass ends before the platform's
 * own timeout cuts it off mid-write.
 */
public final class Deadline {
  private static final long NONE = Long.MAX_VALUE;
  private final long endNanos;
  private final Duration total;

  private Deadline(long endNanos, Duration total) {
    this.endNanos = endNanos;
    this.total = total;
  }

  /** A deadline {@code total} from now. */
  public static Deadline in(Duration total) {
    return new Deadline(System.nanoTime() + total.toNanos(), total);
  }

  /** No deadline: calls keep only their own timeouts. */
  public static Deadline none() {
    return new Deadline(NONE, null);
  }

  /** The time left; zero once expired; a very long time when there is no deadline. */
  public Duration remaining() {
    if (endNanos == NONE) {
      return Duration.ofDays(365);
    }
    long left = endNanos - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  public boolean expired() {
    return remaining().isZero();
  }

  /** {@code timeout}, or less when less time is left (at least one millisecond). */
  public Duration cap(Duration timeout) {
    Duration left = remaining();
    Duration capped = left.compareTo(timeout) < 0 ? left : timeout;
    return capped.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : capped;
  }

  /** The deadline as configured, for messages; null when there is none. */
  public Duration total() {
    return total;
  }

  /** The failure of a pass that ran out of time while {@code doing}. */
  public ScalerException exceeded(String doing) {
    return new ScalerException(
        Reason.DEADLINE_EXCEEDED,
        "the pass reached its deadline (SCALER_PASS_DEADLINE "
            + (total == null ? "" : dev.shardscaler.core.config.DurationParser.format(total))
            + ") while "
            + doing,
        true,
        null);
  }
}
