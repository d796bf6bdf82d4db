package dev.shardscaler.knative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.shardscaler.testkit.DiscordFake.cloudflareBan;
import static dev.shardscaler.testkit.DiscordFake.forbidden;
import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static dev.shardscaler.testkit.DiscordFake.json;
import static dev.shardscaler.testkit.DiscordFake.rateLimited;
import static dev.shardscaler.testkit.DiscordFake.serverError;
import static dev.shardscaler.testkit.DiscordFake.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import dev.shardscaler.testkit.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The fault matrix: one row per failure, each through the real app over HTTP (or the one-shot mode
 * in-process for configuration rows). Every row asserts the status or exit code, a message naming
 * the problem, whether the cluster was written, and that the bot token appears in no log line and
 * no answer. The table lands in target/fault-matrix.md (copied into docs/RELIABILITY.md).
 */
class FaultMatrixIT {
  static final String BOT_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.fault_matrix_secret_token";
  static final String HTTP_TOKEN = "fault-matrix-http-token";
  static final String STS = "/apis/apps/v1/namespaces/discord/statefulsets/bot";
  static final String EVENTS = "/api/v1/namespaces/discord/events";
  static final List<String> TABLE = new ArrayList<>();

  static DiscordFake discord;
  static KubernetesFake kube;
  static WireMockServer api;
  static ConfigurableApplicationContext app;
  static String url;

  /** What came back: an HTTP status and body, or an exit code and the output. */
  record Answer(int status, String text) {}

  /**
   * @param arrange scripts Discord and the API server for the row
   * @param act sends the trigger
   * @param writes whether the row expects the StatefulSet to be written
   */
  record Row(
      String area,
      String name,
      Consumer<FaultMatrixIT> arrange,
      Function<FaultMatrixIT, Answer> act,
      int status,
      boolean writes,
      String message) {}

  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", BOT_TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_API_URL", "http://127.0.0.1:" + api.port());
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("SCALER_HTTP_TOKEN", HTTP_TOKEN);
    env.put("SCALER_RECOMMENDATION_TTL", "0");
    env.put("SCALER_MIN_INTERVAL", "0");
    env.put("SCALER_DISCORD_READ_TIMEOUT", "300ms");
    env.put("SCALER_DISCORD_MAX_RETRY_WAIT", "2s");
    env.put("SCALER_K8S_TIMEOUT", "1s");
    return env;
  }

  @BeforeAll
  static void start() {
    discord = new DiscordFake();
    kube = new KubernetesFake();
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    app = ShardscalerApplication.start(env(), "--server.port=0");
    url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() throws IOException {
    app.close();
    api.stop();
    kube.close();
    discord.close();
    Path table = Path.of("target", "fault-matrix.md");
    List<String> lines = new ArrayList<>();
    lines.add("| area | case | status / exit | cluster written | message contains |");
    lines.add("|---|---|---|---|---|");
    lines.addAll(TABLE);
    Files.write(table, lines, StandardCharsets.UTF_8);
  }

  @BeforeEach
  void reset() {
    api.resetAll();
    // By default the API server is the CRUD fake behind a transparent proxy; rows stub over it.
    api.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(kube.url())));
    kube.reseed(BotStatefulSet.seedExample());
    discord.reset(gatewayBot(16, 1000, 1));
  }

  // ---- actions -----------------------------------------------------------------------------

  static Function<FaultMatrixIT, Answer> scheduled() {
    return post("{\"reason\":\"scheduled\"}", null);
  }

  static Function<FaultMatrixIT, Answer> post(String body, String authorization) {
    return send("POST", body, "application/json", authorization);
  }

  static Function<FaultMatrixIT, Answer> send(
      String method, String body, String contentType, String authorization) {
    return test -> {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url + "/"))
              .method(method, HttpRequest.BodyPublishers.ofString(body))
              .header("Content-Type", contentType);
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      try {
        HttpResponse<String> response =
            HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** One pass of the one-shot mode, in-process, with some keys changed. */
  static Function<FaultMatrixIT, Answer> oneShot(Map<String, String> changes) {
    return test -> {
      Map<String, String> env = env();
      changes.forEach(
          (key, value) -> {
            if (value == null) {
              env.remove(key);
            } else {
              env.put(key, value);
            }
          });
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit =
          OneShot.run(
              env,
              List.of("--once"),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(out, true, StandardCharsets.UTF_8));
      return new Answer(exit, out.toString(StandardCharsets.UTF_8));
    };
  }

  // ---- arrangements ------------------------------------------------------------------------

  static Consumer<FaultMatrixIT> discordAnswers(DiscordFake.Response... responses) {
    return test -> discord.enqueue(responses);
  }

  static Consumer<FaultMatrixIT> apiAnswers(
      com.github.tomakehurst.wiremock.client.MappingBuilder request, int status) {
    return test ->
        api.stubFor(
            request
                .atPriority(1)
                .willReturn(
                    aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                                + "\"code\":"
                                + status
                                + ",\"message\":\"scripted "
                                + status
                                + "\"}")));
  }

  static Consumer<FaultMatrixIT> nothing() {
    return test -> {};
  }

  static DiscordFake.Response gatewayBody(String shards) {
    return json(
        200,
        "{\"url\":\"wss://gateway.discord.gg\",\"shards\":"
            + shards
            + ",\"session_start_limit\":{\"total\":1000,\"remaining\":999,\"reset_after\":1000,"
            + "\"max_concurrency\":1}}");
  }

  static Row row(
      String area,
      String name,
      Consumer<FaultMatrixIT> arrange,
      Function<FaultMatrixIT, Answer> act,
      int status,
      boolean writes,
      String message) {
    return new Row(area, name, arrange, act, status, writes, message);
  }

  static Stream<Arguments> rows() {
    String bearer = "Bearer " + HTTP_TOKEN;
    DiscordFake.Response slow = gatewayBot(16, 1000, 1).withDelay(Duration.ofSeconds(1));
    return Stream.of(
            // Discord
            row(
                "Discord",
                "401 invalid token",
                discordAnswers(unauthorized()),
                scheduled(),
                502,
                false,
                "check BOT_TOKEN"),
            row("Discord", "403", discordAnswers(forbidden()), scheduled(), 502, false, "HTTP 403"),
            row(
                "Discord",
                "429 short, then OK",
                discordAnswers(rateLimited(0.2)),
                scheduled(),
                200,
                true,
                "SCALED_UP"),
            row(
                "Discord",
                "429 short twice",
                discordAnswers(rateLimited(0.2), rateLimited(0.2)),
                scheduled(),
                502,
                false,
                "again after one wait"),
            row(
                "Discord",
                "429 long",
                discordAnswers(rateLimited(3600)),
                scheduled(),
                502,
                false,
                "longer than SCALER_DISCORD_MAX_RETRY_WAIT"),
            row(
                "Discord",
                "429 without rate-limit headers (Cloudflare ban)",
                discordAnswers(cloudflareBan()),
                scheduled(),
                502,
                false,
                "Cloudflare"),
            row(
                "Discord",
                "500 three times",
                discordAnswers(serverError(500), serverError(500), serverError(500)),
                scheduled(),
                502,
                false,
                "HTTP 500 (after 3 attempts)"),
            row(
                "Discord",
                "502 three times",
                discordAnswers(serverError(502), serverError(502), serverError(502)),
                scheduled(),
                502,
                false,
                "HTTP 502 (after 3 attempts)"),
            row(
                "Discord",
                "503 three times",
                discordAnswers(serverError(503), serverError(503), serverError(503)),
                scheduled(),
                502,
                false,
                "HTTP 503 (after 3 attempts)"),
            row(
                "Discord",
                "503 once, then OK",
                discordAnswers(serverError(503)),
                scheduled(),
                200,
                true,
                "SCALED_UP"),
            row(
                "Discord",
                "timeout three times",
                discordAnswers(slow, slow, slow),
                scheduled(),
                502,
                false,
                "did not answer GET /gateway/bot within 300 ms"),
            row(
                "Discord",
                "connection refused",
                nothing(),
                oneShot(
                    Map.of(
                        "DISCORD_API_BASE_URL", "http://127.0.0.1:" + closedPort() + "/api/v10")),
                1,
                false,
                "could not reach Discord"),
            row(
                "Discord",
                "garbage JSON",
                discordAnswers(json(200, "<html>oops</html>")),
                scheduled(),
                502,
                false,
                "body is not a JSON object"),
            row(
                "Discord",
                "missing fields",
                discordAnswers(json(200, "{\"url\":\"wss://x\"}")),
                scheduled(),
                502,
                false,
                "field \\\"shards\\\" must be an integer"),
            row(
                "Discord",
                "shards 0",
                discordAnswers(gatewayBody("0")),
                scheduled(),
                502,
                false,
                "got 0"),
            row(
                "Discord",
                "shards negative",
                discordAnswers(gatewayBody("-16")),
                scheduled(),
                502,
                false,
                "got -16"),
            row(
                "Discord",
                "shards huge",
                discordAnswers(gatewayBody("50000000")),
                scheduled(),
                502,
                false,
                "got 50000000"),
            row(
                "Discord",
                "budget too small (guard)",
                discordAnswers(gatewayBot(16, 1000, 20, 3_600_000, 1)),
                scheduled(),
                200,
                false,
                "IDENTIFY_BUDGET"),
            // Kubernetes
            row(
                "Kubernetes",
                "403 on GET",
                apiAnswers(get(urlPathEqualTo(STS)), 403),
                scheduled(),
                503,
                false,
                "may not get statefulsets \\\"bot\\\""),
            row(
                "Kubernetes",
                "403 on PATCH",
                apiAnswers(patch(urlPathEqualTo(STS)), 403),
                scheduled(),
                503,
                false,
                "may not patch statefulsets"),
            row(
                "Kubernetes",
                "404 StatefulSet",
                test -> kube.deleteStatefulSet("discord", "bot"),
                scheduled(),
                503,
                false,
                "not found in namespace \\\"discord\\\""),
            row(
                "Kubernetes",
                "missing container",
                test -> kube.reseed(BotStatefulSet.seedExample().container("worker")),
                scheduled(),
                500,
                false,
                "no container \\\"bot\\\""),
            row(
                "Kubernetes",
                "409 twice",
                apiAnswers(patch(urlPathEqualTo(STS)), 409),
                scheduled(),
                503,
                false,
                "again after one re-read"),
            row(
                "Kubernetes",
                "409 once, then OK",
                test ->
                    api.stubFor(
                        patch(urlPathEqualTo(STS))
                            .atPriority(1)
                            .inScenario("conflict")
                            .whenScenarioStateIs(Scenario.STARTED)
                            .willReturn(aResponse().withStatus(409).withBody("{\"message\":\"x\"}"))
                            .willSetStateTo("conflicted")),
                scheduled(),
                200,
                true,
                "SCALED_UP"),
            row(
                "Kubernetes",
                "422 on PATCH",
                apiAnswers(patch(urlPathEqualTo(STS)), 422),
                scheduled(),
                503,
                false,
                "rejected the patch"),
            row(
                "Kubernetes",
                "500 on GET",
                apiAnswers(get(urlPathEqualTo(STS)), 500),
                scheduled(),
                503,
                false,
                "(HTTP 500)"),
            row(
                "Kubernetes",
                "timeout on GET",
                test ->
                    api.stubFor(
                        get(urlPathEqualTo(STS))
                            .atPriority(1)
                            .willReturn(aResponse().withFixedDelay(2500).proxiedFrom(kube.url()))),
                scheduled(),
                503,
                false,
                "could not reach the Kubernetes API"),
            row(
                "Kubernetes",
                "rollout in progress (guard; writes only its annotation)",
                test -> kube.reseed(BotStatefulSet.seedExample().rolloutInProgress()),
                scheduled(),
                200,
                true,
                "ROLLOUT_IN_PROGRESS"),
            row(
                "Kubernetes",
                "Event refused (best effort)",
                apiAnswers(
                    com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(EVENTS)),
                    403),
                scheduled(),
                200,
                true,
                "SCALED_UP"),
            // HTTP input
            row(
                "HTTP",
                "bad JSON",
                nothing(),
                post("{\"shards\":", null),
                400,
                false,
                "body is not valid JSON"),
            row(
                "HTTP",
                "wrong type: shards as a string",
                nothing(),
                post("{\"shards\":\"16\"}", bearer),
                400,
                false,
                "field \\\"shards\\\" must be an integer"),
            row(
                "HTTP",
                "wrong type: dryRun as a string",
                nothing(),
                post("{\"dryRun\":\"no\"}", null),
                400,
                false,
                "field \\\"dryRun\\\" must be true or false"),
            row(
                "HTTP",
                "unknown field",
                nothing(),
                post("{\"shard\":16}", bearer),
                400,
                false,
                "unknown field \\\"shard\\\""),
            row(
                "HTTP",
                "negative shards",
                nothing(),
                post("{\"shards\":-4}", bearer),
                400,
                false,
                "must be from 1 to 100000, got -4"),
            row(
                "HTTP",
                "zero shardsPerBot",
                nothing(),
                post("{\"shardsPerBot\":0}", bearer),
                400,
                false,
                "must be from 1 to 100000, got 0"),
            row(
                "HTTP",
                "huge number",
                nothing(),
                post("{\"shards\":1e12}", bearer),
                400,
                false,
                "field \\\"shards\\\" is out of range"),
            row(
                "HTTP",
                "retargeting field",
                nothing(),
                post("{\"namespace\":\"other\"}", bearer),
                400,
                false,
                "a request cannot retarget the scaler"),
            row(
                "HTTP",
                "oversize body",
                nothing(),
                post("{\"reason\":\"" + "x".repeat(17_000) + "\"}", null),
                400,
                false,
                "body is larger than 16384 bytes"),
            row(
                "HTTP",
                "override without token",
                nothing(),
                post("{\"shards\":32}", null),
                401,
                false,
                "need Authorization: Bearer"),
            row(
                "HTTP",
                "override with a wrong token",
                nothing(),
                post("{\"shards\":32}", "Bearer wrong"),
                401,
                false,
                "not valid"),
            row(
                "HTTP",
                "structured CloudEvent without id",
                nothing(),
                send(
                    "POST",
                    "{\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"/s\"}",
                    "application/cloudevents+json",
                    null),
                400,
                false,
                "CloudEvent attribute \\\"id\\\" is missing"),
            row(
                "HTTP",
                "GET",
                nothing(),
                send("GET", "", "application/json", null),
                405,
                false,
                "use POST"),
            row(
                "HTTP",
                "PUT",
                nothing(),
                send("PUT", "{}", "application/json", null),
                405,
                false,
                "use POST"),
            row(
                "HTTP",
                "override with the token (control)",
                nothing(),
                post("{\"shards\":20}", bearer),
                200,
                true,
                "requested 20"),
            // Settings
            row(
                "Settings",
                "missing BOT_TOKEN",
                nothing(),
                oneShot(nullValue("BOT_TOKEN")),
                2,
                false,
                "missing required parameter \"BOT_TOKEN\""),
            row(
                "Settings",
                "K8S_SHARDS_PER_BOT=zero",
                nothing(),
                oneShot(Map.of("K8S_SHARDS_PER_BOT", "zero")),
                2,
                false,
                "K8S_SHARDS_PER_BOT must be an integer from 1 to 100000, got \"zero\""),
            row(
                "Settings",
                "K8S_SCALEUP=maybe",
                nothing(),
                oneShot(Map.of("K8S_SCALEUP", "maybe")),
                2,
                false,
                "K8S_SCALEUP must be 1 or 0"),
            row(
                "Settings",
                "SCALER_SCALEDOWN_WINDOW=a day",
                nothing(),
                oneShot(Map.of("SCALER_SCALEDOWN_WINDOW", "a day")),
                2,
                false,
                "SCALER_SCALEDOWN_WINDOW must be a duration"),
            row(
                "Settings",
                "DISCORD_API_BASE_URL without scheme",
                nothing(),
                oneShot(Map.of("DISCORD_API_BASE_URL", "discord.com/api")),
                2,
                false,
                "DISCORD_API_BASE_URL must be an http(s) URL"),
            row(
                "Settings",
                "min > max shards",
                nothing(),
                oneShot(Map.of("SCALER_MIN_SHARDS", "50", "SCALER_MAX_SHARDS", "10")),
                2,
                false,
                "SCALER_MAX_SHARDS must be ≥ SCALER_MIN_SHARDS"),
            row(
                "Settings",
                "token with spaces",
                nothing(),
                oneShot(Map.of("BOT_TOKEN", "two words " + BOT_TOKEN)),
                2,
                false,
                "BOT_TOKEN must be a bot token without spaces"))
        .map(r -> Arguments.of(Named.of(r.area() + ": " + r.name(), r)));
  }

  static Map<String, String> nullValue(String key) {
    Map<String, String> changes = new HashMap<>();
    changes.put(key, null);
    return changes;
  }

  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void row(Row row) {
    row.arrange().accept(this);
    Answer answer;
    List<String> logLines;
    try (LogCapture logs = new LogCapture()) {
      answer = row.act().apply(this);
      logLines = logs.lines();
    }

    assertThat(answer.status()).as(answer.text()).isEqualTo(row.status());
    assertThat(answer.text()).contains(row.message());
    if (row.writes()) {
      assertThat(kube.writes()).as("the cluster was written").isNotEmpty();
    } else {
      assertThat(kube.writes()).as("no write reached the cluster").isEmpty();
    }
    assertThat(answer.text()).doesNotContain(BOT_TOKEN);
    assertThat(logLines).noneMatch(line -> line.contains(BOT_TOKEN));
    TABLE.add(
        "| "
            + row.area()
            + " | "
            + row.name()
            + " | "
            + row.status()
            + " | "
            + (row.writes() ? "yes" : "no")
            + " | `"
            + row.message().replace("\\\"", "\"").replace("|", "\\|")
            + "` |");
  }
}
