package dev.shardscaler.core.config;

import java.time.Duration;
import java.util.Locale;

/**
 * How a reshard reaches the bot ({@code SCALER_STRATEGY}).
 *
 * <ul>
 *   <li>{@code rolling} (the default): the StatefulSet's env changes and its pods restart one by
 *       one; while that runs, pods on the old and the new shard total serve side by side.
 *   <li>{@code bluegreen}: a second StatefulSet with the new layout connects every shard while the
 *       running one keeps serving; a switch ConfigMap the pods mount tells each pod whether it
 *       handles events. See docs/BLUEGREEN.md.
 * </ul>
 *
 * @param propagation how long a change of the switch takes to reach every pod (kubelet sync period
 *     with its jitter, the ConfigMap cache, the bot's own re-read): each switch step waits it out
 * @param grace how long the old set stands by, still connected, after the new one alone is active,
 *     before it is scaled to zero
 */
public record Strategy(Kind kind, Duration propagation, Duration grace) {

  public enum Kind {
    ROLLING,
    BLUEGREEN
  }

  /**
   * A kubelet resyncs a pod every 60–90 s (1m ± jitter) by default; the bot re-reads every 10 s.
   */
  public static final Duration DEFAULT_PROPAGATION = Duration.ofMinutes(2);

  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);

  public static final Strategy ROLLING =
      new Strategy(Kind.ROLLING, DEFAULT_PROPAGATION, DEFAULT_GRACE);

  public boolean blueGreen() {
    return kind == Kind.BLUEGREEN;
  }

  /**
   * Reads {@code SCALER_STRATEGY}, {@code SCALER_BLUEGREEN_PROPAGATION} and {@code
   * SCALER_BLUEGREEN_GRACE}; problems go to {@code in}.
   */
  static Strategy read(EnvReader in) {
    String value = in.raw("SCALER_STRATEGY");
    Kind kind = Kind.ROLLING;
    if (value != null) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "rolling" -> kind = Kind.ROLLING;
        case "bluegreen", "blue-green" -> kind = Kind.BLUEGREEN;
        default ->
            in.problem("SCALER_STRATEGY must be rolling or bluegreen, got \"" + value + "\"");
      }
    }
    Duration propagation =
        in.duration(
            "SCALER_BLUEGREEN_PROPAGATION",
            DEFAULT_PROPAGATION,
            Duration.ofSeconds(1),
            Duration.ofHours(1));
    Duration grace =
        in.duration("SCALER_BLUEGREEN_GRACE", DEFAULT_GRACE, Duration.ZERO, Duration.ofDays(7));
    return new Strategy(
        kind,
        propagation == null ? DEFAULT_PROPAGATION : propagation,
        grace == null ? DEFAULT_GRACE : grace);
  }

  @Override
  public String toString() {
    return kind == Kind.ROLLING
        ? "rolling"
        : "bluegreen (propagation "
            + DurationParser.format(propagation)
            + ", grace "
            + DurationParser.format(grace)
            + ")";
  }
}
