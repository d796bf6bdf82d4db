package dev.shardscaler.knative;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import dev.shardscaler.testkit.LogCapture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real app on a random port, triggered over HTTP with recorded events, against the testkit
 * fakes; the Knative-only parts (probes, readiness on a broken configuration). The contract itself
 * is {@link KnativeConformanceIT}.
 */
class ShardscalerAppIT {
  static final String BOT_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.knative_app_secret_token";
  static final String HTTP_TOKEN = "ad-hoc-secret-0123456789";

  static DiscordFake discord;
  static KubernetesFake kube;
  static ConfigurableApplicationContext app;
  static String url;
  LogCapture logs;

  static Map<String, String> env(String discordUrl, String kubeUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", BOT_TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_API_URL", kubeUrl);
    env.put("DISCORD_API_BASE_URL", discordUrl);
    env.put("SCALER_HTTP_TOKEN", HTTP_TOKEN);
    env.put("SCALER_RECOMMENDATION_TTL", "0");
    env.put("SCALER_MIN_INTERVAL", "0");
    return env;
  }

  @BeforeAll
  static void startApp() {
    discord = new DiscordFake();
    kube = new KubernetesFake();
    app = ShardscalerApplication.start(env(discord.baseUrl(), kube.url()), "--server.port=0");
    url = urlOf(app);
  }

  @AfterAll
  static void stopApp() {
    app.close();
    kube.close();
    discord.close();
  }

  @BeforeEach
  void seed() {
    logs = new LogCapture();
    kube.reseed(BotStatefulSet.seedExample());
    discord.reset(gatewayBot(16, 1000, 1));
  }

  @AfterEach
  void noTokenInLogs() {
    assertThat(logs.lines()).noneMatch(line -> line.contains(BOT_TOKEN));
    // Tomcat dumps raw request bytes at DEBUG (off in the shipped LogSetup); nothing else may
    // show the caller's bearer token.
    assertThat(logs.lines())
        .filteredOn(line -> !line.startsWith("DEBUG org.apache.coyote"))
        .noneMatch(line -> line.contains(HTTP_TOKEN));
    logs.close();
  }

  static String urlOf(ConfigurableApplicationContext started) {
    return "http://127.0.0.1:" + started.getEnvironment().getProperty("local.server.port");
  }

  static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  static String shards() {
    return BotStatefulSet.env(kube.getStatefulSet("discord", "bot"), 0).get("SHARDS");
  }

  @Test
  void aPingSourceBinaryEventRunsThePass() {
    HttpResponse<String> response = RecordedEvent.load("pingsource-binary.json").post(url + "/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("outcome").getAsString()).isEqualTo("SCALED");
    assertThat(json(response).get("requestReason").getAsString()).isEqualTo("scheduled");
    assertThat(shards()).isEqualTo("16");
    assertThat(logs.lines())
        .anyMatch(
            line ->
                line.contains("trigger cloudevent-binary")
                    && line.contains("dev.knative.sources.ping"));
  }

  @Test
  void aStructuredCloudEventIsUnwrapped() {
    HttpResponse<String> response =
        RecordedEvent.load("pingsource-structured.json").post(url + "/");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).get("outcome").getAsString()).isEqualTo("SCALED");
    assertThat(shards()).isEqualTo("16");
    assertThat(logs.lines()).anyMatch(line -> line.contains("trigger cloudevent-structured"));
  }

  @Test
  void aPlainJsonDryRunNeedsNoTokenAndWritesNothing() {
    HttpResponse<String> response = post("/scale", "{\"dryRun\":true}", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("outcome").getAsString()).isEqualTo("DRY_RUN");
    assertThat(kube.writes()).isEmpty();
    assertThat(shards()).isEqualTo("12");
  }

  @Test
  void anOverrideWithTheTokenScalesToTheRequestedCount() {
    RecordedEvent event =
        RecordedEvent.load("adhoc-override.json")
            .withHeader("Authorization", "Bearer " + HTTP_TOKEN);

    HttpResponse<String> response = event.post(url + "/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(shards()).isEqualTo("20");
    assertThat(json(response).get("requestReason").getAsString())
        .isEqualTo("launch day, ops ticket 42");
  }

  @Test
  void aDiscordFailureIs502AndWritesNothing() {
    discord.enqueue(DiscordFake.unauthorized());

    HttpResponse<String> response = post("/", "", null);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(json(response).get("reason").getAsString()).isEqualTo("DISCORD_UNAUTHORIZED");
    assertThat(kube.writes()).isEmpty();
  }

  @Test
  void aClusterFailureIs503() {
    kube.deleteStatefulSet("discord", "bot");

    HttpResponse<String> response = post("/", "{}", null);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json(response).get("reason").getAsString()).isEqualTo("KUBERNETES_NOT_FOUND");
  }

  @Test
  void healthEndpointsAnswerForKnativeProbes() {
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(get("/actuator/health").body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(kube.requests()).isEmpty();
  }

  @Test
  void aBrokenConfigurationFailsReadinessNotLiveness() {
    Map<String, String> env = env(discord.baseUrl(), kube.url());
    env.put("K8S_SHARDS_PER_BOT", "zero");
    env.put("SCALER_MAX_SHARDS", "-3");
    ConfigurableApplicationContext broken;
    List<String> startLog;
    try (LogCapture startup = new LogCapture()) {
      broken = ShardscalerApplication.start(env, "--server.port=0");
      startLog = startup.lines();
    }
    String brokenUrl = urlOf(broken);
    try {
      HttpResponse<String> readiness = get(brokenUrl, "/actuator/health/readiness");
      HttpResponse<String> liveness = get(brokenUrl, "/actuator/health/liveness");
      HttpResponse<String> pass = postTo(brokenUrl, "{\"reason\":\"scheduled\"}");

      assertThat(readiness.statusCode()).isEqualTo(503);
      assertThat(json(readiness).get("status").getAsString()).isEqualTo("DOWN");
      assertThat(json(readiness).getAsJsonArray("problems").toString())
          .contains("K8S_SHARDS_PER_BOT")
          .contains("SCALER_MAX_SHARDS");
      assertThat(liveness.statusCode()).isEqualTo(200);
      assertThat(pass.statusCode()).isEqualTo(500);
      assertThat(json(pass).getAsJsonArray("problems").toString())
          .contains("K8S_SHARDS_PER_BOT")
          .contains("SCALER_MAX_SHARDS");
      assertThat(startLog)
          .as("each problem on a line of its own, at start")
          .anyMatch(
              line -> line.contains("configuration problem: K8S_SHARDS_PER_BOT must be an integer"))
          .anyMatch(line -> line.contains("configuration problem: SCALER_MAX_SHARDS"))
          .anyMatch(line -> line.contains("readiness is DOWN"));
      assertThat(kube.requests()).isEmpty();
      assertThat(discord.requests()).isEmpty();
    } finally {
      broken.close();
    }
  }

  @Test
  void aMissingClusterConnectionFoundByTheFirstPassFailsReadinessFromThenOn() {
    Map<String, String> env = env(discord.baseUrl(), kube.url());
    env.remove("K8S_API_URL");
    env.put("KUBECONFIG", "/nonexistent/kubeconfig");
    ConfigurableApplicationContext broken = ShardscalerApplication.start(env, "--server.port=0");
    String brokenUrl = urlOf(broken);
    try {
      HttpResponse<String> before = get(brokenUrl, "/actuator/health/readiness");
      HttpResponse<String> pass = postTo(brokenUrl, "{}");
      HttpResponse<String> after = get(brokenUrl, "/actuator/health/readiness");

      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(pass.statusCode()).isEqualTo(500);
      assertThat(json(pass).get("message").getAsString()).contains("KUBECONFIG");
      assertThat(after.statusCode()).isEqualTo(503);
      assertThat(after.body()).contains("KUBECONFIG");
    } finally {
      broken.close();
    }
  }

  HttpResponse<String> get(String path) {
    return get(url, path);
  }

  static HttpResponse<String> get(String base, String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> postTo(String base, String body) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(base + "/"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> post(String path, String body, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
