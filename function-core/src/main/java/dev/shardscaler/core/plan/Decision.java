package dev.shardscaler.core.plan;

import dev.shardscaler.core.Reason;
import java.time.Instant;
import java.util.List;

/**
 * What one pass decided, as a value. {@code markers} is the state to keep in the annotations
 * afterwards; the pass writes them only with a change or when {@code writeMarkers} says they moved.
 *
 * @param target the layout the bot should run (for a held change: the one it would run)
 * @param retryAt when a blocked change may go through, if known
 * @param override the override the pass planned with, if any
 * @param warnings what the pass ignored or corrected on its way (unreadable markers, floors)
 */
public record Decision(
    Kind kind,
    Reason reason,
    String message,
    ShardCounts target,
    Markers markers,
    boolean writeMarkers,
    Instant retryAt,
    ShardOverride override,
    List<String> warnings) {

  public enum Kind {
    CHANGE,
    UNCHANGED,
    BLOCKED,
    FAILED
  }

  public boolean isChange() {
    return kind == Kind.CHANGE;
  }
}
