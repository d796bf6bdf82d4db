package dev.shardscaler.core.plan;

import dev.shardscaler.core.Reason;
import java.time.Instant;

/**
 * What one pass decided, as a value. {@code markers} is the state to keep in the annotations
 * afterwards; the pass writes only if it differs from what was read or a change is decided.
 *
 * @param target the layout the bot should run (for a held change: the one it would run)
 * @param retryAt when a blocked change may go through, if known
 */
public record Decision(
    Kind kind,
    Reason reason,
    String message,
    ShardCounts target,
    Markers markers,
    Instant retryAt) {

  public enum Kind {
    CHANGE,
    UNCHANGED,
    BLOCKED,
    FAILED
  }

  public static Decision change(
      Reason reason, String message, ShardCounts target, Markers markers) {
    return new Decision(Kind.CHANGE, reason, message, target, markers, null);
  }

  public static Decision unchanged(String message, ShardCounts current, Markers markers) {
    return new Decision(Kind.UNCHANGED, Reason.IN_SYNC, message, current, markers, null);
  }

  public static Decision blocked(
      Reason reason, String message, ShardCounts target, Markers markers, Instant retryAt) {
    return new Decision(Kind.BLOCKED, reason, message, target, markers, retryAt);
  }

  public static Decision failed(
      Reason reason, String message, ShardCounts target, Markers markers) {
    return new Decision(Kind.FAILED, reason, message, target, markers, null);
  }

  public boolean isChange() {
    return kind == Kind.CHANGE;
  }
}
