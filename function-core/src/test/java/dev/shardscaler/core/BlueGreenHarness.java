package dev.shardscaler.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.discord.HttpDiscordGateway;
import dev.shardscaler.core.discord.TestGateways;
import dev.shardscaler.core.kubernetes.Fleet;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.core.kubernetes.KubernetesFleet;
import dev.shardscaler.core.kubernetes.KubernetesStatefulSets;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import dev.shardscaler.testkit.LogCapture;
import dev.shardscaler.testkit.TestClock;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Blue/green passes of the real function over real HTTP: the Discord fake, the in-process
 * Kubernetes API server (the bot's set, its sibling, the switch ConfigMap), a test clock. Every
 * pass builds a new function, as a serverless pass would: nothing carries over but the cluster.
 */
final class BlueGreenHarness implements AutoCloseable {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.bluegreen_secret_token";
  static final String NS = "discord";
  static final String BOT = "bot";
  static final String SIBLING = "bot-b";
  static final String SWITCH = "bot-switch";

  final DiscordFake discord = new DiscordFake();
  final KubernetesFake kube = new KubernetesFake();
  final LogCapture logs = new LogCapture();
  final TestClock clock = new TestClock(Instant.parse("2026-11-28T12:00:00Z"));
  final Map<String, String> env = new HashMap<>();
  final List<ScaleResult> results = new ArrayList<>();
  UnaryOperator<Fleet> wrapFleet = UnaryOperator.identity();
  UnaryOperator<StatefulSets> wrapSets = UnaryOperator.identity();

  BlueGreenHarness() {
    env.put("BOT_TOKEN", TOKEN);
    env.put("K8S_NAMESPACE", NS);
    env.put("K8S_STATEFULSET", BOT);
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("SCALER_DISCORD_READ_TIMEOUT", "300ms");
    env.put("SCALER_K8S_TIMEOUT", "5s");
    env.put("SCALER_STRATEGY", "bluegreen");
    env.put("SCALER_ROLLOUT_TIMEOUT", "30m");
    env.put("SCALER_BLUEGREEN_PROPAGATION", "2m");
    env.put("SCALER_BLUEGREEN_GRACE", "10m");
    discord.respondByDefault(DiscordFake.gatewayBot(12, 1000, 1));
  }

  /** Seeds the bot's StatefulSet (12 shards, 3 pods × 4, Ready) and forgets the seeding. */
  BlueGreenHarness seed() {
    return seed(BotStatefulSet.seedExample());
  }

  BlueGreenHarness seed(BotStatefulSet statefulSet) {
    kube.createStatefulSet(statefulSet.toJson());
    kube.clearRequests();
    return this;
  }

  BlueGreenHarness recommend(int shards) {
    discord.respondByDefault(DiscordFake.gatewayBot(shards, 1000, 1));
    return this;
  }

  ScaleResult pass() {
    return pass(ScaleRequest.scheduled());
  }

  ScaleResult pass(ScaleRequest request) {
    ScaleResult result = function().apply(request);
    results.add(result);
    return result;
  }

  ScaleFunction function() {
    Settings settings = Settings.fromEnv(env);
    HttpDiscordGateway gateway = TestGateways.fast(settings, duration -> {}, clock);
    ApiClient client =
        KubernetesClients.forEndpoint(kube.url(), null, null, settings.kubernetesTimeout());
    return new ScaleFunction(
        settings,
        gateway,
        wrapSets.apply(new KubernetesStatefulSets(client, clock)),
        wrapFleet.apply(new KubernetesFleet(client)),
        clock);
  }

  void advance(Duration duration) {
    clock.advance(duration);
  }

  /** What the StatefulSet controller does once every pod of the set is up and Ready. */
  void ready(String name) {
    kube.completeRollout(NS, name);
  }

  JsonObject set(String name) {
    return kube.statefulSetOrNull(NS, name);
  }

  int replicas(String name) {
    return BotStatefulSet.replicas(set(name));
  }

  Map<String, String> env(String name) {
    return BotStatefulSet.env(set(name), 0);
  }

  /** The switch's data, or null when there is no switch. */
  Map<String, String> switchData() {
    return kube.configMapOrNull(NS, SWITCH) == null ? null : kube.configMapData(NS, SWITCH);
  }

  String active() {
    Map<String, String> data = switchData();
    return data == null ? null : data.get("active");
  }

  /** The switch's phase, or null when there is no switch. */
  String phase() {
    Map<String, String> data = switchData();
    return data == null ? null : data.get("phase");
  }

  /**
   * Runs passes, every set Ready after each and three minutes between them, until the switch is
   * steady on {@code name}; then forgets the requests made so far.
   */
  void runToSteadyOn(String name) {
    for (int i = 0; i < 12 && !(name.equals(active()) && "steady".equals(phase())); i++) {
      pass();
      ready(BOT);
      ready(SIBLING);
      advance(Duration.ofMinutes(3));
    }
    ready(BOT);
    kube.clearRequests();
    assertThat(active()).isEqualTo(name);
  }

  List<String> requestLines() {
    return kube.requests().stream().map(r -> r.method() + " " + r.path()).toList();
  }

  List<String> writeLines() {
    return kube.writes().stream()
        .filter(r -> !r.path().contains("/events"))
        .map(r -> r.method() + " " + r.path().replaceAll("\\?.*", ""))
        .toList();
  }

  List<JsonObject> events() {
    List<JsonObject> events = new ArrayList<>();
    kube.get("/api/v1/namespaces/" + NS + "/events")
        .getAsJsonArray("items")
        .forEach(item -> events.add(item.getAsJsonObject()));
    return events;
  }

  @Override
  public void close() {
    try {
      assertThat(logs.lines()).noneMatch(line -> line.contains(TOKEN));
      assertThat(results).allSatisfy(r -> assertThat(r.toJson()).doesNotContain(TOKEN));
    } finally {
      logs.close();
      kube.close();
      discord.close();
    }
  }
}
