package dev.shardscaler.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static Row row(String outcome, String event, String message) {
    return new Row(
        T0,
        12_345,
        13,
        1,
        987,
        1000,
        outcome,
        "SCALED_UP",
        12,
        3,
        4,
        13,
        4,
        4,
        3,
        3,
        false,
        "12×3",
        event,
        null,
        message);
  }

  @Test
  void csvQuotesWhatNeedsQuotingAndLeavesAbsentValuesEmpty() {
    StringWriter out = new StringWriter();
    try (Timeline timeline = Timeline.csv(out, false)) {
      timeline.write(row("SCALED", "Resharded 12→13 shards, 4 pods × 4: \"why\"", null));
    }

    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo(String.join(",", Row.COLUMNS));
    assertThat(lines.get(1))
        .isEqualTo(
            "2026-01-01T00:00:00Z,12345,13,1,987,1000,SCALED,SCALED_UP,12,3,4,13,4,4,3,3,false,12×3,"
                + "\"Resharded 12→13 shards, 4 pods × 4: \"\"why\"\"\",,");
  }

  @Test
  void jsonLinesAreObjectsWithoutAbsentValues() {
    StringWriter out = new StringWriter();
    try (Timeline timeline = Timeline.jsonLines(out, false)) {
      timeline.write(row("BLOCKED", null, "line one\nand \"two\""));
    }

    JsonObject row = JsonParser.parseString(out.toString().strip()).getAsJsonObject();
    assertThat(row.get("guilds").getAsInt()).isEqualTo(12_345);
    assertThat(row.get("rollout").getAsBoolean()).isFalse();
    assertThat(row.get("message").getAsString()).isEqualTo("line one\nand \"two\"");
    assertThat(row.has("event")).isFalse();
    assertThat(row.has("broken")).isFalse();
  }

  @Test
  void notableRowsLeaveOutQuietPasses() {
    StringWriter out = new StringWriter();
    try (Timeline timeline = Timeline.jsonLines(out, true)) {
      timeline.write(row("UNCHANGED", null, null));
      timeline.write(row("UNCHANGED", "RolloutStuck: waiting", null));
      timeline.write(row("BLOCKED", null, "held"));
    }

    assertThat(out.toString().lines()).hasSize(2);
  }

  @Test
  void durationsReadLikePeopleWriteThem() {
    assertThat(Durations.human(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.human(Duration.ofSeconds(885))).isEqualTo("14m 45s");
    assertThat(Durations.human(Duration.ofHours(51).plusSeconds(75))).isEqualTo("2d 3h 1m 15s");
  }
}
