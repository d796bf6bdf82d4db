package dev.shardscaler.aws;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import dev.shardscaler.testkit.LogCapture;
import dev.shardscaler.testkit.TestClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Recorded Lambda events fed into the real {@link ScalerHandler#handleRequest} against the testkit
 * fakes: Discord over HTTP, the Kubernetes API server in-process (the EKS endpoint, reached with a
 * real EKS token signed by static credentials).
 */
class ScalerHandlerIT {
  static final String BOT_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.aws_handler_secret_token";
  static final String HTTP_TOKEN = "ad-hoc-secret-aws-0123456789";
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final String SIGV4 =
      "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEACCESSKEY/20261128/us-east-1/lambda/aws4_request,"
          + " SignedHeaders=host;x-amz-date, Signature=0123abcd";

  static DiscordFake discord;
  static KubernetesFake kube;
  final TestClock clock = new TestClock(NOW);
  final List<String> outputs = new ArrayList<>();
  LogCapture logs;

  /** The environment infra/aws gives the function, with the fakes as Discord and the cluster. */
  static Map<String, String> env(String discordUrl, String clusterEndpoint) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("EKS_CLUSTER_NAME", "bots");
    env.put("EKS_CLUSTER_ENDPOINT", clusterEndpoint);
    env.put("BOT_TOKEN", BOT_TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_SCALEUP", "1");
    env.put("K8S_SCALEDOWN", "0");
    env.put("DISCORD_API_BASE_URL", discordUrl);
    env.put("SCALER_RECOMMENDATION_TTL", "0");
    env.put("SCALER_MIN_INTERVAL", "0");
    return env;
  }

  static String eksToken(Instant at) {
    return new EksTokenSource("bots", "us-east-1", CREDENTIALS, new TestClock(at)).create(at);
  }

  @BeforeAll
  static void startFakes() {
    discord = new DiscordFake();
    kube = new KubernetesFake();
  }

  @AfterAll
  static void stopFakes() {
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
  void noSecretAnywhere() {
    List<String> seen = new ArrayList<>(logs.lines());
    seen.addAll(outputs);
    for (String secret : List.of(BOT_TOKEN, HTTP_TOKEN, eksToken(NOW), "k8s-aws-v1.")) {
      assertThat(seen).as("logs and answers").noneMatch(line -> line.contains(secret));
    }
    logs.close();
  }

  ScalerHandler handler(Map<String, String> env) {
    return new ScalerHandler(env, CREDENTIALS, clock);
  }

  ScalerHandler handler() {
    return handler(env(discord.baseUrl(), kube.url()));
  }

  Invoked invoke(ScalerHandler handler, byte[] event) {
    Invoked invoked = Invoked.run(handler, event);
    outputs.add(invoked.visible());
    return invoked;
  }

  Invoked invoke(byte[] event) {
    return invoke(handler(), event);
  }

  static JsonObject statefulSet() {
    return kube.getStatefulSet("discord", "bot");
  }

  static String env(String name) {
    return BotStatefulSet.env(statefulSet(), 0).get(name);
  }

  static int replicas() {
    return statefulSet().getAsJsonObject("spec").get("replicas").getAsInt();
  }

  // ---- scheduled and direct invocations ------------------------------------------------------

  @Test
  void theSchedulerInputScalesTheStatefulSet() {
    Invoked invoked = invoke(TestEvents.bytes("scheduler-input.json"));

    JsonObject result = invoked.json();
    assertThat(result.get("outcome").getAsString()).isEqualTo("SCALED");
    assertThat(result.get("requestReason").getAsString()).isEqualTo("scheduled");
    assertThat(env("SHARDS")).isEqualTo("16");
    assertThat(env("SHARDS_PER_BOT")).isEqualTo("4");
    assertThat(replicas()).isEqualTo(4);
    assertThat(kube.writes()).isNotEmpty();
    assertThat(discord.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bot " + BOT_TOKEN));
    assertThat(logs.lines())
        .anyMatch(line -> line.contains("trigger event reason=\"scheduled\""))
        .anyMatch(line -> line.contains("SCALED SCALED_UP"));
  }

  @Test
  void anEventBridgeRuleScheduledEventRunsTheScheduledPass() {
    Invoked invoked = invoke(TestEvents.bytes("scheduled-event.json"));

    assertThat(invoked.json().get("outcome").getAsString()).isEqualTo("SCALED");
    assertThat(invoked.json().get("requestReason").getAsString()).isEqualTo("scheduled");
    assertThat(env("SHARDS")).isEqualTo("16");
    assertThat(logs.lines())
        .anyMatch(
            line ->
                line.contains("trigger eventbridge aws.events \"Scheduled Event\"")
                    && line.contains("id=89d1a02d-5ec7-412e-82f5-13505f849b41"));
  }

  @Test
  void aScheduledEventWithARequestInItsDetailUsesIt() {
    JsonObject event = TestEvents.json("scheduled-event.json");
    JsonObject detail = new JsonObject();
    detail.addProperty("dryRun", true);
    event.add("detail", detail);

    Invoked invoked = invoke(TestEvents.utf8(event));

    assertThat(invoked.json().get("outcome").getAsString()).isEqualTo("DRY_RUN");
    assertThat(kube.writes()).isEmpty();
  }

  @Test
  void aDirectInvokeOfADryRunWritesNothing() {
    Invoked invoked = invoke("{\"dryRun\":true}".getBytes(StandardCharsets.UTF_8));

    assertThat(invoked.json().get("outcome").getAsString()).isEqualTo("DRY_RUN");
    assertThat(invoked.json().getAsJsonObject("desired").get("shards").getAsInt()).isEqualTo(16);
    assertThat(kube.writes()).isEmpty();
    assertThat(env("SHARDS")).isEqualTo("12");
  }

  @Test
  void anEmptyEventIsTheScheduledPass() {
    discord.respondByDefault(gatewayBot(12, 1000, 1));

    Invoked invoked = invoke(new byte[0]);

    assertThat(invoked.json().get("outcome").getAsString()).isEqualTo("UNCHANGED");
    assertThat(kube.writes()).isEmpty();
  }

  @Test
  void aBlockedPassIsAnAnswerNotAnError() {
    discord.respondByDefault(gatewayBot(8, 1000, 1));

    Invoked invoked = invoke(TestEvents.bytes("scheduler-input.json"));

    assertThat(invoked.json().get("outcome").getAsString()).isEqualTo("BLOCKED");
    assertThat(kube.writes()).isEmpty();
  }

  @Test
  void aFailedPassIsALambdaErrorWhoseMessageIsTheSummary() {
    discord.respondByDefault(DiscordFake.unauthorized());

    Invoked invoked = invoke(TestEvents.bytes("scheduler-input.json"));

    assertThat(invoked.error())
        .isInstanceOf(PassFailedException.class)
        .hasMessageStartingWith("FAILED DISCORD_UNAUTHORIZED");
    assertThat(((PassFailedException) invoked.error()).reason())
        .isEqualTo(Reason.DISCORD_UNAUTHORIZED);
    assertThat(invoked.output()).isEmpty();
    assertThat(kube.writes()).isEmpty();
    assertThat(logs.lines()).anyMatch(line -> line.contains("\"outcome\":\"FAILED\""));
  }

  @Test
  void aMissingStatefulSetIsALambdaError() {
    kube.deleteStatefulSet("discord", "bot");

    Invoked invoked = invoke(TestEvents.bytes("scheduled-event.json"));

    assertThat(invoked.error())
        .isInstanceOf(PassFailedException.class)
        .hasMessageStartingWith("FAILED KUBERNETES_NOT_FOUND");
  }

  /** An API server that answers 403 to everything and records the Authorization headers. */
  static final class ForbiddingApiServer implements AutoCloseable {
    final List<String> authorizations = new ArrayList<>();
    final HttpServer server;

    ForbiddingApiServer() throws java.io.IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            synchronized (authorizations) {
              authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            byte[] body =
                ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                        + "\"reason\":\"Forbidden\",\"code\":403}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> authorizations() {
      synchronized (authorizations) {
        return List.copyOf(authorizations);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void theClusterReceivesTheEksTokenAsBearer() throws Exception {
    try (ForbiddingApiServer apiServer = new ForbiddingApiServer()) {
      Invoked invoked = invoke(handler(env(discord.baseUrl(), apiServer.url())), "{}".getBytes());

      assertThat(invoked.error())
          .isInstanceOf(PassFailedException.class)
          .hasMessageStartingWith("FAILED KUBERNETES_FORBIDDEN");
      assertThat(apiServer.authorizations())
          .isNotEmpty()
          .allMatch(("Bearer " + eksToken(NOW))::equals);
    }
  }

  @Test
  void warmInvocationsReuseTheEksTokenUntilItIsTenMinutesOld() throws Exception {
    try (ForbiddingApiServer apiServer = new ForbiddingApiServer()) {
      ScalerHandler handler = handler(env(discord.baseUrl(), apiServer.url()));
      invoke(handler, "{}".getBytes());
      clock.advance(java.time.Duration.ofMinutes(9));
      invoke(handler, "{}".getBytes());
      int beforeRefresh = apiServer.authorizations().size();
      clock.advance(java.time.Duration.ofMinutes(2));
      invoke(handler, "{}".getBytes());

      List<String> seen = apiServer.authorizations();
      assertThat(seen.subList(0, beforeRefresh)).allMatch(("Bearer " + eksToken(NOW))::equals);
      assertThat(seen.subList(beforeRefresh, seen.size()))
          .isNotEmpty()
          .allMatch(("Bearer " + eksToken(NOW.plusSeconds(11 * 60)))::equals);
    }
  }

  static Stream<Arguments> unusableEvents() {
    return Stream.of(
        Arguments.of("not JSON", "{\"shards\": 16,", "the event is not valid JSON"),
        Arguments.of("an array", "[1,2]", "the event must be a JSON object"),
        Arguments.of("unknown field", "{\"shard\":16}", "unknown field \"shard\""),
        Arguments.of(
            "wrong type", "{\"dryRun\":\"yes\"}", "field \"dryRun\" must be true or false"),
        Arguments.of("out of range", "{\"shards\":0}", "must be from 1 to 100000, got 0"),
        Arguments.of(
            "bad detail",
            "{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                + "\"detail\":{\"shards\":\"many\"}}",
            "in \"detail\" of the EventBridge event: field \"shards\" must be an integer"),
        Arguments.of(
            "API Gateway v1",
            "{\"resource\":\"/\",\"httpMethod\":\"POST\",\"requestContext\":{},\"body\":null}",
            "payload format 1.0 is not supported"),
        Arguments.of(
            "HTTP payload without a method",
            "{\"version\":\"2.0\",\"rawPath\":\"/\",\"requestContext\":{\"http\":{}}}",
            "field \"requestContext.http.method\" is missing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableEvents")
  void anUnusableEventIsALambdaErrorNamingTheField(String name, String event, String message) {
    Invoked invoked = invoke(event.getBytes(StandardCharsets.UTF_8));

    assertThat(invoked.error())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message);
    assertThat(kube.requests()).isEmpty();
    assertThat(discord.requests()).isEmpty();
  }

  @Test
  void aBadConfigurationNamesEveryKeyBeforeAnyCall() {
    Map<String, String> env = env(discord.baseUrl(), kube.url());
    env.remove("EKS_CLUSTER_NAME");
    env.remove("K8S_STATEFULSET");
    env.put("K8S_SHARDS_PER_BOT", "zero");
    env.put("EKS_CLUSTER_ENDPOINT", "http://eks.example.com");
    env.put(
        "BOT_TOKEN_SECRET_ID", "arn:aws:secretsmanager:us-east-1:123456789012:secret:bot-AbCdEf");

    Invoked invoked = invoke(handler(env), TestEvents.bytes("scheduler-input.json"));

    assertThat(invoked.error()).isInstanceOf(ConfigException.class);
    assertThat(((ConfigException) invoked.error()).problems())
        .containsExactlyInAnyOrder(
            "missing required parameter \"EKS_CLUSTER_NAME\"",
            "EKS_CLUSTER_ENDPOINT must be an https URL (plain http only to a loopback address),"
                + " got \"http://eks.example.com\"",
            "set BOT_TOKEN_SECRET_ID or BOT_TOKEN, not both",
            "missing required parameter \"K8S_STATEFULSET\"",
            "K8S_SHARDS_PER_BOT must be an integer from 1 to 100000, got \"zero\"");
    assertThat(kube.requests()).isEmpty();
    assertThat(discord.requests()).isEmpty();
  }

  // ---- function URL -------------------------------------------------------------------------

  @Test
  void aFunctionUrlDryRunNeedsNoTokenAndWritesNothing() {
    Invoked invoked = invoke(TestEvents.bytes("function-url-dry-run.json"));

    assertThat(invoked.status()).isEqualTo(200);
    assertThat(invoked.header("content-type")).isEqualTo("application/json");
    assertThat(invoked.body().get("outcome").getAsString()).isEqualTo("DRY_RUN");
    assertThat(invoked.json().get("isBase64Encoded").getAsBoolean()).isFalse();
    assertThat(kube.writes()).isEmpty();
    assertThat(logs.lines())
        .anyMatch(
            line ->
                line.contains("function-url request=0a4a2bc9-6d1e-4c0e-9d2b-7f6c5e4d3b2a")
                    && line.contains("sourceIp=203.0.113.7"));
  }

  @Test
  void aBase64EncodedBodyIsDecoded() {
    Invoked invoked = invoke(TestEvents.bytes("function-url-base64.json"));

    assertThat(invoked.status()).as(invoked.output()).isEqualTo(200);
    assertThat(invoked.body().get("outcome").getAsString()).isEqualTo("DRY_RUN");
    assertThat(invoked.body().get("requestReason").getAsString())
        .isEqualTo("sent as a structured CloudEvent");
  }

  @Test
  void anIamAuthenticatedCallerMaySendOverridesWithoutAnyToken() {
    // an AWS_IAM function URL: Authorization is the caller's SigV4 signature, checked by Lambda
    JsonObject event =
        TestEvents.withHeader(
            TestEvents.json("function-url-override.json"), "authorization", SIGV4);

    Invoked invoked = invoke(TestEvents.utf8(event));

    assertThat(invoked.status()).as(invoked.output()).isEqualTo(200);
    assertThat(invoked.body().get("outcome").getAsString()).isEqualTo("SCALED");
    assertThat(invoked.body().get("requestReason").getAsString())
        .isEqualTo("launch day, ops ticket 42");
    assertThat(env("SHARDS")).isEqualTo("20");
    assertThat(replicas()).isEqualTo(5);
    assertThat(logs.lines())
        .anyMatch(line -> line.contains("caller=arn:aws:sts::123456789012:assumed-role/ops/ops"));
  }

  @Test
  void aFunctionUrlWithoutIamAuthRefusesOverridesSayingWhy() {
    // auth type NONE: Lambda sets requestContext.authorizer to null
    JsonObject event = TestEvents.json("function-url-override.json");
    event.getAsJsonObject("requestContext").add("authorizer", com.google.gson.JsonNull.INSTANCE);
    event = TestEvents.withHeader(event, "x-shardscaler-token", HTTP_TOKEN);

    Invoked invoked = invoke(TestEvents.utf8(event));

    assertThat(invoked.status()).isEqualTo(403);
    assertThat(invoked.body().get("message").getAsString())
        .contains("auth type NONE")
        .contains("AWS_IAM")
        .contains("X-Shardscaler-Token is not used on AWS");
    assertThat(kube.requests()).isEmpty();
    assertThat(discord.requests()).isEmpty();
  }

  @Test
  void aScheduledPassThroughAnUnauthenticatedUrlStillRuns() {
    JsonObject event = TestEvents.functionUrl("function-url-dry-run.json", "{}");
    event.getAsJsonObject("requestContext").add("authorizer", com.google.gson.JsonNull.INSTANCE);

    Invoked invoked = invoke(TestEvents.utf8(event));

    assertThat(invoked.status()).isEqualTo(200);
    assertThat(invoked.body().get("outcome").getAsString()).isEqualTo("SCALED");
  }

  @Test
  void aTokenInTheEnvironmentIsAConfigurationProblem() {
    Map<String, String> env = env(discord.baseUrl(), kube.url());
    env.put("SCALER_HTTP_TOKEN", HTTP_TOKEN);

    Invoked direct = invoke(handler(env), TestEvents.bytes("scheduler-input.json"));
    Invoked url = invoke(handler(env), TestEvents.bytes("function-url-dry-run.json"));

    assertThat(direct.error()).isInstanceOf(ConfigException.class);
    assertThat(((ConfigException) direct.error()).problems())
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("SCALER_HTTP_TOKEN is not used on AWS"));
    assertThat(url.status()).isEqualTo(500);
    assertThat(url.body().get("message").getAsString()).contains("SCALER_HTTP_TOKEN");
    assertThat(kube.requests()).isEmpty();
    assertThat(discord.requests()).isEmpty();
  }

  @Test
  void otherMethodsGet405WithAllow() {
    Invoked invoked = invoke(TestEvents.bytes("function-url-get.json"));

    assertThat(invoked.status()).isEqualTo(405);
    assertThat(invoked.header("allow")).isEqualTo("POST");
    assertThat(invoked.body().get("message").getAsString()).contains("GET is not allowed");
    assertThat(kube.writes()).isEmpty();
    assertThat(kube.requests()).isEmpty();
  }

  @Test
  void otherPathsGet404() {
    JsonObject event = TestEvents.withPath(TestEvents.json("function-url-dry-run.json"), "/admin");

    Invoked invoked = invoke(TestEvents.utf8(event));

    assertThat(invoked.status()).isEqualTo(404);
    assertThat(kube.requests()).isEmpty();
  }

  @Test
  void theScalePathIsServedToo() {
    JsonObject event = TestEvents.withPath(TestEvents.json("function-url-dry-run.json"), "/scale");

    assertThat(invoke(TestEvents.utf8(event)).status()).isEqualTo(200);
  }

  @Test
  void aBadlyEncodedBodyIs400() {
    JsonObject event = TestEvents.json("function-url-base64.json");
    event.addProperty("body", "not base64 at all!");

    Invoked invoked = invoke(TestEvents.utf8(event));

    assertThat(invoked.status()).isEqualTo(400);
    assertThat(invoked.body().get("message").getAsString())
        .contains("isBase64Encoded but is not valid base64");
  }

  @Test
  void aDiscordFailureOverHttpIs502AndWritesNothing() {
    discord.respondByDefault(DiscordFake.unauthorized());

    Invoked invoked = invoke(TestEvents.bytes("function-url-dry-run.json"));

    assertThat(invoked.error()).isNull();
    assertThat(invoked.status()).isEqualTo(502);
    assertThat(invoked.body().get("reason").getAsString()).isEqualTo("DISCORD_UNAUTHORIZED");
    assertThat(kube.writes()).isEmpty();
  }

  @Test
  void aClusterFailureOverHttpIs503() {
    kube.deleteStatefulSet("discord", "bot");

    Invoked invoked = invoke(TestEvents.bytes("function-url-dry-run.json"));

    assertThat(invoked.status()).isEqualTo(503);
    assertThat(invoked.body().get("reason").getAsString()).isEqualTo("KUBERNETES_NOT_FOUND");
  }

  @Test
  void aBadConfigurationOverHttpIs500NamingTheKeys() {
    Map<String, String> env = env(discord.baseUrl(), kube.url());
    env.remove("K8S_CONTAINER");

    Invoked invoked = invoke(handler(env), TestEvents.bytes("function-url-dry-run.json"));

    assertThat(invoked.status()).isEqualTo(500);
    assertThat(invoked.body().get("message").getAsString())
        .isEqualTo("missing required parameter \"K8S_CONTAINER\"");
    assertThat(kube.requests()).isEmpty();
  }
}
