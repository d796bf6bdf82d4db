package dev.shardscaler.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.testkit.LogCapture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The warm-up passes run the real pass code on a cluster client pointed at a live socket that
 * counts connections: the passes must complete as planned and the socket must see none.
 */
class WarmUpIT {
  ServerSocket cluster;
  final AtomicInteger connections = new AtomicInteger();

  @BeforeEach
  void listen() throws IOException {
    cluster = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!cluster.isClosed()) {
                try (Socket ignored = cluster.accept()) {
                  connections.incrementAndGet();
                } catch (IOException closed) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void close() throws IOException {
    cluster.close();
  }

  @Test
  void passesInMemoryWithoutAConnection() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      List<ScaleResult> results =
          WarmUp.run(
              KubernetesClients.forEndpoint(
                  "http://127.0.0.1:" + cluster.getLocalPort(),
                  null,
                  () -> "warm-up-bearer",
                  Duration.ofSeconds(2)));

      assertThat(results)
          .extracting(ScaleResult::outcome)
          .containsExactly(Outcome.UNCHANGED, Outcome.DRY_RUN);
      assertThat(results.get(1).desired().shards()).isEqualTo(16);
      assertThat(logs.lines())
          .anyMatch(
              line -> line.contains("pass on " + WarmUp.NAMESPACE + "/" + WarmUp.STATEFUL_SET));
    }
    Thread.sleep(200);
    assertThat(connections).hasValue(0);
  }
}
