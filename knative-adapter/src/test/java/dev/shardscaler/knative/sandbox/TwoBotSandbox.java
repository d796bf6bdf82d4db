package dev.shardscaler.knative.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.knative.ShardscalerApplication;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import dev.shardscaler.testkit.WebhookFake;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sandbox with two bots ({@code SANDBOX_BOTS=2}): one scaler for the example bot ({@code main},
 * discord/bot) and a smaller {@code premium} bot (discord/premium) whose daily session starts run
 * low, each with its own token. A Discord webhook fake prints what the team's channel would show:
 * reshards, and the identify-budget block once it has lasted.
 */
final class TwoBotSandbox {
  static final String MAIN_TOKEN = "sandbox-main-bot-token-not-real";
  static final String PREMIUM_TOKEN = "sandbox-premium-bot-token-not-real";

  private final PrintStream out;
  private final DiscordFake discord = new DiscordFake();
  private final KubernetesFake kube = new KubernetesFake();
  private final WebhookFake webhook = new WebhookFake();
  private final List<SimulatedBot> bots;
  private final List<RolloutController> controllers;
  private final HttpClient http = HttpClient.newHttpClient();

  TwoBotSandbox(PrintStream out, long startMillis) {
    this.out = out;
    RolloutController mainRollouts = new RolloutController(kube, "bot");
    RolloutController premiumRollouts = new RolloutController(kube, "premium");
    SimulatedBot main = SimulatedBot.example(startMillis, mainRollouts::sessionStartsUsed);
    // 130 session starts: two or three reshards, then the identify budget holds the next one
    SimulatedBot premium =
        new SimulatedBot(
            "premium", startMillis, 5_600, 50, 130, premiumRollouts::sessionStartsUsed);
    this.bots = List.of(main, premium);
    this.controllers = List.of(mainRollouts, premiumRollouts);
    discord.respondTo(MAIN_TOKEN, main::gatewayBot);
    discord.respondTo(PREMIUM_TOKEN, premium::gatewayBot);
    webhook.onRequest(this::channel);
  }

  /** Runs the ticker; returns how many target passes scaled. */
  int run(int port, Duration tick, int passes) throws Exception {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    kube.createStatefulSet(
        BotStatefulSet.seedExample()
            .name("premium")
            .shards(6)
            .replicas(3)
            .shardsPerBot(2)
            .toJson());
    kube.createConfigMap("discord", "shardscaler-notifications");
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    try (ConfigurableApplicationContext app =
        ShardscalerApplication.start(appEnv(), "--server.port=" + port)) {
      String url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      banner(url, tick);
      int scaled = 0;
      for (int pass = 1; passes == 0 || pass <= passes; pass++) {
        controllers.forEach(RolloutController::step);
        HttpResponse<String> response = Sandbox.pingSourceTick(http, url);
        scaled += print(response);
        Thread.sleep(tick.toMillis());
      }
      return scaled;
    } finally {
      webhook.close();
      kube.close();
      discord.close();
    }
  }

  private Map<String, String> appEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("MAIN_BOT_TOKEN", MAIN_TOKEN);
    env.put("PREMIUM_BOT_TOKEN", PREMIUM_TOKEN);
    env.put(
        "SCALER_TARGETS",
        """
        {"targets": [
          {"name": "main", "statefulSet": "bot", "shardsPerBot": 4,
           "token": {"env": "MAIN_BOT_TOKEN"}},
          {"name": "premium", "statefulSet": "premium", "shardsPerBot": 2,
           "token": {"env": "PREMIUM_BOT_TOKEN"}}
        ]}""");
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SCALEUP", "1");
    env.put("K8S_SCALEDOWN", "1");
    env.put("K8S_API_URL", kube.url());
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("SCALER_MIN_INTERVAL", "10s");
    env.put("SCALER_SCALEDOWN_WINDOW", "30s");
    env.put("SCALER_ROLLOUT_TIMEOUT", "1m");
    env.put("SCALER_RECOMMENDATION_TTL", "2s");
    env.put("SCALER_HTTP_TOKEN", Sandbox.HTTP_TOKEN);
    env.put("SCALER_NOTIFY_DISCORD_WEBHOOK", webhook.discordUrl());
    env.put("SCALER_NOTIFY_BLOCKED_AFTER", "20s");
    return env;
  }

  private void banner(String url, Duration tick) {
    out.printf(
        """

        shardscaler sandbox, two bots
          app (Knative mode)      %s
          Kubernetes API (fake)   %s   (discord/bot: 12 shards, 4 per pod; discord/premium: 6 shards, 2 per pod)
          Discord API (fake)      %s   (each token its own bot: main grows fast, premium has few session starts)
          Discord webhook (fake)  prints what the channel would show
          a PingSource tick every %ds; a simulated controller finishes each rollout

          try:  curl -s -X POST %s/ -H 'Content-Type: application/json' -d '{"target":"premium","dryRun":true}'
          Ctrl-C stops it.

        """,
        url, kube.url(), discord.baseUrl(), tick.toSeconds(), url);
  }

  /** One line per target; returns how many scaled. */
  private int print(HttpResponse<String> response) {
    JsonObject result = JsonParser.parseString(response.body()).getAsJsonObject();
    String time = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
    if (!result.has("targets")) {
      out.printf("%s  HTTP %d  %s%n", time, response.statusCode(), response.body());
      return 0;
    }
    int scaled = 0;
    int row = 0;
    for (JsonElement element : result.getAsJsonArray("targets")) {
      JsonObject target = element.getAsJsonObject();
      String name = Sandbox.text(target, "name");
      SimulatedBot bot =
          bots.stream().filter(b -> b.name().equals(botName(name))).findFirst().get();
      String outcome = Sandbox.text(target, "outcome");
      String status = "HTTP " + response.statusCode();
      out.printf(
          "%s  %s  %-7s guilds %,6d  %-9s %-20s %s → %s%n",
          row == 0 ? time : " ".repeat(time.length()),
          row == 0 ? status : " ".repeat(status.length()),
          name,
          bot.guilds(),
          outcome,
          Sandbox.text(target, "reason"),
          Sandbox.counts(target.get("current")),
          Sandbox.counts(target.get("desired")));
      if (outcome.equals("SCALED")) {
        scaled++;
      }
      row++;
    }
    return scaled;
  }

  private static String botName(String target) {
    return target.equals("main") ? "bot" : target;
  }

  /** What the team's channel shows for one webhook message. */
  private void channel(WebhookFake.Received message) {
    if (message.body() == null) {
      return;
    }
    StringBuilder shown = new StringBuilder("           ┌─ #bot-ops (Discord webhook) ─────────\n");
    for (String line : WebhookFake.render(message.body()).split("\n")) {
      shown.append("           │ ").append(line).append('\n');
    }
    shown.append("           └──────────────────────────────────────");
    out.println(shown);
  }
}
