package dev.shardscaler.core.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.config.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The worst target on top: outcome, reason, HTTP status and exit code. */
class TargetsResultTest {

  static ScaleResult result(Outcome outcome, Reason reason) {
    return new ScaleResult(
        outcome,
        reason,
        "m",
        false,
        new Target("ns", "set", "bot"),
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null,
        null,
        "scheduled",
        "2026-11-28T12:00:00Z",
        new ScaleResult.Timings(0, 0, 0));
  }

  static Stream<Arguments> worst() {
    return Stream.of(
        Arguments.of(
            "all fine",
            List.of("UNCHANGED IN_SYNC", "SCALED SCALED_UP"),
            "SCALED SCALED_UP",
            200,
            0),
        Arguments.of(
            "a block over a change",
            List.of("SCALED SCALED_UP", "BLOCKED IDENTIFY_BUDGET", "DRY_RUN SCALED_UP"),
            "BLOCKED IDENTIFY_BUDGET",
            200,
            0),
        Arguments.of(
            "the first of equals",
            List.of("BLOCKED MIN_INTERVAL", "BLOCKED PAUSED"),
            "BLOCKED MIN_INTERVAL",
            200,
            0),
        Arguments.of(
            "a failure over everything",
            List.of("SCALED SCALED_UP", "FAILED DISCORD_UNAUTHORIZED", "BLOCKED PAUSED"),
            "FAILED DISCORD_UNAUTHORIZED",
            502,
            1),
        Arguments.of(
            "the highest status among failures",
            List.of(
                "FAILED ROLLOUT_STUCK",
                "FAILED DISCORD_UNAVAILABLE",
                "FAILED KUBERNETES_FORBIDDEN"),
            "FAILED KUBERNETES_FORBIDDEN",
            503,
            1),
        Arguments.of(
            "the deadline is the highest",
            List.of("FAILED DEADLINE_EXCEEDED", "FAILED KUBERNETES_FORBIDDEN"),
            "FAILED DEADLINE_EXCEEDED",
            504,
            1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("worst")
  void theWorstIsOnTop(String name, List<String> each, String top, int status, int exit) {
    List<TargetsResult.Named> named = new ArrayList<>();
    for (int i = 0; i < each.size(); i++) {
      String[] parts = each.get(i).split(" ");
      named.add(
          new TargetsResult.Named(
              "t" + i, result(Outcome.valueOf(parts[0]), Reason.valueOf(parts[1]))));
    }

    TargetsResult result = TargetsResult.of(named, List.of(), "scheduled", "now", 5);

    assertThat(result.outcome() + " " + result.reason()).isEqualTo(top);
    assertThat(result.httpStatus()).isEqualTo(status);
    assertThat(result.exitCode()).isEqualTo(exit);
    assertThat(result.warnings()).isNull();
  }
}
