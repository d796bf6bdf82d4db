package dev.shardscaler.gcp;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deploy jar in the real Functions Framework invoker, as Cloud Run functions runs it, called
 * the way Cloud Scheduler and an ad-hoc caller call it (recorded requests); Discord and the cluster
 * are the testkit fakes on loopback (the cluster through the K8S_API_URL test escape: no Google
 * credentials here). The contract itself is {@link FunctionsFrameworkConformanceIT}.
 */
class ScalerFunctionInvokerIT {
  static final String BOT_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.gcp_invoker_secret_token";
  static final String HTTP_TOKEN = "ad-hoc-gcp-secret-0123456789";

  static DiscordFake discord;
  static KubernetesFake kube;
  static Path workDir;
  static InvokerProcess invoker;

  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", BOT_TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_API_URL", kube.url());
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("SCALER_HTTP_TOKEN", HTTP_TOKEN);
    env.put("SCALER_RECOMMENDATION_TTL", "0");
    env.put("SCALER_MIN_INTERVAL", "0");
    // What Cloud Run sets; the invoker then logs one JSON object per line on stdout.
    env.put("K_SERVICE", "shardscaler");
    env.put("K_REVISION", "shardscaler-00001-abc");
    env.put("FUNCTION_TARGET", InvokerProcess.TARGET);
    return env;
  }

  @BeforeAll
  static void startInvoker() throws IOException {
    discord = new DiscordFake();
    kube = new KubernetesFake();
    workDir = Files.createTempDirectory("shardscaler-invoker");
    invoker = InvokerProcess.start(env(), workDir);
    System.out.println("invoker ready after " + invoker.startup.toMillis() + " ms");
  }

  @AfterAll
  static void stopInvoker() {
    invoker.close();
    String output = invoker.output();
    kube.close();
    discord.close();
    assertThat(output).as("the invoker's stdout and stderr").doesNotContain(BOT_TOKEN);
    assertThat(output).doesNotContain(HTTP_TOKEN);
  }

  @BeforeEach
  void seed() {
    kube.reseed(BotStatefulSet.seedExample());
    discord.reset(gatewayBot(16, 1000, 1));
  }

  static HttpResponse<String> send(RecordedRequest request) {
    return invoker.send(request.method(), request.body(), request.headers());
  }

  static RecordedRequest scheduler() {
    return RecordedRequest.load("cloud-scheduler-http.json", HTTP_TOKEN);
  }

  static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  static JsonObject statefulSet() {
    return kube.getStatefulSet("discord", "bot");
  }

  static String env(String name) {
    return BotStatefulSet.env(statefulSet(), 0).get(name);
  }

  @Test
  void theCloudSchedulerJobScalesTheStatefulSet() {
    HttpResponse<String> response = send(scheduler());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(json(response).get("outcome").getAsString()).isEqualTo("SCALED");
    assertThat(json(response).get("requestReason").getAsString()).isEqualTo("scheduled");
    assertThat(env("SHARDS")).isEqualTo("16");
    assertThat(env("SHARDS_PER_BOT")).isEqualTo("4");
    assertThat(statefulSet().getAsJsonObject("spec").get("replicas").getAsInt()).isEqualTo(4);
    assertThat(discord.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bot " + BOT_TOKEN));
    assertThat(invoker.stdout()).contains("trigger json reason=\\\"scheduled\\\" overrides=false");
  }

  @Test
  void anEmptyBodyIsTheScheduledPass() {
    HttpResponse<String> response = send(scheduler().withBody(""));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).get("requestReason").getAsString()).isEqualTo("scheduled");
    assertThat(env("SHARDS")).isEqualTo("16");
  }

  @Test
  void onceTheRolloutIsDoneLaterPassesWriteNothing() {
    send(scheduler());
    kube.completeRollout("discord", "bot");
    HttpResponse<String> second = send(scheduler()); // may clear the scaler's rollout marker
    kube.clearRequests();

    HttpResponse<String> third = send(scheduler());

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(json(second).get("outcome").getAsString()).isEqualTo("UNCHANGED");
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(json(third).get("outcome").getAsString()).isEqualTo("UNCHANGED");
    assertThat(kube.writes()).isEmpty();
    assertThat(env("SHARDS")).isEqualTo("16");
  }

  @Test
  void aDryRunNeedsNoTokenAndWritesNothing() {
    HttpResponse<String> response = send(scheduler().withBody("{\"dryRun\":true}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("outcome").getAsString()).isEqualTo("DRY_RUN");
    assertThat(kube.writes()).isEmpty();
    assertThat(env("SHARDS")).isEqualTo("12");
  }

  @Test
  void anOverrideWithTheAdHocTokenScalesToTheRequestedCount() {
    HttpResponse<String> response = send(RecordedRequest.load("adhoc-override.json", HTTP_TOKEN));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(env("SHARDS")).isEqualTo("20");
    assertThat(json(response).get("requestReason").getAsString())
        .isEqualTo("launch day, ops ticket 42");
  }

  @Test
  void anOverrideWithOnlyTheIdentityTokenIsToldTheHeaderIsMissing() {
    HttpResponse<String> response = send(scheduler().withBody("{\"shards\":32}"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).get("message").getAsString())
        .contains("X-Shardscaler-Token")
        .contains("which is missing");
    assertThat(kube.requests()).isEmpty();
    assertThat(discord.requests()).isEmpty();
  }

  @Test
  void aDiscordFailureIs502AndWritesNothing() {
    discord.enqueue(DiscordFake.unauthorized());

    HttpResponse<String> response = send(scheduler());

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(json(response).get("reason").getAsString()).isEqualTo("DISCORD_UNAUTHORIZED");
    assertThat(kube.writes()).isEmpty();
    assertThat(response.body()).doesNotContain(BOT_TOKEN);
  }

  @Test
  void aMissingStatefulSetIs503() {
    kube.deleteStatefulSet("discord", "bot");

    HttpResponse<String> response = send(scheduler());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json(response).get("reason").getAsString()).isEqualTo("KUBERNETES_NOT_FOUND");
  }

  @Test
  void logsAreStructuredForCloudLogging() {
    send(scheduler());

    assertThat(invoker.stdoutLines())
        .isNotEmpty()
        .allSatisfy(
            line -> {
              JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
              assertThat(entry.has("severity")).as(line).isTrue();
              assertThat(entry.has("message")).as(line).isTrue();
            })
        .anyMatch(line -> line.contains("SCALED SCALED_UP"));
  }
}
