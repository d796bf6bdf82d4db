package dev.shardscaler.knative.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.knative.ShardscalerApplication;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sandbox: the real shardscaler app, wired to an in-process Kubernetes API server seeded with
 * the example bot StatefulSet and to a simulated Discord whose guild count grows, then falls. A
 * PingSource-like ticker triggers a pass every few seconds; a simulated StatefulSet controller and
 * the bot's pods ({@link PodModel}) act on what the scaler writes; a simulated Discord tracks every
 * session with its shard total and, while a reshard runs, prints second by second the guilds no
 * active session covers and those two cover ({@link ClusterLoop}). Every result is printed. The
 * HTTP endpoint stays open for {@code curl}.
 *
 * <p>Environment: {@code SANDBOX_PORT} (8080), {@code SANDBOX_TICK} (seconds, 5), {@code
 * SANDBOX_PASSES} (stop after N passes; unset = run until Ctrl-C), {@code SANDBOX_STRATEGY} ({@code
 * rolling}, the default, or {@code bluegreen}), {@code SANDBOX_RESHARDS} (stop once N reshards have
 * settled), {@code SANDBOX_BOTS} (2: two bots from one scaler, with a Discord webhook, see {@link
 * TwoBotSandbox}; rolling only). Under blue/green the exit status is 1 when a reshard left a guild
 * without an active session for a second.
 */
public final class Sandbox {
  static final String HTTP_TOKEN = "sandbox";
  // fabric8's mock logs every request through java.util.logging; keep a reference so the level
  // set on it stays.
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final PrintStream out;
  private final boolean blueGreen;
  private final PodModel.Timing timing;
  private final DiscordFake discord = new DiscordFake();
  private final KubernetesFake kube = new KubernetesFake();
  private final PodModel pods;
  private final SimulatedBot bot;
  private final HttpClient http = HttpClient.newHttpClient();

  /** What a run did: passes that scaled, and the reshards that settled. */
  record Run(int scaled, List<ClusterLoop.Reshard> reshards) {}

  Sandbox(PrintStream out, long startMillis) {
    this(out, startMillis, false, PodModel.Timing.SANDBOX);
  }

  Sandbox(PrintStream out, long startMillis, boolean blueGreen, PodModel.Timing timing) {
    this.out = out;
    this.blueGreen = blueGreen;
    this.timing = timing;
    this.pods = new PodModel(timing);
    this.bot = SimulatedBot.example(startMillis, pods::identifies);
    discord.respondByDefault(bot::gatewayBot);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    int port = Integer.parseInt(env.getOrDefault("SANDBOX_PORT", "8080"));
    Duration tick = Duration.ofSeconds(Long.parseLong(env.getOrDefault("SANDBOX_TICK", "5")));
    int passes = Integer.parseInt(env.getOrDefault("SANDBOX_PASSES", "0"));
    int reshards = Integer.parseInt(env.getOrDefault("SANDBOX_RESHARDS", "0"));
    String strategy = env.getOrDefault("SANDBOX_STRATEGY", "rolling");
    if (!strategy.equals("rolling") && !strategy.equals("bluegreen")) {
      System.err.println("SANDBOX_STRATEGY must be rolling or bluegreen, got \"" + strategy + "\"");
      System.exit(2);
    }
    boolean blueGreen = strategy.equals("bluegreen");
    int bots = Integer.parseInt(env.getOrDefault("SANDBOX_BOTS", "1"));
    if (bots != 1 && bots != 2) {
      System.err.println("SANDBOX_BOTS must be 1 or 2, got " + bots);
      System.exit(2);
    }
    if (bots == 2) {
      if (blueGreen || reshards > 0) {
        System.err.println(
            "SANDBOX_BOTS=2 runs the rolling strategy only: SANDBOX_STRATEGY=bluegreen and"
                + " SANDBOX_RESHARDS need SANDBOX_BOTS=1");
        System.exit(2);
      }
      int scaled =
          new TwoBotSandbox(System.out, System.currentTimeMillis()).run(port, tick, passes);
      System.exit(passes > 0 && scaled == 0 ? 1 : 0);
    }
    Run run =
        new Sandbox(System.out, System.currentTimeMillis(), blueGreen, PodModel.Timing.SANDBOX)
            .run(port, tick, passes, reshards);
    boolean gap =
        blueGreen && run.reshards().stream().anyMatch(r -> r.tally().secondsUncovered > 0);
    System.exit(gap || passes > 0 && run.scaled() == 0 ? 1 : 0);
  }

  /** Runs the ticker; returns how many passes scaled. */
  int run(int port, Duration tick, int passes) throws Exception {
    return run(port, tick, passes, 0).scaled();
  }

  /** Runs the ticker for {@code passes} (0: no limit) or until {@code reshards} have settled. */
  Run run(int port, Duration tick, int passes, int reshards) throws Exception {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    pods.spec("bot", 3, 12, 4, 1);
    pods.warm("bot", System.currentTimeMillis());
    ClusterLoop cluster =
        new ClusterLoop(kube, pods, timing, new Coverage(60_000), bot, out, blueGreen);
    // The printed results are the show: the app and the fakes log warnings only. Set on logback
    // itself: the app switches Spring Boot's logging system off, so logging.* properties do not.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    try (cluster;
        ConfigurableApplicationContext app =
            ShardscalerApplication.start(appEnv(), "--server.port=" + port)) {
      String url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      banner(url, tick);
      cluster.start();
      int scaled = 0;
      for (int pass = 1;
          (passes == 0 || pass <= passes)
              && (reshards == 0 || cluster.reshards().size() < reshards);
          pass++) {
        HttpResponse<String> response = pingSourceTick(http, url);
        scaled += print(response, cluster) ? 1 : 0;
        Thread.sleep(tick.toMillis());
      }
      return new Run(scaled, cluster.reshards());
    } finally {
      kube.close();
      discord.close();
    }
  }

  private Map<String, String> appEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", "sandbox-bot-token-not-real");
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_SCALEUP", "1");
    env.put("K8S_SCALEDOWN", "1");
    env.put("K8S_API_URL", kube.url());
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("SCALER_MIN_INTERVAL", "10s");
    env.put("SCALER_SCALEDOWN_WINDOW", "30s");
    env.put("SCALER_ROLLOUT_TIMEOUT", "1m");
    env.put("SCALER_RECOMMENDATION_TTL", "2s");
    env.put("SCALER_HTTP_TOKEN", HTTP_TOKEN);
    if (blueGreen) {
      env.put("SCALER_STRATEGY", "bluegreen");
      // longer than any pod takes to see the switch (the model's kubelet bound), as in a cluster
      env.put("SCALER_BLUEGREEN_PROPAGATION", (timing.kubeletMaxMillis() / 1000 + 1) + "s");
      env.put("SCALER_BLUEGREEN_GRACE", "2s");
    }
    return env;
  }

  private void banner(String url, Duration tick) {
    out.printf(
        """

        shardscaler sandbox
          app (Knative mode)      %s
          Kubernetes API (fake)   %s   (StatefulSet discord/bot: 12 shards, 4 per pod)
          Discord API (fake)      %s   (guild count grows, then falls)
          a PingSource tick every %s; strategy %s; simulated pods act on every change, and
          while a reshard runs a line a second shows the sessions Discord sees and the guilds
          covered by no active session (uncovered) and by two (twice)

          try:  curl -s -X POST %s/ -H 'Content-Type: application/json' -d '{"dryRun":true}'
                curl -s -X POST %s/ -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' -d '{"shards":40,"reason":"curl"}'
          Ctrl-C stops it.

        """,
        url,
        kube.url(),
        discord.baseUrl(),
        tick.toMillis() % 1000 == 0 ? tick.toSeconds() + "s" : tick.toMillis() + "ms",
        blueGreen ? "bluegreen" : "rolling",
        url,
        url,
        HTTP_TOKEN);
  }

  static HttpResponse<String> pingSourceTick(HttpClient http, String url) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/"))
            .header("ce-specversion", "1.0")
            .header("ce-type", "dev.knative.sources.ping")
            .header("ce-source", "/apis/v1/namespaces/discord/pingsources/shardscaler-schedule")
            .header("ce-id", UUID.randomUUID().toString())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"scheduled\"}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** One readable line (plus the assignment table when it changed); true when it scaled. */
  private boolean print(HttpResponse<String> response, ClusterLoop cluster) {
    JsonObject result = JsonParser.parseString(response.body()).getAsJsonObject();
    String outcome = text(result, "outcome");
    if (outcome.equals("SCALED") && RESHARDS.contains(text(result, "reason"))) {
      cluster.reshardStarted(layout(result.get("current")), layout(result.get("desired")));
    }
    out.printf(
        "%s  guilds %,6d  HTTP %d  %-9s %-22s %s → %s%n",
        LocalTime.now().truncatedTo(ChronoUnit.SECONDS),
        bot.guilds(),
        response.statusCode(),
        outcome,
        text(result, "reason"),
        counts(result.get("current")),
        counts(result.get("desired")));
    if (!outcome.equals("UNCHANGED")) {
      out.println("           " + text(result, "message"));
    }
    if (outcome.equals("SCALED")) {
      StringBuilder table = new StringBuilder("           ");
      JsonArray assignments = result.getAsJsonArray("assignments");
      for (JsonElement assignment : assignments) {
        JsonObject row = assignment.getAsJsonObject();
        table.append(text(row, "pod")).append(": ").append(text(row, "shards")).append("   ");
      }
      out.println(table);
      return true;
    }
    return false;
  }

  /** The reasons of a pass that starts a reshard (a new total or a new number per pod). */
  private static final java.util.Set<String> RESHARDS =
      java.util.Set.of("SCALED_UP", "SCALED_DOWN", "REPACKED", "INITIALIZED", "BLUEGREEN_STARTED");

  private static Layout layout(JsonElement counts) {
    JsonObject object = counts.getAsJsonObject();
    return new Layout(
        object.get("shards").getAsInt(),
        object.get("replicas").getAsInt(),
        object.get("shardsPerBot").getAsInt());
  }

  static String counts(JsonElement counts) {
    if (counts == null || counts.isJsonNull()) {
      return "?";
    }
    JsonObject object = counts.getAsJsonObject();
    return text(object, "shards") + " shards/" + text(object, "replicas") + " pods";
  }

  static String text(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value == null || value.isJsonNull() ? "-" : value.getAsString();
  }
}
