package dev.shardscaler.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardscaler.simulator.SimulateOptions.UsageException;
import dev.shardscaler.simulator.cluster.StartState;
import dev.shardscaler.simulator.history.SyntheticCurve;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulateOptionsTest {
  @Test
  void defaultsAreAScheduledBotInSync() {
    SimulateOptions options = SimulateOptions.parse(List.of("--curve", "viral-spike"));

    assertThat(options.curve()).isEqualTo(SyntheticCurve.VIRAL_SPIKE);
    assertThat(options.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(options.days()).isEqualTo(365);
    assertThat(options.interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(options.podStart()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.shards()).isNull();
    assertThat(options.updateStrategy()).isEqualTo(StartState.ROLLING_UPDATE);
    assertThat(options.podManagementPolicy()).isEqualTo(StartState.ORDERED_READY);
    assertThat(options.timeline()).isEqualTo("-");
    assertThat(options.jsonLines()).isFalse();
    assertThat(options.notableOnly()).isFalse();
  }

  @Test
  void everyFlagIsRead() {
    SimulateOptions options =
        SimulateOptions.parse(
            List.of(
                "--csv",
                "h.csv",
                "--interval",
                "5m",
                "--pod-start",
                "30s",
                "--shards",
                "48",
                "--shards-per-bot",
                "16",
                "--replicas",
                "0",
                "--update-strategy",
                "ondelete",
                "--pod-management",
                "parallel",
                "--paused",
                "--timeline",
                "out.jsonl",
                "--format",
                "jsonl",
                "--rows",
                "notable"));

    assertThat(options.csv()).isEqualTo(Path.of("h.csv"));
    assertThat(options.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(options.podStart()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.shards()).isEqualTo(48);
    assertThat(options.shardsPerBot()).isEqualTo(16);
    assertThat(options.replicas()).isZero();
    assertThat(options.updateStrategy()).isEqualTo(StartState.ON_DELETE);
    assertThat(options.podManagementPolicy()).isEqualTo(StartState.PARALLEL);
    assertThat(options.paused()).isTrue();
    assertThat(options.timeline()).isEqualTo("out.jsonl");
    assertThat(options.jsonLines()).isTrue();
    assertThat(options.notableOnly()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          (nothing)                       | say what to replay: --csv FILE or --curve NAME
          --csv a.csv --curve oscillation | --csv and --curve exclude each other
          --curve sawtooth                | --curve must be one of steady-growth, viral-spike, oscillation, got "sawtooth"
          --csv a.csv --days 10           | --start and --days apply to --curve
          --curve oscillation --days 0    | --days must be an integer from 1 to 3660, got "0"
          --curve oscillation --interval 5s | --interval must be a duration from 1m to 24h such as 10m, got "5s"
          --curve oscillation --pod-start 2h | --pod-start must be a duration from 0s to 1h such as 10m, got "2h"
          --curve oscillation --shards many | --shards must be an integer from 1 to 100000, got "many"
          --curve oscillation --replicas -1 | --replicas must be an integer from 0 to 100000, got "-1"
          --curve oscillation --update-strategy Recreate | --update-strategy must be RollingUpdate or OnDelete, got "Recreate"
          --curve oscillation --update-strategy OnDelete --partition 2 | --partition applies to --update-strategy RollingUpdate
          --curve oscillation --pod-management Serial | --pod-management must be OrderedReady or Parallel, got "Serial"
          --curve oscillation --format xml | --format must be csv or jsonl, got "xml"
          --curve oscillation --start yesterday | --start must be an RFC 3339 time
          --curve oscillation --shards    | --shards needs a value
          --curve oscillation --once      | unknown argument "--once"
          """)
  void refusesWithTheFlagAndItsValue(String args, String problem) {
    List<String> argv = args.equals("(nothing)") ? List.of() : Arrays.asList(args.split(" "));

    assertThatThrownBy(() -> SimulateOptions.parse(argv))
        .isInstanceOf(UsageException.class)
        .satisfies(
            e ->
                assertThat(((UsageException) e).problems())
                    .anySatisfy(p -> assertThat(p).contains(problem)));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> SimulateOptions.parse(List.of("--days", "x", "--rows", "some")))
        .isInstanceOf(UsageException.class)
        .satisfies(e -> assertThat(((UsageException) e).problems()).hasSize(3));
  }
}
