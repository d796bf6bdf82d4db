package dev.shardscaler.core.config;

import java.time.Duration;

/** Bounds shared by the settings and the requests. */
public final class ScaleRequestLimits {
  /** The shortest an override may hold. */
  public static final Duration MIN_OVERRIDE_FOR = Duration.ofMinutes(1);

  /** The longest an override may hold: a forgotten override must end on its own. */
  public static final Duration MAX_OVERRIDE_FOR = Duration.ofDays(30);

  private ScaleRequestLimits() {}
}
