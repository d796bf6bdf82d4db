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
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sandbox: the real shardscaler app, wired to an in-process Kubernetes API server seeded with
 * the example bot StatefulSet and to a simulated Discord whose guild count grows, then falls. A
 * PingSource-like ticker triggers a pass every few seconds; a simulated StatefulSet controller
 * finishes each rollout; every result is printed. The HTTP endpoint stays open for {@code curl}.
 *
 * <p>Environment: {@code SANDBOX_PORT} (8080), {@code SANDBOX_TICK} (seconds, 5), {@code
 * SANDBOX_PASSES} (stop after N passes; unset = run until Ctrl-C), {@code SANDBOX_BOTS} (2: two
 * bots from one scaler, with a Discord webhook, see {@link TwoBotSandbox}).
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
  private final DiscordFake discord = new DiscordFake();
  private final KubernetesFake kube = new KubernetesFake();
  private final SimulatedBot bot;
  private final HttpClient http = HttpClient.newHttpClient();

  Sandbox(PrintStream out, long startMillis) {
    this.out = out;
    this.bot = new SimulatedBot(kube, startMillis);
    discord.respondByDefault(bot::gatewayBot);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    int port = Integer.parseInt(env.getOrDefault("SANDBOX_PORT", "8080"));
    Duration tick = Duration.ofSeconds(Long.parseLong(env.getOrDefault("SANDBOX_TICK", "5")));
    int passes = Integer.parseInt(env.getOrDefault("SANDBOX_PASSES", "0"));
    int bots = Integer.parseInt(env.getOrDefault("SANDBOX_BOTS", "1"));
    if (bots != 1 && bots != 2) {
      System.err.println("SANDBOX_BOTS must be 1 or 2, got " + bots);
      System.exit(2);
    }
    int scaled =
        bots == 2
            ? new TwoBotSandbox(System.out, System.currentTimeMillis()).run(port, tick, passes)
            : new Sandbox(System.out, System.currentTimeMillis()).run(port, tick, passes);
    System.exit(passes > 0 && scaled == 0 ? 1 : 0);
  }

  /** Runs the ticker; returns how many passes scaled. */
  int run(int port, Duration tick, int passes) throws Exception {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    // The printed results are the show: the app and the fakes log warnings only. Set on logback
    // itself: the app switches Spring Boot's logging system off, so logging.* properties do not.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    try (ConfigurableApplicationContext app =
        ShardscalerApplication.start(appEnv(), "--server.port=" + port)) {
      String url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      banner(url, tick);
      int scaled = 0;
      for (int pass = 1; passes == 0 || pass <= passes; pass++) {
        bot.controllerStep();
        HttpResponse<String> response = pingSourceTick(http, url);
        scaled += print(response) ? 1 : 0;
        Thread.sleep(tick.toMillis());
      }
      return scaled;
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
    return env;
  }

  private void banner(String url, Duration tick) {
    out.printf(
        """

        shardscaler sandbox
          app (Knative mode)      %s
          Kubernetes API (fake)   %s   (StatefulSet discord/bot: 12 shards, 4 per pod)
          Discord API (fake)      %s   (guild count grows, then falls)
          a PingSource tick every %ds; a simulated controller finishes each rollout

          try:  curl -s -X POST %s/ -H 'Content-Type: application/json' -d '{"dryRun":true}'
                curl -s -X POST %s/ -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' -d '{"shards":40,"reason":"curl"}'
          Ctrl-C stops it.

        """,
        url, kube.url(), discord.baseUrl(), tick.toSeconds(), url, url, HTTP_TOKEN);
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
  private boolean print(HttpResponse<String> response) {
    JsonObject result = JsonParser.parseString(response.body()).getAsJsonObject();
    String outcome = text(result, "outcome");
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
