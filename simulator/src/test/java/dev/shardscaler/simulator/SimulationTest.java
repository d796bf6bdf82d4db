package dev.shardscaler.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.config.Settings;
import dev.shardscaler.simulator.cluster.StartState;
import dev.shardscaler.simulator.history.CsvHistory;
import dev.shardscaler.simulator.history.GuildHistory;
import dev.shardscaler.simulator.report.Report;
import dev.shardscaler.simulator.report.Timeline;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine with the real scaling pass, on days short enough to follow pass by pass. */
class SimulationTest {
  static Settings settings(String... pairs) {
    Map<String, String> env = new HashMap<>(SimulateCommand.PLACEHOLDERS);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return Settings.fromEnv(env);
  }

  static GuildHistory history(String csv) throws IOException {
    return CsvHistory.parse(new StringReader(csv), "test.csv");
  }

  /** 30,000 → 130,000 guilds in one day: a new shard about every 15 minutes. */
  static GuildHistory rush() throws IOException {
    return history("timestamp,guilds\n2026-01-01T00:00:00Z,30000\n2026-01-02T00:00:00Z,130000\n");
  }

  @Test
  void aGrowingBotIsScaledUpAndEveryPassLandsInTheTimeline() throws IOException {
    GuildHistory growth =
        history("timestamp,guilds\n2026-01-01T00:00:00Z,12000\n2026-01-01T06:00:00Z,16500\n");
    StringWriter out = new StringWriter();

    Report report =
        Simulation.run(
            new Setup(
                settings("K8S_SHARDS_PER_BOT", "4"),
                growth,
                StartState.of(12, 4),
                Duration.ofMinutes(10),
                Duration.ofSeconds(10)),
            Timeline.csv(out, false));

    List<String> lines = out.toString().lines().toList();
    assertThat(report.passes()).isEqualTo(37); // 00:00 … 06:00 every 10 minutes
    assertThat(lines).hasSize(38);
    assertThat(lines.get(0)).startsWith("time,guilds,recommended,max_concurrency,");
    assertThat(lines.get(1))
        .startsWith("2026-01-01T00:00:00Z,12000,12,1,1000,1000,UNCHANGED,IN_SYNC,12,3,4,");
    assertThat(report.changes()).containsOnlyKeys("SCALED_UP");
    assertThat(report.lastShards()).isEqualTo(17);
    assertThat(report.safe()).as(report.toText()).isTrue();
    // every reshard restarts every shard once: 13 + 14 + 15 + 16 + 17
    assertThat(report.identifiesSpent()).isEqualTo(75);
    assertThat(lines)
        .anySatisfy(line -> assertThat(line).contains("SCALED,SCALED_UP,12,3,4,13,4,4"));
  }

  @Test
  void theRealScalerKeepsEveryInvariantWhereABlindOneReshardsOnTopOfRollouts() throws IOException {
    Setup rush =
        new Setup(
            settings("K8S_SHARDS_PER_BOT", "1", "SCALER_MIN_INTERVAL", "0"),
            rush(),
            StartState.of(30, 1),
            Duration.ofMinutes(10),
            Duration.ofSeconds(60));

    Report real = Simulation.run(rush, Timeline.none());
    Report blind = Simulation.run(rush, Timeline.none(), RolloutBlindScaler.SCALER);

    assertThat(real.safe()).as(real.toText()).isTrue();
    assertThat(real.blocked()).containsKey("ROLLOUT_IN_PROGRESS");
    assertThat(blind.safe()).isFalse();
    assertThat(blind.broken()).containsKey("no-change-during-rollout");
    assertThat(blind.toText()).contains("BROKEN").contains("no-change-during-rollout: changed 3");
  }

  @Test
  void aPassThatThrowsEndsTheRunAsABrokenInvariant() throws IOException {
    Simulation.Scaler throwing =
        (settings, discord, statefulSets, clock) ->
            request -> {
              throw new IllegalStateException("boom");
            };

    Report report =
        Simulation.run(
            new Setup(
                settings(), rush(), StartState.of(30, 1), Duration.ofMinutes(10), Duration.ZERO),
            Timeline.none(),
            throwing);

    assertThat(report.safe()).isFalse();
    assertThat(report.broken()).containsEntry("pass-never-throws", 1L);
    assertThat(report.violations().get(0)).contains("java.lang.IllegalStateException: boom");
    assertThat(report.passes()).isZero();
  }
}
