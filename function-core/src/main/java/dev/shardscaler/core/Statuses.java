package dev.shardscaler.core;

/**
 * How every adapter reports a result: one HTTP status and one process exit code per outcome and
 * failure phase (documented in the README).
 */
public final class Statuses {
  /** Exit code of a failed pass. */
  public static final int EXIT_FAILED = 1;

  /** Exit code of a configuration the scaler cannot start with. */
  public static final int EXIT_CONFIG = 2;

  private Statuses() {}

  /**
   * 200 for anything but FAILED; then 400 bad request, 502 Discord, 503 cluster, 504 the pass ran
   * out of time, 500 other.
   */
  public static int httpStatus(ScaleResult result) {
    if (!result.failed()) {
      return 200;
    }
    Reason reason = result.reason();
    if (reason == Reason.INVALID_REQUEST) {
      return 400;
    }
    if (reason.isDiscordFailure()) {
      return 502;
    }
    if (reason.isKubernetesFailure()) {
      return 503;
    }
    if (reason == Reason.DEADLINE_EXCEEDED) {
      return 504;
    }
    return 500;
  }

  /** 0 for SCALED, UNCHANGED, BLOCKED and DRY_RUN; {@link #EXIT_FAILED} for FAILED. */
  public static int exitCode(ScaleResult result) {
    return result.failed() ? EXIT_FAILED : 0;
  }
}
