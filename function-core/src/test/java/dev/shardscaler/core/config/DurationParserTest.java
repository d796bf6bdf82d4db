package dev.shardscaler.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {

  @ParameterizedTest(name = "\"{0}\" = {1} ms")
  @CsvSource({
    "0, 0",
    "500ms, 500",
    "90s, 90000",
    "10m, 600000",
    "24h, 86400000",
    "1h30m, 5400000",
    "2d, 172800000",
    "PT24H, 86400000",
    "pt1m30s, 90000"
  })
  void parses(String text, long millis) {
    assertThat(DurationParser.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"", "h", "24", "1.5h", "-1h", "24 h", "PT-1H", "1h-30m", "10x"})
  void refuses(String text) {
    assertThat(DurationParser.parse(text)).isNull();
  }

  @ParameterizedTest(name = "{0} ms formats as {1}")
  @CsvSource({"0, 0s", "5400000, 1h30m", "45000, 45s", "86400000, 24h", "1500, 1s500ms"})
  void formatsWhatItParses(long millis, String text) {
    assertThat(DurationParser.format(Duration.ofMillis(millis))).isEqualTo(text);
    assertThat(DurationParser.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }
}
