package dev.shardscaler.simulator.check;

import dev.shardscaler.core.config.DurationParser;
import java.time.Duration;
import java.time.Instant;

/** Two changes are at least {@code SCALER_MIN_INTERVAL} apart. */
public final class MinInterval implements Invariant {
  private final Rules rules;
  private Instant lastChange;

  public MinInterval(Rules rules) {
    this.rules = rules;
  }

  @Override
  public String id() {
    return "min-interval";
  }

  @Override
  public String promise() {
    return "two changes are at least SCALER_MIN_INTERVAL apart";
  }

  @Override
  public String check(Step step) {
    if (!step.changed()) {
      return null;
    }
    Instant previous = lastChange;
    lastChange = step.at();
    if (previous == null || !step.at().isBefore(previous.plus(rules.minInterval()))) {
      return null;
    }
    return "changed at "
        + step.at()
        + ", only "
        + DurationParser.format(Duration.between(previous, step.at()))
        + " after the change at "
        + previous
        + " (SCALER_MIN_INTERVAL "
        + DurationParser.format(rules.minInterval())
        + ")";
  }
}
