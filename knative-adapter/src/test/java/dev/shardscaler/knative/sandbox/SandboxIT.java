package dev.shardscaler.knative.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The README's main job keeps working: a short run of the sandbox scales the example bot. With
 * SANDBOX_STRATEGY=bluegreen, a reshard leaves no guild without an active session for a second,
 * while the same reshard rolling (replayed on the same pods) does.
 */
class SandboxIT {
  /** The sandbox's pace, five times faster again: a reshard settles within seconds. */
  static final PodModel.Timing FAST = new PodModel.Timing(300, 100, 1_000, 200);

  @Test
  void aShortRunScalesTheExampleBotAndPrintsTheAssignments() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    // Started 20 s "ago": the simulated guild count already asks for more than 12 shards.
    Sandbox sandbox =
        new Sandbox(
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            System.currentTimeMillis() - 20_000);

    int scaled = sandbox.run(0, Duration.ofMillis(200), 3);

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(scaled).as(output).isEqualTo(1);
    assertThat(output)
        .contains("shardscaler sandbox")
        .contains("SCALED    SCALED_UP")
        .containsPattern("12 shards/3 pods → 1[3-6] shards/4 pods")
        .contains("bot-0: 0-3   bot-1: 4-7   bot-2: 8-11   bot-3: 12")
        .containsPattern("UNCHANGED IN_SYNC +1[3-6] shards/4 pods → 1[3-6] shards/4 pods");
  }

  @Test
  void aRollingReshardLeavesGuildsUncoveredWhileItsPodsRestart() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Sandbox sandbox =
        new Sandbox(
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            System.currentTimeMillis() - 20_000,
            false,
            FAST);

    Sandbox.Run run = sandbox.run(0, Duration.ofMillis(300), 120, 1);

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(run.reshards()).as(output).hasSize(1);
    assertThat(run.reshards().get(0).tally().secondsUncovered).as(output).isPositive();
    assertThat(output)
        .containsPattern("sessions: bot \\d+/1[3-6] \\+ \\d+/12 active +uncovered +[1-9]")
        .containsPattern(
            "reshard 12→1[3-6] shards \\(rolling\\): [1-9]\\d* s with guilds covered"
                + " by no active session \\(peak");
  }

  @Test
  void aBlueGreenReshardLeavesNoGuildUncovered() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Sandbox sandbox =
        new Sandbox(
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            System.currentTimeMillis() - 20_000,
            true,
            FAST);

    Sandbox.Run run = sandbox.run(0, Duration.ofMillis(300), 150, 1);

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(run.reshards()).as(output).hasSize(1);
    ClusterLoop.Reshard reshard = run.reshards().get(0);
    assertThat(reshard.tally().secondsUncovered).as(output).isZero();
    assertThat(reshard.tally().secondsTwice).as("the switch overlaps: " + output).isPositive();
    assertThat(reshard.rolling().secondsUncovered).as(output).isPositive();
    assertThat(output)
        .contains("SCALED    BLUEGREEN_STARTED")
        .contains("SCALED    BLUEGREEN_OVERLAP")
        .contains("SCALED    BLUEGREEN_SWITCHED")
        .contains("SCALED    BLUEGREEN_DRAINED")
        .contains("bot-b-0: 0-3")
        .containsPattern("sessions: bot 12/12 active, bot-b \\d+/1[3-6] standby")
        .containsPattern(
            "reshard 12→1[3-6] shards \\(blue/green\\): 0 s with guilds covered by no active"
                + " session, [1-9]\\d* s with guilds covered twice")
        .containsPattern(
            "the same reshard rolling \\(replayed on the same pods, simulated time\\): [1-9]\\d*"
                + " s with guilds covered by no active session");
  }
}
