package dev.shardscaler.core;

/**
 * What a pass answers, over one target ({@link ScaleResult}, the shape of a single-bot
 * configuration) or several ({@code TargetsResult}): what adapters turn into an HTTP status, an
 * exit code, a Lambda answer or error, and a log line.
 */
public interface PassReport {
  /** The outcome, or for several targets the worst of theirs. */
  Outcome outcome();

  /** The reason that goes with {@link #outcome()}. */
  Reason reason();

  /** True when the pass (or any target of it) did not complete. */
  boolean failed();

  /** The HTTP status of the contract (docs/HTTP.md). */
  int httpStatus();

  /** The process exit code: 0, or {@link Statuses#EXIT_FAILED}. */
  default int exitCode() {
    return failed() ? Statuses.EXIT_FAILED : 0;
  }

  /** The public JSON shape. */
  String toJson();

  /** One human-readable line for logs and errors. */
  String summary();
}
