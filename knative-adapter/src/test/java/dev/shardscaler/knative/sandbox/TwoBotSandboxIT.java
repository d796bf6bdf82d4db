package dev.shardscaler.knative.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code SANDBOX_BOTS=2}: two bots scaled by one app, and the channel shows the reshards. */
class TwoBotSandboxIT {

  @Test
  void twoBotsAreScaledEachByItsOwnTokenAndTheChannelShowsIt() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    // Started 30 s "ago": both simulated bots already need more shards.
    TwoBotSandbox sandbox =
        new TwoBotSandbox(
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            System.currentTimeMillis() - 30_000);

    int scaled = sandbox.run(0, Duration.ofMillis(200), 3);

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(scaled).as(output).isEqualTo(2);
    assertThat(output)
        .contains("shardscaler sandbox, two bots")
        .containsPattern("main +guilds +1[0-9,]+ +SCALED +SCALED_UP +12 shards/3 pods → 1[4-7]")
        .containsPattern("premium +guilds +[0-9,]+ +SCALED +SCALED_UP +6 shards/3 pods → [7-9]")
        .contains("#bot-ops (Discord webhook)")
        .containsPattern("main scaled up: 12 → 1[4-7] shards, 3 → [45] pods")
        .containsPattern("premium scaled up: 6 → [7-9] shards, 3 → [45] pods")
        .contains("Pods: bot-0: 0-3 · bot-1: 4-7")
        .containsPattern("UNCHANGED IN_SYNC");
  }
}
