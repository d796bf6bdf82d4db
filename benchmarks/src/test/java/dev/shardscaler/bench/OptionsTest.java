package dev.shardscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {
  static final Path HERE = Path.of(".");

  @Test
  void defaultsRunEveryArtifactUnderBothFlagSets() {
    Options options = Options.parse(List.of(), HERE);

    assertThat(options.runs()).isEqualTo(5);
    assertThat(options.artifacts()).isEqualTo(Artifacts.IDS);
    assertThat(options.flagSets()).containsOnlyKeys("default", "tuned");
    assertThat(options.flagSets().get("default")).isEmpty();
    assertThat(options.heapSizesMb()).startsWith(256).endsWith(8);
    assertThat(options.scaling()).isTrue();
    assertThat(options.phases()).isTrue();
  }

  @Test
  void choosesArtifactsFlagsAndLadder() {
    Options options =
        Options.parse(
            List.of(
                "--artifacts",
                "baseline,lambda",
                "--flags",
                "tuned",
                "--heap",
                "none",
                "--runs",
                "3"),
            HERE);

    assertThat(options.artifacts()).containsExactly("baseline", "lambda");
    assertThat(options.flagSets()).containsOnlyKeys("tuned");
    assertThat(options.heapSizesMb()).isEmpty();
    assertThat(options.runs()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "--runs, 0, --runs must be an integer ≥ 1",
    "--artifacts, lambada, --artifacts takes baseline",
    "--flags, fast, --flags takes default,tuned",
    "--heap, 64;x, --heap must be an integer ≥ 1",
  })
  void namesTheFlagAndTheValue(String flag, String value, String message) {
    assertThatThrownBy(() -> Options.parse(List.of(flag, value.replace(';', ',')), HERE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aFlagWithoutItsValueIsNamed() {
    assertThatThrownBy(() -> Options.parse(List.of("--runs"), HERE))
        .hasMessage("--runs needs a value");
  }
}
