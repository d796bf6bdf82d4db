package dev.shardscaler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.testkit.ConnectionCounter;
import dev.shardscaler.testkit.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up passes run the real pass code on a cluster client pointed at a live listener that
 * counts connections: the passes must complete as planned and the listener must see none.
 */
class WarmUpIT {

  @Test
  void passesInMemoryWithoutAConnection() {
    try (ConnectionCounter cluster = new ConnectionCounter();
        LogCapture logs = new LogCapture()) {
      List<ScaleResult> results =
          WarmUp.run(
              KubernetesClients.forEndpoint(
                  cluster.url(), null, () -> "warm-up-bearer", Duration.ofSeconds(2)));

      assertThat(results)
          .extracting(ScaleResult::outcome)
          .containsExactly(Outcome.UNCHANGED, Outcome.DRY_RUN);
      assertThat(results.get(1).desired().shards()).isEqualTo(16);
      assertThat(logs.lines())
          .anyMatch(
              line -> line.contains("pass on " + WarmUp.NAMESPACE + "/" + WarmUp.STATEFUL_SET));
      assertThat(cluster.connections()).isZero();
    }
  }
}
