package dev.shardscaler.bench;

import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The testkit fakes the harness runs in-process: Discord answering {@code shards} and the
 * Kubernetes API server holding the seed's StatefulSet (12 shards, 4 per bot, 3 pods), both reset
 * before every run so that each run starts from the same state with an empty request log.
 */
final class Fakes implements AutoCloseable {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.benchmark_secret_token";
  static final int SEED_SHARDS = 12;
  static final int SCALING_SHARDS = 16;

  /** fabric8's mock server logs every request through java.util.logging at INFO. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    noDelay();
  }

  /**
   * The JDK's HttpServer (under DiscordFake) writes headers and body apart without TCP_NODELAY:
   * Nagle's algorithm meets the client's delayed ACK and every answer waits ~40 ms. Read once, when
   * the server's configuration class loads, so this must run before the first fake starts.
   */
  static void noDelay() {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  final DiscordFake discord = new DiscordFake();
  final KubernetesFake kube = new KubernetesFake();
  private final BotStatefulSet seed = BotStatefulSet.seedExample();

  Fakes() {
    kube.createStatefulSet(seed.toJson());
  }

  /** Seed StatefulSet anew, Discord recommending {@code shards}, both request logs empty. */
  void reset(int shards) {
    kube.deleteStatefulSet(seed.namespace(), seed.name());
    kube.createStatefulSet(seed.toJson());
    kube.clearRequests();
    discord.respondByDefault(DiscordFake.gatewayBot(shards, 1000, 1));
    discord.clearRequests();
  }

  /** What the fakes received since the last reset. */
  PassCounts counts() {
    return PassCounts.of(discord.requests(), kube.requests());
  }

  /**
   * The scaler's environment as the seed's CronJob sets it, pointed at the fakes. Each artifact
   * adds what its platform needs to reach the cluster.
   */
  Map<String, String> seedEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BOT_TOKEN", TOKEN);
    env.put("K8S_NAMESPACE", seed.namespace());
    env.put("K8S_STATEFULSET", seed.name());
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_SCALEUP", "1");
    env.put("K8S_SCALEDOWN", "0");
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    return env;
  }

  /** A few round trips so that the fakes' own first-request costs are not charged to a child. */
  void warmUp() {
    HttpClient http = HttpClient.newHttpClient();
    String statefulSet =
        kube.url()
            + "/apis/apps/v1/namespaces/"
            + seed.namespace()
            + "/statefulsets/"
            + seed.name();
    for (int i = 0; i < 20; i++) {
      get(http, statefulSet);
      get(http, discord.baseUrl() + "/gateway/bot");
    }
    reset(SEED_SHARDS);
  }

  private static void get(HttpClient http, String url) {
    try {
      http.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("warming up " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    kube.close();
    discord.close();
  }
}
