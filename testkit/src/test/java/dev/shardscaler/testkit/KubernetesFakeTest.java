package dev.shardscaler.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The fake behaves like an API server where the scaler relies on it. */
class KubernetesFakeTest {
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> jsonPatch(KubernetesFake kube, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(kube.url() + "/apis/apps/v1/namespaces/discord/statefulsets/bot"))
            .header("Content-Type", "application/json-patch+json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void keepsTheSeededStatusAndRecordsOnlyForeignRequests() {
    try (KubernetesFake kube = new KubernetesFake()) {
      JsonObject created = kube.createStatefulSet(BotStatefulSet.seedExample().toJson());

      assertThat(created.getAsJsonObject("status").get("currentRevision").getAsString())
          .isEqualTo("bot-rev1");
      assertThat(kube.requests()).isEmpty();
    }
  }

  @Test
  void refusesAPatchGuardedByAStaleResourceVersionWith409() throws Exception {
    try (KubernetesFake kube = new KubernetesFake()) {
      JsonObject created = kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
      String version = created.getAsJsonObject("metadata").get("resourceVersion").getAsString();
      String guarded =
          "[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"%s\"},"
              + "{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":%d}]";

      HttpResponse<String> first = jsonPatch(kube, guarded.formatted(version, 4));
      HttpResponse<String> stale = jsonPatch(kube, guarded.formatted(version, 5));

      assertThat(first.statusCode()).isLessThan(300);
      assertThat(stale.statusCode()).isEqualTo(409);
      JsonObject after = kube.getStatefulSet("discord", "bot");
      assertThat(after.getAsJsonObject("spec").get("replicas").getAsInt()).isEqualTo(4);
      assertThat(after.getAsJsonObject("metadata").get("generation").getAsLong()).isEqualTo(2);
      assertThat(kube.requests())
          .extracting(KubernetesFake.ReceivedRequest::method)
          .containsExactly("PATCH", "PATCH");
      assertThat(kube.requests().get(0).body()).contains("/spec/replicas");
    }
  }

  @Test
  void completingARolloutMatchesTheStatusToTheSpec() {
    try (KubernetesFake kube = new KubernetesFake()) {
      kube.createStatefulSet(BotStatefulSet.seedExample().rolloutInProgress().toJson());

      JsonObject status = kube.completeRollout("discord", "bot").getAsJsonObject("status");

      assertThat(status.get("currentRevision").getAsString())
          .isEqualTo(status.get("updateRevision").getAsString());
      assertThat(status.get("readyReplicas").getAsInt()).isEqualTo(3);
    }
  }
}
