package dev.shardscaler.gcp;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The invoker started with other environments: no ad-hoc token, a broken configuration. */
class InvokerConfigurationIT {
  static final String BOT_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.gcp_config_secret_token";

  DiscordFake discord;
  KubernetesFake kube;
  @TempDir Path workDir;

  @BeforeEach
  void start() {
    discord = new DiscordFake();
    discord.respondByDefault(gatewayBot(16, 1000, 1));
    kube = new KubernetesFake();
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
  }

  @AfterEach
  void stop() {
    kube.close();
    discord.close();
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", BOT_TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_API_URL", kube.url());
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    return env;
  }

  static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  @Test
  void withoutAnAdHocTokenOverridesAre403AndScheduledPassesStillRun() throws Exception {
    try (InvokerProcess invoker = InvokerProcess.start(env(), workDir)) {
      Map<String, String> headers = Map.of("Content-Type", "application/json");

      HttpResponse<String> override = invoker.send("POST", "{\"shards\":32}", headers);
      int writesAfterOverride = kube.writes().size();
      HttpResponse<String> scheduled = invoker.send("POST", "{\"reason\":\"scheduled\"}", headers);

      assertThat(override.statusCode()).isEqualTo(403);
      assertThat(json(override).get("message").getAsString())
          .contains("set SCALER_HTTP_TOKEN to allow them");
      assertThat(writesAfterOverride).isZero();
      assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
      assertThat(json(scheduled).get("outcome").getAsString()).isEqualTo("SCALED");
      assertThat(invoker.output()).doesNotContain(BOT_TOKEN);
    }
  }

  @Test
  void aBrokenConfigurationIs500NamingEveryProblemAndContactsNothing() throws Exception {
    Map<String, String> env = env();
    env.put("K8S_SHARDS_PER_BOT", "zero");
    env.remove("K8S_API_URL");
    env.put("GKE_CLUSTER_ENDPOINT", "http://34.77.1.2");

    try (InvokerProcess invoker = InvokerProcess.start(env, workDir)) {
      HttpResponse<String> response =
          invoker.send("POST", "", Map.of("Content-Type", "application/json"));

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(json(response).getAsJsonArray("problems").toString())
          .contains("K8S_SHARDS_PER_BOT must be an integer from 1 to 100000, got \\\"zero\\\"")
          .contains("GKE_CLUSTER_ENDPOINT must be the cluster's https:// endpoint");
      assertThat(kube.requests()).isEmpty();
      assertThat(discord.requests()).isEmpty();
      assertThat(invoker.output())
          .contains("cannot run: invalid configuration")
          .doesNotContain(BOT_TOKEN);
    }
  }
}
