package dev.shardscaler.core.http;

/**
 * An unexpected exception described for a log line without any of its messages (a message may quote
 * what a caller sent, or a secret): its class, where it was thrown, and its causes' classes.
 */
final class Failures {
  private static final int FRAMES = 6;

  private Failures() {}

  static String describe(Throwable error) {
    StringBuilder text = new StringBuilder();
    Throwable current = error;
    for (int depth = 0; current != null && depth < 5; depth++) {
      if (depth > 0) {
        text.append(" ← caused by ");
      }
      text.append(current.getClass().getName());
      StackTraceElement[] frames = current.getStackTrace();
      for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
        text.append(i == 0 ? " at " : " < ").append(frames[i]);
      }
      current = current.getCause() == current ? null : current.getCause();
    }
    return text.toString();
  }
}
