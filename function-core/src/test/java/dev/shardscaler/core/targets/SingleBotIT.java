package dev.shardscaler.core.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.PassReport;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import dev.shardscaler.testkit.WebhookFake;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seed's environment through the targets function: the same result, and a webhook too. */
class SingleBotIT {
  static final String TOKEN = "MTA5.single.bot_token_secret";
  final DiscordFake discord = new DiscordFake();
  final KubernetesFake kube = new KubernetesFake();
  final WebhookFake webhooks = new WebhookFake();

  @AfterEach
  void stop() {
    webhooks.close();
    kube.close();
    discord.close();
  }

  Map<String, String> seedEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    return env;
  }

  PassReport pass(Map<String, String> env, ScaleRequest request) {
    Targets targets = Targets.fromEnv(env);
    return TargetsFunction.create(
            targets,
            new LocalTokens(env),
            KubernetesClients.forEndpoint(kube.url(), null, null, targets.kubernetesTimeout()))
        .apply(request);
  }

  @Test
  void theResultIsTheSingleBotsResultAsItAlwaysWas() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.respondByDefault(DiscordFake.gatewayBot(16, 1000, 1));

    PassReport report = pass(seedEnv(), ScaleRequest.scheduled());

    assertThat(report).isInstanceOf(ScaleResult.class);
    JsonObject json = JsonParser.parseString(report.toJson()).getAsJsonObject();
    assertThat(json.keySet())
        .containsExactly(
            "outcome",
            "reason",
            "message",
            "dryRun",
            "target",
            "recommendation",
            "current",
            "desired",
            "assignments",
            "requestReason",
            "startedAt",
            "timings");
    assertThat(json.get("outcome").getAsString()).isEqualTo("SCALED");
    assertThat(json.getAsJsonObject("target").toString())
        .isEqualTo("{\"namespace\":\"discord\",\"statefulSet\":\"bot\",\"container\":\"bot\"}");
  }

  @Test
  void theSingleBotIsNamedAfterItsStatefulSet() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.respondByDefault(DiscordFake.gatewayBot(12, 1000, 1));

    assertThat(pass(seedEnv(), ScaleRequest.because("x").withTarget("bot")).outcome().name())
        .isEqualTo("UNCHANGED");
    discord.clearRequests();
    assertThatThrownBy(() -> pass(seedEnv(), ScaleRequest.because("x").withTarget("premium")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no target named \"premium\" is configured (configured: bot)");
    assertThat(discord.requests()).isEmpty();
  }

  @Test
  void aSingleBotTellsItsReshardToo() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    kube.createConfigMap("discord", "shardscaler-notifications");
    discord.respondByDefault(DiscordFake.gatewayBot(16, 1000, 1));
    Map<String, String> env = seedEnv();
    env.put("SCALER_NOTIFY_DISCORD_WEBHOOK", webhooks.discordUrl());

    ScaleResult result = (ScaleResult) pass(env, ScaleRequest.because("launch day"));

    assertThat(result.warnings()).isNull();
    assertThat(webhooks.discordMessages()).hasSize(1);
    assertThat(WebhookFake.render(webhooks.discordMessages().get(0).body()))
        .contains("bot scaled up: 12 → 16 shards, 3 → 4 pods")
        .contains("(reason: launch day)")
        .contains("discord/bot · SCALED_UP");
  }
}
