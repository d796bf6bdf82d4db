package dev.shardscaler.core.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScalerException;
import dev.shardscaler.core.plan.ShardCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SwitchStateTest {
  static final Instant T = Instant.parse("2026-11-28T12:00:00Z");

  static SwitchState parse(Map<String, String> data) {
    return SwitchState.parse("discord/bot-switch", data, "bot", "bot-b");
  }

  @Test
  void everyPhaseReadsBackAsWritten() {
    SwitchState starting =
        SwitchState.starting("bot", "bot-b", new ShardCounts(16, 4, 4), T, Duration.ofMinutes(30));
    for (SwitchState state :
        List.of(
            starting,
            starting.overlap(T.plusSeconds(60)),
            starting.switched(T.plusSeconds(180)),
            starting.switched(T.plusSeconds(180)).finished(T.plusSeconds(900)),
            starting.failed(T.plusSeconds(1800), "not Ready"))) {
      assertThat(parse(state.toData())).isEqualTo(state);
    }
    assertThat(starting.overlap(T).toData()).containsEntry("active", "bot,bot-b");
    assertThat(starting.switched(T).toData()).containsEntry("active", "bot-b");
  }

  @Test
  void aSwitchMadeByHandWithOnlyTheActiveSetIsSteady() {
    SwitchState state = parse(Map.of("active", " bot-b "));

    assertThat(state.phase()).isEqualTo(SwitchState.Phase.STEADY);
    assertThat(state.active()).containsExactly("bot-b");
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        broken("no active key", Map.of("phase", "steady"), "data.active must be present"),
        broken("a foreign set", Map.of("active", "other"), "data.active must be a comma-separated"),
        broken(
            "two sets while steady",
            Map.of("active", "bot,bot-b", "phase", "steady"),
            "one set while the phase is steady"),
        broken(
            "an unknown phase", Map.of("active", "bot", "phase", "paused"), "data.phase must be"),
        broken(
            "the list disagrees with the phase",
            with(Map.of("phase", "overlap", "active", "bot")),
            "data.active must be bot,bot-b while the phase is overlap"),
        broken(
            "a count that is no number",
            with(Map.of("shards", "sixteen")),
            "data.shards must be an integer from 1 to 100000, got \"sixteen\""),
        broken(
            "from and to the same set", with(Map.of("to", "bot")), "data.to must be the other set"),
        broken(
            "an unreadable time",
            with(Map.of("since", "yesterday")),
            "data.since must be an RFC 3339 time"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void anUnreadableSwitchNamesTheKeyAndValue(Map<String, String> data, String message) {
    assertThatThrownBy(() -> parse(data))
        .isInstanceOf(ScalerException.class)
        .hasMessageContaining("the switch ConfigMap discord/bot-switch: ")
        .hasMessageContaining(message)
        .satisfies(
            e -> assertThat(((ScalerException) e).reason()).isEqualTo(Reason.INVALID_SWITCH));
  }

  static Arguments broken(String name, Map<String, String> data, String message) {
    return Arguments.of(Named.of(name, data), message);
  }

  /** A valid starting switch with some keys replaced. */
  static Map<String, String> with(Map<String, String> changes) {
    Map<String, String> data =
        new HashMap<>(
            SwitchState.starting(
                    "bot", "bot-b", new ShardCounts(16, 4, 4), T, Duration.ofMinutes(30))
                .toData());
    data.putAll(changes);
    return data;
  }
}
