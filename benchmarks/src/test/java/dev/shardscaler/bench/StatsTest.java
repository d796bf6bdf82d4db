package dev.shardscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatsTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("odd count: the middle value", List.of(5.0, 1.0, 3.0), 3.0, 1.0, 5.0, 3),
        Arguments.of(
            "even count: mean of the middle two", List.of(4.0, 1.0, 2.0, 3.0), 2.5, 1.0, 4.0, 4),
        Arguments.of(
            "failed runs (NaN) are left out",
            Arrays.asList(2.0, Double.NaN, 4.0, null),
            3.0,
            2.0,
            4.0,
            2),
        Arguments.of("one run", List.of(7.0), 7.0, 7.0, 7.0, 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void summarizes(
      String name, List<Double> values, double median, double min, double max, int count) {
    Stats stats = Stats.of(values);

    assertThat(stats).isEqualTo(new Stats(count, median, min, max));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void describesAsMedianThenRange(
      String name, List<Double> values, double median, double min, double max, int count) {
    assertThat(Stats.of(values).describe())
        .isEqualTo(Math.round(median) + " (" + Math.round(min) + "–" + Math.round(max) + ")");
  }

  @org.junit.jupiter.api.Test
  void noRunsIsADash() {
    assertThat(Stats.of(List.of(Double.NaN)).isEmpty()).isTrue();
    assertThat(Stats.of(List.of()).describe()).isEqualTo("–");
  }
}
