package dev.shardscaler.simulator.report;

import java.time.Duration;

/** Durations for people: {@code 3d 4h 12m}, {@code 14m 30s}, {@code 0s}. */
public final class Durations {
  private Durations() {}

  public static String human(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    append(out, seconds / 86_400, "d");
    append(out, seconds % 86_400 / 3_600, "h");
    append(out, seconds % 3_600 / 60, "m");
    append(out, seconds % 60, "s");
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount > 0) {
      out.append(out.isEmpty() ? "" : " ").append(amount).append(unit);
    }
  }
}
