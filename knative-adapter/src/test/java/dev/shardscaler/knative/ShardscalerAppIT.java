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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/** The real app on a random port, triggered over HTTP, against the testkit fakes. */
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
    url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
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

  static Stream<Arguments> refused() {
    String big = "{\"reason\":\"" + "x".repeat(20_000) + "\"}";
    return Stream.of(
        Arguments.of("bad JSON", "{\"shards\": 16,", null, 400, "body is not valid JSON"),
        Arguments.of("JSON array", "[1,2]", null, 400, "must be a JSON object"),
        Arguments.of(
            "wrong type",
            "{\"dryRun\":\"yes\"}",
            null,
            400,
            "field \"dryRun\" must be true or false, got \"yes\""),
        Arguments.of(
            "unknown field",
            "{\"shard\":16}",
            "Bearer " + HTTP_TOKEN,
            400,
            "unknown field \"shard\""),
        Arguments.of(
            "negative number",
            "{\"shards\":-1}",
            "Bearer " + HTTP_TOKEN,
            400,
            "must be from 1 to 100000, got -1"),
        Arguments.of(
            "huge number",
            "{\"shards\":99999999999}",
            "Bearer " + HTTP_TOKEN,
            400,
            "field \"shards\" is out of range"),
        Arguments.of("oversize body", big, null, 400, "body is larger than 16384 bytes"),
        Arguments.of(
            "override without token", "{\"shards\":32}", null, 401, "need Authorization: Bearer"),
        Arguments.of(
            "override with a wrong token",
            "{\"shards\":32}",
            "Bearer nope",
            401,
            "the override token is not valid"),
        Arguments.of(
            "a real run without token", "{\"dryRun\":false}", null, 401, "need Authorization"),
        Arguments.of(
            "another target, even with the token",
            "{\"statefulSet\":\"other\"}",
            "Bearer " + HTTP_TOKEN,
            400,
            "cannot retarget the scaler"));
  }

  @ParameterizedTest(name = "{0} → {3}")
  @MethodSource("refused")
  void badRequestsAreRefusedWithoutAWrite(
      String name, String body, String authorization, int status, String message) {
    HttpResponse<String> response = post("/", body, authorization);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(json(response).get("message").getAsString()).contains(message);
    assertThat(kube.requests()).isEmpty();
    assertThat(discord.requests()).isEmpty();
    if (status == 401) {
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"shardscaler\"");
    }
  }

  @Test
  void otherMethodsGet405WithAllow() throws Exception {
    for (String method : new String[] {"GET", "PUT", "DELETE"}) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/"))
                      .method(method, HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }
    assertThat(kube.requests()).isEmpty();
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
  }

  HttpResponse<String> get(String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
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
