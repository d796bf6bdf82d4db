package dev.shardscaler.gcp;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.LogCapture;
import dev.shardscaler.testkit.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production path to the cluster with injected credentials instead of the metadata server: the
 * function (called directly) talking TLS to a GKE stand-in whose certificate is GKE_CLUSTER_CA,
 * while the test clock moves the token towards its expiry. Checks the bearer of every request.
 */
class GkeAccessIT {
  static final String BOT_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.gke_path_secret_token";

  final TestClock clock = new TestClock(Instant.parse("2026-11-28T12:00:00Z"));
  final ScriptedCredentials credentials = new ScriptedCredentials(clock, Duration.ofHours(1));
  final AtomicInteger credentialLookups = new AtomicInteger();
  GkeStandIn gke;
  DiscordFake discord;
  LogCapture logs;
  Map<String, String> env;

  @BeforeEach
  void start() {
    logs = new LogCapture();
    gke = new GkeStandIn();
    discord = new DiscordFake();
    discord.respondByDefault(gatewayBot(12, 1000, 1));
    env = new HashMap<>();
    env.put("BOT_TOKEN", BOT_TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("SCALER_RECOMMENDATION_TTL", "0");
    env.put("GKE_CLUSTER_ENDPOINT", gke.endpoint());
    env.put("GKE_CLUSTER_CA", gke.caBase64());
  }

  @AfterEach
  void stop() {
    assertThat(logs.lines())
        .noneMatch(line -> line.contains(BOT_TOKEN))
        .noneMatch(line -> line.contains("token-"));
    logs.close();
    gke.close();
    discord.close();
  }

  ScalerFunction function() {
    return new ScalerFunction(
        env,
        () -> {
          credentialLookups.incrementAndGet();
          return credentials;
        },
        clock);
  }

  static FakeHttp.Response scheduledPass(ScalerFunction function) throws IOException {
    FakeHttp.Response response = new FakeHttp.Response();
    function.service(
        FakeHttp.post("{\"reason\":\"scheduled\"}")
            .header("User-Agent", "Google-Cloud-Scheduler")
            .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln"),
        response);
    return response;
  }

  @Test
  void everyClusterRequestCarriesTheCurrentTokenAndARefreshedOneNearExpiry() throws IOException {
    ScalerFunction function = function();

    FakeHttp.Response first = scheduledPass(function);

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("outcome").getAsString()).isEqualTo("UNCHANGED");
    assertThat(gke.bearers()).isNotEmpty().containsOnly("Bearer token-1");

    gke.forgetRequests();
    clock.advance(Duration.ofMinutes(30));
    scheduledPass(function);
    assertThat(gke.bearers()).as("still valid: reused").isNotEmpty().containsOnly("Bearer token-1");

    gke.forgetRequests();
    clock.advance(Duration.ofMinutes(27)); // 3 minutes left: inside the 4-minute margin
    FakeHttp.Response third = scheduledPass(function);

    assertThat(third.status()).isEqualTo(200);
    assertThat(gke.bearers())
        .as("refreshed before expiry")
        .isNotEmpty()
        .containsOnly("Bearer token-2");
    assertThat(credentials.refreshes()).isEqualTo(2);
    assertThat(credentialLookups).as("built once, kept while warm").hasValue(1);
  }

  @Test
  void aScaleUpPatchesOverTlsWithTheToken() throws IOException {
    discord.respondByDefault(gatewayBot(16, 1000, 1));

    FakeHttp.Response response = scheduledPass(function());

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("outcome").getAsString()).isEqualTo("SCALED");
    assertThat(gke.patches())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getHeader("Authorization")).isEqualTo("Bearer token-1");
              assertThat(r.getHeader("Content-Type")).startsWith("application/json-patch+json");
              assertThat(r.getBodyAsString()).contains("\"value\":\"16\"");
            });
  }

  @Test
  void noTokenMeansNoRequestToTheClusterAnd503() throws IOException {
    credentials.failNextRefresh(new IOException("metadata server unavailable"));

    FakeHttp.Response response = scheduledPass(function());

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.json().get("reason").getAsString()).isEqualTo("KUBERNETES_UNAVAILABLE");
    assertThat(response.json().get("message").getAsString())
        .contains("could not get a Google access token");
    assertThat(gke.requests()).isEmpty();
  }

  @Test
  void withoutTheCaTheSelfSignedEndpointIsNotTrusted() throws IOException {
    env.remove("GKE_CLUSTER_CA");

    FakeHttp.Response response = scheduledPass(function());

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.json().get("reason").getAsString()).isEqualTo("KUBERNETES_UNAVAILABLE");
    assertThat(response.json().get("message").getAsString()).contains("PKIX");
    assertThat(gke.requests()).as("no request got through the TLS handshake").isEmpty();
  }

  @Test
  void missingCredentialsAre500NamingTheProblemAndTriedAgainNextTime() throws IOException {
    ScalerFunction function =
        new ScalerFunction(
            env,
            () -> {
              if (credentialLookups.incrementAndGet() == 1) {
                throw new IOException("Your default credentials were not found");
              }
              return credentials;
            },
            clock);

    FakeHttp.Response first = scheduledPass(function);
    int clusterRequestsAfterFirst = gke.requests().size();
    FakeHttp.Response second = scheduledPass(function);

    assertThat(first.status()).isEqualTo(500);
    assertThat(clusterRequestsAfterFirst).isZero();
    assertThat(first.json().get("message").getAsString())
        .contains("no Google credentials for the GKE API server")
        .contains("Your default credentials were not found");
    assertThat(second.status()).isEqualTo(200);
  }
}
