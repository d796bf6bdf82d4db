package dev.shardscaler.simulator.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticCurveTest {
  static final Instant START = SyntheticCurve.DEFAULT_START;

  static Instant day(double day) {
    return START.plus(Duration.ofSeconds((long) (day * 86_400)));
  }

  @ParameterizedTest(name = "{0} on day {1}: about {2} guilds, max_concurrency {3}")
  @CsvSource({
    "steady-growth, 0, 20000, 1",
    "steady-growth, 364.99, 140000, 1",
    "viral-spike, 0, 6000, 1",
    "viral-spike, 110, 7100, 1",
    "viral-spike, 135, 76900, 1",
    "viral-spike, 365, 27200, 1",
    "oscillation, 0, 160000, 1",
    "oscillation, 1.5, 162500, 1",
    "oscillation, 4.5, 157500, 1",
    "oscillation, 181.99, 162165, 1",
    "oscillation, 182, 162165, 16"
  })
  void eachCurveHasTheShapeItsNameSays(String id, double day, int guilds, int maxConcurrency) {
    GuildHistory history = SyntheticCurve.byId(id).history(START, 365);

    assertThat(history.guilds(day(day)))
        .isCloseTo(guilds, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(history.maxConcurrency(day(day))).isEqualTo(maxConcurrency);
  }

  @Test
  void aYearSpansThreeHundredSixtyFiveDays() {
    GuildHistory history = SyntheticCurve.STEADY_GROWTH.history(START, 365);

    assertThat(history.start()).isEqualTo(START);
    assertThat(history.end()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(history.description()).startsWith("built-in curve steady-growth, 365 days from");
  }

  @Test
  void curvesAreNamedByTheirIds() {
    assertThat(SyntheticCurve.byId("Viral-Spike")).isEqualTo(SyntheticCurve.VIRAL_SPIKE);
    assertThat(SyntheticCurve.byId("sawtooth")).isNull();
    assertThat(SyntheticCurve.ids()).isEqualTo("steady-growth, viral-spike, oscillation");
  }
}
