package dev.shardscaler.knative.image;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;

import com.google.gson.JsonParser;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training runs that make the image's AOT caches: the app started from the layout with the
 * image's own runtime and JVM flags, recording ({@code -XX:AOTMode=record}) while it does the real
 * work against the testkit fakes (a fabric8 API server and a Discord over HTTP on loopback), then
 * the cache made from that record ({@code -XX:AOTMode=create}) with the same command. One cache per
 * mode, because a cache that also holds Spring Boot and Tomcat makes every one-shot map and load
 * ~40 MB more (docs/PERFORMANCE.md):
 *
 * <ul>
 *   <li>one-shot: a pass that reshards (read, Discord, plan, PATCH, Event), as the CronJob runs it;
 *   <li>server: started as Knative starts it ({@code K_SERVICE}, {@code PORT}, no arguments), a
 *       readiness probe, a PingSource tick that reshards, a second tick, an ad-hoc dry run, then
 *       SIGTERM; the JVM writes the cache as it exits.
 * </ul>
 *
 * Every run must do what it is there for (outcomes, requests seen by the fakes); otherwise the
 * build fails rather than ship a cache trained on an error path.
 */
final class AotTraining implements AutoCloseable {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.aot_training_token";
  static final String HTTP_TOKEN = "aot-training-http-token";
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  private final ImageCommand image;
  private final Path logs;
  private final DiscordFake discord = new DiscordFake();
  private final KubernetesFake kube = new KubernetesFake();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  AotTraining(ImageCommand image, Path logs) {
    this.image = image;
    this.logs = logs;
  }

  /** The seed CronJob's environment, pointed at the fakes (no credentials, no kubeconfig). */
  static Map<String, String> seedEnv(String token, KubernetesFake kube, DiscordFake discord) {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", token);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_API_URL", kube.url());
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    return env;
  }

  private Map<String, String> env() {
    return seedEnv(TOKEN, kube, discord);
  }

  /** Discord recommends 16 shards for the seed's 12: the pass reshards. */
  private void reseed() {
    kube.reseed(BotStatefulSet.seedExample());
    discord.respondByDefault(gatewayBot(16, 1000, 1));
    discord.clearRequests();
    kube.clearRequests();
  }

  void oneShot(String cacheName) throws IOException, InterruptedException {
    reseed();
    Path record = logs.resolve(cacheName + ".conf");
    AppProcess.Finished run =
        AppProcess.run(
            image.command(recording(record), "--once"),
            env(),
            image.layout(),
            logs.resolve("once"),
            RUN_TIMEOUT);
    expect(run.exit() == 0, "the one-shot training run exited " + run.exit(), run);
    expect(outcome(run.stdout()).equals("SCALED"), "the one-shot training pass did not scale", run);
    expectWrites("one-shot", run);
    create(record, cacheName, "once");
  }

  void server(String cacheName) throws IOException, InterruptedException {
    reseed();
    Path record = logs.resolve(cacheName + ".conf");
    int port = AppProcess.freePort();
    Map<String, String> env = env();
    env.put("K_SERVICE", "shardscaler");
    env.put("PORT", String.valueOf(port));
    env.put("SCALER_HTTP_TOKEN", HTTP_TOKEN);
    try (AppProcess server =
        AppProcess.start(
            image.command(recording(record)), env, image.layout(), logs.resolve("server"))) {
      server.awaitPort(port, RUN_TIMEOUT);
      String base = "http://127.0.0.1:" + port;
      expectStatus(send(get(base + "/actuator/health/readiness")), 200, "readiness probe");
      HttpResponse<String> tick = send(pingSourceTick(base));
      expectStatus(tick, 200, "PingSource tick");
      expect(outcome(tick.body()).equals("SCALED"), "the first tick did not scale", null);
      expectStatus(send(pingSourceTick(base)), 200, "second PingSource tick");
      expectStatus(send(json(base + "/scale", "{\"dryRun\":true}")), 200, "ad-hoc dry run");
      AppProcess.Finished run = server.stop(RUN_TIMEOUT);
      expectWrites("server", run);
    }
    create(record, cacheName, "server");
  }

  private static List<String> recording(Path record) {
    return List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + record);
  }

  /** The cache from the record, made with the command line that will use it. */
  private void create(Path record, String cacheName, String mode)
      throws IOException, InterruptedException {
    Path cache = image.file(cacheName);
    expect(Files.isRegularFile(record), "no AOT configuration recorded at " + record, null);
    AppProcess.Finished run =
        AppProcess.run(
            image.command(
                List.of(
                    "-XX:AOTMode=create",
                    "-XX:AOTConfiguration=" + record,
                    "-XX:AOTCache=" + cache)),
            Map.of(),
            image.layout(),
            logs.resolve(mode + "-create"),
            RUN_TIMEOUT);
    Files.delete(record);
    expect(run.exit() == 0, "making the " + mode + " AOT cache failed", run);
    expectCache(cache, run);
  }

  private void expectWrites(String mode, AppProcess.Finished run) {
    long patches = kube.writes().stream().filter(w -> w.method().equals("PATCH")).count();
    long events = kube.writes().stream().filter(w -> w.path().endsWith("/events")).count();
    expect(
        patches >= 1 && events >= 1 && !discord.requests().isEmpty(),
        "the "
            + mode
            + " training did not read, ask Discord, patch and record an Event"
            + " (patches "
            + patches
            + ", events "
            + events
            + ")",
        run);
  }

  private static void expectCache(Path cache, AppProcess.Finished run) throws IOException {
    expect(
        Files.isRegularFile(cache) && Files.size(cache) > 1 << 20,
        "no AOT cache written at " + cache,
        run);
  }

  private HttpRequest pingSourceTick(String base) {
    return HttpRequest.newBuilder(URI.create(base + "/"))
        .timeout(Duration.ofSeconds(60))
        .header("ce-specversion", "1.0")
        .header("ce-type", "dev.knative.sources.ping")
        .header("ce-source", "/apis/v1/namespaces/discord/pingsources/shardscaler-schedule")
        .header("ce-id", "aot-training")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"scheduled\"}"))
        .build();
  }

  private static HttpRequest json(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build();
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void expectStatus(HttpResponse<String> response, int status, String what) {
    expect(
        response.statusCode() == status,
        what + " answered " + response.statusCode() + ": " + response.body(),
        null);
  }

  /**
   * The outcome of the result: the first JSON line (in a training run the JVM reports on the cache
   * it writes on stdout too, after the result).
   */
  static String outcome(String output) {
    for (String line : output.lines().toList()) {
      if (line.startsWith("{")) {
        try {
          return JsonParser.parseString(line).getAsJsonObject().get("outcome").getAsString();
        } catch (RuntimeException e) {
          return "(not a result: " + line + ")";
        }
      }
    }
    return "(no result)";
  }

  private static void expect(boolean condition, String problem, AppProcess.Finished run) {
    if (!condition) {
      throw new IllegalStateException(
          "AOT training: "
              + problem
              + (run == null
                  ? ""
                  : "\n--- stdout\n" + run.stdout() + "\n--- stderr\n" + run.stderr()));
    }
  }

  @Override
  public void close() {
    kube.close();
    discord.close();
  }
}
