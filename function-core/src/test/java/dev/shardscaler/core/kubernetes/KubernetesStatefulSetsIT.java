package dev.shardscaler.core.kubernetes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonObject;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScalerException;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client-java side against a scripted API server (WireMock): errors, bodies, headers. */
class KubernetesStatefulSetsIT {
  static final String PATH = "/apis/apps/v1/namespaces/discord/statefulsets/bot";
  static final Target TARGET = new Target("discord", "bot", "bot");
  static final EnvNames NAMES = new EnvNames("SHARDS", "SHARDS_PER_BOT");

  WireMockServer api;
  KubernetesStatefulSets statefulSets;

  @BeforeEach
  void start() {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    statefulSets =
        new KubernetesStatefulSets(
            KubernetesClients.forEndpoint(
                "http://127.0.0.1:" + api.port(), null, () -> "sa-token", Duration.ofSeconds(2)),
            Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    api.stop();
  }

  static String statefulSetJson(BotStatefulSet builder) {
    JsonObject json = builder.toJson();
    json.getAsJsonObject("metadata").addProperty("resourceVersion", "4711");
    json.getAsJsonObject("metadata").addProperty("uid", "0f3c");
    json.getAsJsonObject("metadata").addProperty("generation", 1);
    return json.toString();
  }

  static String status(int code, String reason, String message) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":"
        + code
        + ",\"reason\":\""
        + reason
        + "\",\"message\":\""
        + message
        + "\"}";
  }

  void serve(BotStatefulSet builder) {
    api.stubFor(
        get(PATH)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(statefulSetJson(builder))));
  }

  @Test
  void readsTheLayoutAndSendsTheBearerToken() {
    serve(BotStatefulSet.seedExample());

    Snapshot snapshot = statefulSets.read(TARGET, NAMES);

    assertThat(snapshot.state().current()).isEqualTo(new ShardCounts(12, 3, 4));
    assertThat(snapshot.resourceVersion()).isEqualTo("4711");
    assertThat(snapshot.shardsEnvIndex()).isEqualTo(1);
    assertThat(snapshot.perBotEnvIndex()).isEqualTo(2);
    assertThat(api.getAllServeEvents().get(0).getRequest().getHeader("Authorization"))
        .isEqualTo("Bearer sa-token");
  }

  @Test
  void patchesOnceWithResourceVersionEnvByIndexAndAnnotations() {
    serve(BotStatefulSet.seedExample().withSidecar());
    api.stubFor(
        patch(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(statefulSetJson(BotStatefulSet.seedExample()))));
    Snapshot snapshot = statefulSets.read(TARGET, NAMES);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(Markers.LAST_CHANGE, "2026-11-28T12:00:00Z 12→16");

    statefulSets.patch(snapshot, ShardCounts.of(16, 4), annotations, NAMES);

    api.verify(
        1,
        patchRequestedFor(urlPathEqualTo(PATH))
            .withQueryParam("fieldManager", equalTo("shardscaler"))
            .withHeader("Content-Type", containing("application/json-patch+json"))
            .withRequestBody(
                equalToJson(
                    """
            [
              {"op":"replace","path":"/metadata/resourceVersion","value":"4711"},
              {"op":"add","path":"/spec/replicas","value":4},
              {"op":"replace","path":"/spec/template/spec/containers/1/env/1",
               "value":{"name":"SHARDS","value":"16"}},
              {"op":"replace","path":"/spec/template/spec/containers/1/env/2",
               "value":{"name":"SHARDS_PER_BOT","value":"4"}},
              {"op":"add","path":"/metadata/annotations",
               "value":{"shardscaler.dev/last-change":"2026-11-28T12:00:00Z 12→16"}}
            ]""")));
  }

  static Stream<Arguments> readErrors() {
    return Stream.of(
        Arguments.of(401, Reason.KUBERNETES_FORBIDDEN, "did not accept the scaler's credentials"),
        Arguments.of(
            403,
            Reason.KUBERNETES_FORBIDDEN,
            "forbidden: the scaler's identity may not get statefulsets \"bot\" in namespace"
                + " \"discord\""),
        Arguments.of(
            404,
            Reason.KUBERNETES_NOT_FOUND,
            "StatefulSet \"bot\" not found in namespace \"discord\""),
        Arguments.of(500, Reason.KUBERNETES_UNAVAILABLE, "failed to get statefulsets"),
        Arguments.of(503, Reason.KUBERNETES_UNAVAILABLE, "(HTTP 503)"));
  }

  @ParameterizedTest(name = "GET → {0}")
  @MethodSource("readErrors")
  void translatesReadErrorsIntoOurWords(int code, Reason reason, String message) {
    api.stubFor(
        get(PATH)
            .willReturn(
                aResponse()
                    .withStatus(code)
                    .withHeader("Content-Type", "application/json")
                    .withBody(status(code, "Whatever", "server says " + code))));

    assertThatThrownBy(() -> statefulSets.read(TARGET, NAMES))
        .isInstanceOfSatisfying(
            KubernetesApiException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.status()).isEqualTo(code);
              assertThat(e.getMessage()).contains(message).contains("server says " + code);
            });
  }

  static Stream<Arguments> patchErrors() {
    return Stream.of(
        Arguments.of(403, Reason.KUBERNETES_FORBIDDEN, "may not patch statefulsets \"bot\""),
        Arguments.of(409, Reason.CONFLICT, "changed since it was read"),
        Arguments.of(422, Reason.KUBERNETES_REJECTED, "rejected the patch"),
        Arguments.of(500, Reason.KUBERNETES_UNAVAILABLE, "failed to patch"));
  }

  @ParameterizedTest(name = "PATCH → {0}")
  @MethodSource("patchErrors")
  void translatesPatchErrorsIntoOurWords(int code, Reason reason, String message) {
    serve(BotStatefulSet.seedExample());
    api.stubFor(
        patch(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(code)
                    .withHeader("Content-Type", "application/json")
                    .withBody(status(code, "Whatever", "server says " + code))));
    Snapshot snapshot = statefulSets.read(TARGET, NAMES);

    assertThatThrownBy(() -> statefulSets.patch(snapshot, ShardCounts.of(16, 4), Map.of(), NAMES))
        .isInstanceOfSatisfying(
            KubernetesApiException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).contains(message);
            });
  }

  @Test
  void aSlowApiServerTimesOut() {
    api.stubFor(
        get(PATH)
            .willReturn(
                aResponse()
                    .withFixedDelay(4000)
                    .withBody(statefulSetJson(BotStatefulSet.seedExample()))));

    assertThatThrownBy(() -> statefulSets.read(TARGET, NAMES))
        .isInstanceOfSatisfying(
            KubernetesApiException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.KUBERNETES_UNAVAILABLE);
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("could not reach the Kubernetes API");
            });
  }

  @Test
  void anEnvVarFromAReferenceIsRefusedByName() {
    String json =
        statefulSetJson(BotStatefulSet.seedExample())
            .replace(
                "{\"name\":\"SHARDS\",\"value\":\"12\"}",
                "{\"name\":\"SHARDS\",\"valueFrom\":{\"configMapKeyRef\":{\"name\":\"c\",\"key\":\"k\"}}}");
    api.stubFor(get(PATH).willReturn(aResponse().withBody(json)));

    assertThatThrownBy(() -> statefulSets.read(TARGET, NAMES))
        .isInstanceOf(ScalerException.class)
        .hasMessageContaining("env SHARDS of container \"bot\" in discord/bot")
        .hasMessageContaining("valueFrom");
  }

  @Test
  void aNonNumericEnvValueIsRefusedByName() {
    String json =
        statefulSetJson(BotStatefulSet.seedExample())
            .replace("\"value\":\"12\"", "\"value\":\"twelve\"");
    api.stubFor(get(PATH).willReturn(aResponse().withBody(json)));

    assertThatThrownBy(() -> statefulSets.read(TARGET, NAMES))
        .isInstanceOfSatisfying(
            ScalerException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INVALID_STATEFULSET);
              assertThat(e.getMessage())
                  .contains("must be an integer from 1 to 100000, got \"twelve\"");
            });
  }

  @Test
  void aFailedEventIsLoggedNotThrown() {
    serve(BotStatefulSet.seedExample());
    api.stubFor(
        post(urlPathEqualTo("/api/v1/namespaces/discord/events"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody(status(403, "Forbidden", "events is forbidden"))));
    Snapshot snapshot = statefulSets.read(TARGET, NAMES);

    try (LogCapture logs = new LogCapture()) {
      statefulSets.recordEvent(snapshot, false, "Resharded", "Resharded 12→16");

      assertThat(logs.lines())
          .anyMatch(
              line ->
                  line.contains("could not record the Event")
                      && line.contains("may not create events in namespace \"discord\""));
    }
    api.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/namespaces/discord/events")));
  }
}
