package dev.shardscaler.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import dev.shardscaler.testkit.BotStatefulSet;
import java.util.List;

/**
 * A GKE API server stand-in: WireMock on HTTPS only, with the {@link TestTls} certificate (pass
 * {@link #caBase64()} as GKE_CLUSTER_CA), serving the seed's bot StatefulSet and accepting its
 * patch and Events. Records every request, with its Authorization header.
 */
final class GkeStandIn implements AutoCloseable {
  static final String STATEFULSET = "/apis/apps/v1/namespaces/discord/statefulsets/bot";

  final WireMockServer server;

  GkeStandIn() {
    TestTls tls = TestTls.get();
    server =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(tls.keyStore.toString())
                .keystoreType("PKCS12")
                .keystorePassword(TestTls.PASSWORD)
                .keyManagerPassword(TestTls.PASSWORD));
    server.start();
    String statefulSet = statefulSet().toString();
    server.stubFor(get(urlPathEqualTo(STATEFULSET)).willReturn(json(200, statefulSet)));
    server.stubFor(patch(urlPathEqualTo(STATEFULSET)).willReturn(json(200, statefulSet)));
    server.stubFor(
        post(urlPathEqualTo("/api/v1/namespaces/discord/events"))
            .willReturn(
                json(
                    201,
                    "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"e\","
                        + "\"namespace\":\"discord\"},\"involvedObject\":{}}")));
  }

  /** GKE_CLUSTER_ENDPOINT for it. */
  String endpoint() {
    return "https://127.0.0.1:" + server.httpsPort();
  }

  /** GKE_CLUSTER_CA for it, as gcloud prints a cluster CA (base64 of the PEM). */
  String caBase64() {
    return TestTls.get().certificateBase64();
  }

  List<LoggedRequest> requests() {
    return server.findAll(anyRequestedFor(anyUrl()));
  }

  List<LoggedRequest> patches() {
    return requests().stream().filter(r -> r.getMethod().getName().equals("PATCH")).toList();
  }

  /** The Authorization header of every request received. */
  List<String> bearers() {
    return requests().stream().map(r -> r.getHeader("Authorization")).toList();
  }

  void forgetRequests() {
    server.resetRequests();
  }

  static JsonObject statefulSet() {
    JsonObject statefulSet = BotStatefulSet.seedExample().toJson();
    JsonObject metadata = statefulSet.getAsJsonObject("metadata");
    metadata.addProperty("uid", "6f1c1d7e-0000-4000-8000-000000000001");
    metadata.addProperty("resourceVersion", "4711");
    metadata.addProperty("generation", 1);
    return statefulSet;
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  @Override
  public void close() {
    server.stop();
  }
}
