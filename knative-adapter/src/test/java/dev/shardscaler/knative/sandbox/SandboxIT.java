package dev.shardscaler.knative.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's main job keeps working: a short run of the sandbox scales the example bot. */
class SandboxIT {

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
}
