package dev.shardscaler.bench.jmh;

import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A warm no-op pass ({@link ScaleFunction#apply}: GET the StatefulSet, GET Discord, plan, build the
 * result) against the testkit fakes, next to {@link #baselineTwoGets}: the same two GETs with a
 * bare {@code java.net.http} client. The difference is what the pass costs beyond the fakes' round
 * trips: client-java and OkHttp, JSON, planning, the result. The fakes run in this JVM, so both
 * sides pay for them alike.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
// Long warm-up: the fakes in this JVM (Vert.x, Netty) and both clients take ~20 s of C2 on 2 cores
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class WarmPassBenchmark {
  /** fabric8's mock server logs every request through java.util.logging at INFO. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    // DiscordFake's JDK HttpServer otherwise delays each answer ~40 ms (Nagle + delayed ACK)
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private DiscordFake discord;
  private KubernetesFake kube;
  private ScaleFunction function;
  private HttpClient http;
  private HttpRequest readStatefulSet;
  private HttpRequest askDiscord;

  @Setup(Level.Trial)
  public void start() {
    discord = new DiscordFake();
    kube = new KubernetesFake();
    BotStatefulSet seed = BotStatefulSet.seedExample();
    kube.createStatefulSet(seed.toJson());
    discord.respondByDefault(DiscordFake.gatewayBot(12, 1000, 1));
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.benchmark_secret_token");
    env.put("K8S_NAMESPACE", seed.namespace());
    env.put("K8S_STATEFULSET", seed.name());
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_API_URL", kube.url());
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    // every pass asks Discord, as a cold start does (the server mode would reuse it for 30 s)
    env.put("SCALER_RECOMMENDATION_TTL", "0s");
    Settings settings = Settings.fromEnv(env);
    function =
        ScaleFunction.create(
            settings, KubernetesClients.fromEnvironment(env, settings.kubernetesTimeout()));

    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    readStatefulSet =
        HttpRequest.newBuilder(
                URI.create(
                    kube.url()
                        + "/apis/apps/v1/namespaces/"
                        + seed.namespace()
                        + "/statefulsets/"
                        + seed.name()))
            .timeout(Duration.ofSeconds(15))
            .header("Accept", "application/json")
            .build();
    askDiscord =
        HttpRequest.newBuilder(URI.create(discord.baseUrl() + "/gateway/bot"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bot " + env.get("BOT_TOKEN"))
            .header("User-Agent", "DiscordBot (https://github.com/shardscaler/shardscaler, 0)")
            .build();

    // Measure the no-op pass, not a failure path: one pass must be exactly 1 + 1 GETs.
    ScaleResult first = function.apply(ScaleRequest.scheduled());
    if (first.outcome() != Outcome.UNCHANGED
        || discord.requests().size() != 1
        || kube.requests().size() != 1
        || !kube.writes().isEmpty()) {
      throw new IllegalStateException(
          "not a no-op pass: "
              + first.summary()
              + ", Discord "
              + discord.requests().size()
              + ", Kubernetes "
              + kube.requests());
    }
  }

  @Setup(Level.Iteration)
  public void forgetRequests() {
    discord.clearRequests();
    kube.clearRequests();
  }

  @TearDown(Level.Iteration)
  public void noWrites() {
    if (!kube.writes().isEmpty()) {
      throw new IllegalStateException("a no-op pass wrote: " + kube.writes().get(0));
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    kube.close();
    discord.close();
  }

  @Benchmark
  public ScaleResult pass() {
    return function.apply(ScaleRequest.scheduled());
  }

  @Benchmark
  public int baselineTwoGets() throws IOException, InterruptedException {
    HttpResponse<String> statefulSet =
        http.send(readStatefulSet, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> gateway = http.send(askDiscord, HttpResponse.BodyHandlers.ofString());
    return statefulSet.body().length() + gateway.body().length();
  }
}
