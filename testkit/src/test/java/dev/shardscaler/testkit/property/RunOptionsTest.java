package dev.shardscaler.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

  @Test
  void nothingSetIsARandomSeedEveryTryAndTheWrittenTries() {
    RunOptions options = RunOptions.from(Map.<String, String>of()::get);

    assertThat(options).isEqualTo(RunOptions.DEFAULT);
    assertThat(options.scaled(3000)).isEqualTo(3000);
  }

  @Test
  void theSeedTheTryAndTheFactorAreRead() {
    RunOptions options =
        RunOptions.from(
            Map.of(
                    "shardscaler.seed", "-812",
                    "shardscaler.try", " 17 ",
                    "shardscaler.tries.factor", "0.5")
                ::get);

    assertThat(options).isEqualTo(new RunOptions(-812L, 17, 0.5));
    assertThat(options.scaled(3000)).isEqualTo(1500);
    assertThat(options.scaled(1)).isEqualTo(1);
  }

  @Test
  void blankValuesAreUnset() {
    assertThat(RunOptions.from(Map.of("shardscaler.seed", " ", "shardscaler.try", "")::get))
        .isEqualTo(RunOptions.DEFAULT);
  }

  @Test
  void everyBadValueIsNamedAtOnce() {
    assertThatThrownBy(
            () ->
                RunOptions.from(
                    Map.of(
                            "shardscaler.seed", "abc",
                            "shardscaler.try", "0",
                            "shardscaler.tries.factor", "-2")
                        ::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "shardscaler.seed must be an integer (a long), got \"abc\"; shardscaler.try must be an"
                + " integer from 1, got \"0\"; shardscaler.tries.factor must be a number above 0,"
                + " got \"-2\"");
  }

  @Test
  void aTryWithoutItsSeedIsRefused() {
    assertThatThrownBy(() -> RunOptions.from(Map.of("shardscaler.try", "3")::get))
        .hasMessage(
            "shardscaler.try replays one try of a seeded run: give the run's seed too"
                + " (-Dshardscaler.seed=...)");
    assertThatThrownBy(() -> new RunOptions(null, 3, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RunOptions(1L, null, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
