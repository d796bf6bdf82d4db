package dev.shardscaler.core.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.PassReport;
import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.discord.HttpDiscordGateway;
import dev.shardscaler.core.discord.TestGateways;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.core.kubernetes.KubernetesFleet;
import dev.shardscaler.core.kubernetes.KubernetesStatefulSets;
import dev.shardscaler.core.notify.WebhookNotifier;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import dev.shardscaler.testkit.LogCapture;
import dev.shardscaler.testkit.TestClock;
import dev.shardscaler.testkit.WebhookFake;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Three bots scaled by one scaler, over real HTTP: a Discord fake that answers each bot token on
 * its own, an in-process Kubernetes API with the three StatefulSets and the notification memory,
 * and a webhook receiver for both webhooks. Every pass builds the function anew from the
 * environment, as a serverless platform does: what it remembers lives in the cluster. Closing it
 * checks that no token and no webhook URL reached a log line or a result.
 */
final class FleetHarness implements AutoCloseable {
  static final String MAIN_TOKEN = "MTAx.main.fleet_token_secret_aaaaaaaa";
  static final String PREMIUM_TOKEN = "MTAy.premium.fleet_token_secret_bbbbbb";
  static final String STAGING_TOKEN = "MTAz.staging.fleet_token_secret_cccccc";

  final DiscordFake discord = new DiscordFake();
  final KubernetesFake kube = new KubernetesFake();
  final WebhookFake webhooks = new WebhookFake();
  final LogCapture logs = new LogCapture();
  final TestClock clock = new TestClock(Instant.parse("2026-11-28T12:00:00Z"));
  final Map<String, String> env = new HashMap<>();
  final Path stagingTokenFile;
  final List<PassReport> reports = new ArrayList<>();

  FleetHarness(Path dir) throws IOException {
    stagingTokenFile = dir.resolve("staging-token");
    Files.writeString(stagingTokenFile, STAGING_TOKEN + "\n");
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson()); // discord/bot, 12 × 4
    kube.createStatefulSet(BotStatefulSet.seedExample().name("premium").toJson());
    kube.createStatefulSet(
        BotStatefulSet.seedExample().namespace("staging").name("staging-bot").toJson());
    kube.createConfigMap("discord", "shardscaler-notifications");
    kube.clearRequests();
    env.put("MAIN_BOT_TOKEN", MAIN_TOKEN);
    env.put("PREMIUM_BOT_TOKEN", PREMIUM_TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("SCALER_DISCORD_READ_TIMEOUT", "300ms");
    env.put("SCALER_K8S_TIMEOUT", "5s");
    env.put("SCALER_MIN_INTERVAL", "0");
    env.put("SCALER_RECOMMENDATION_TTL", "0");
    env.put(
        "SCALER_TARGETS",
        """
        {"targets": [
          {"name": "main", "statefulSet": "bot", "token": {"env": "MAIN_BOT_TOKEN"}},
          {"name": "premium", "statefulSet": "premium", "token": {"env": "PREMIUM_BOT_TOKEN"},
           "settings": {"SCALER_IDENTIFY_RESERVE": 50}},
          {"name": "staging", "namespace": "staging", "statefulSet": "staging-bot",
           "shardsPerBot": 4, "token": {"file": "%s"},
           "settings": {"K8S_SCALEDOWN": true}}
        ]}
        """
            .formatted(stagingTokenFile));
    env.put("SCALER_NOTIFY_DISCORD_WEBHOOK", webhooks.discordUrl());
    env.put("SCALER_NOTIFY_WEBHOOK", webhooks.jsonUrl());
    env.put("SCALER_NOTIFY_TIMEOUT", "1s");
    // Discord's answers: main needs 16 shards, premium too but its budget is low, staging's
    // token was reset.
    discord.respondTo(MAIN_TOKEN, DiscordFake.gatewayBot(16, 1000, 1));
    discord.respondTo(PREMIUM_TOKEN, DiscordFake.gatewayBot(16, 1000, 40, 7_200_000L, 1));
    discord.respondTo(STAGING_TOKEN, DiscordFake.unauthorized());
  }

  /** The function as a platform builds it from the environment (a cold start). */
  TargetsFunction function() {
    Targets targets = Targets.fromEnv(env);
    ApiClient cluster =
        KubernetesClients.forEndpoint(kube.url(), null, null, targets.kubernetesTimeout());
    return new TargetsFunction(
        targets,
        new LocalTokens(env),
        settings -> scaleFunction(settings, cluster),
        WebhookNotifier.create(
            targets.notifications(), cluster, targets.kubernetesTimeout(), clock),
        clock);
  }

  private ScaleFunction scaleFunction(Settings settings, ApiClient cluster) {
    HttpDiscordGateway gateway = TestGateways.fast(settings, duration -> {}, clock);
    return new ScaleFunction(
        settings,
        gateway,
        new KubernetesStatefulSets(cluster, clock),
        new KubernetesFleet(cluster),
        clock);
  }

  PassReport pass(ScaleRequest request) {
    PassReport report = function().apply(request);
    reports.add(report);
    return report;
  }

  PassReport scheduledPass() {
    return pass(ScaleRequest.scheduled());
  }

  /** The controller finishes every rollout, and the clock moves on. */
  void later(Duration duration) {
    for (String[] set :
        List.of(
            new String[] {"discord", "bot"},
            new String[] {"discord", "premium"},
            new String[] {"staging", "staging-bot"})) {
      kube.completeRollout(set[0], set[1]);
    }
    kube.clearRequests();
    clock.advance(duration);
  }

  int shards(String namespace, String name) {
    return Integer.parseInt(
        BotStatefulSet.env(kube.getStatefulSet(namespace, name), 0).get("SHARDS"));
  }

  Map<String, String> memory() {
    return kube.configMapData("discord", "shardscaler-notifications");
  }

  @Override
  public void close() {
    try {
      List<String> secrets =
          List.of(
              MAIN_TOKEN,
              PREMIUM_TOKEN,
              STAGING_TOKEN,
              WebhookFake.DISCORD_PATH.substring(WebhookFake.DISCORD_PATH.lastIndexOf('/') + 1),
              webhooks.discordUrl(),
              webhooks.jsonUrl());
      for (String secret : secrets) {
        assertThat(logs.lines()).as("log lines").noneMatch(line -> line.contains(secret));
        assertThat(reports).allSatisfy(r -> assertThat(r.toJson()).doesNotContain(secret));
        assertThat(memory().values()).noneMatch(value -> value.contains(secret));
      }
    } finally {
      logs.close();
      webhooks.close();
      kube.close();
      discord.close();
    }
  }
}
