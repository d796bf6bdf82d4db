package dev.shardscaler.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.discord.HttpDiscordGateway;
import dev.shardscaler.core.discord.TestGateways;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.core.kubernetes.KubernetesStatefulSets;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import dev.shardscaler.testkit.LogCapture;
import dev.shardscaler.testkit.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Whole passes of the real function over real HTTP: the Discord fake and an in-process Kubernetes
 * API server, a test clock, and every log line captured. Closing it checks that the bot token
 * appeared in no log line and no result.
 */
final class PassHarness implements AutoCloseable {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.harness_secret_token";
  static final String NS = "discord";

  final DiscordFake discord = new DiscordFake();
  final KubernetesFake kube = new KubernetesFake();
  final LogCapture logs = new LogCapture();
  final TestClock clock = new TestClock(Instant.parse("2026-11-28T12:00:00Z"));
  final Map<String, String> env = new HashMap<>();
  final List<ScaleResult> results = new ArrayList<>();
  private UnaryOperator<StatefulSets> wrap = UnaryOperator.identity();

  PassHarness() {
    env.put("BOT_TOKEN", TOKEN);
    env.put("K8S_NAMESPACE", NS);
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("SCALER_DISCORD_READ_TIMEOUT", "300ms");
    env.put("SCALER_K8S_TIMEOUT", "5s");
  }

  /** Seeds the StatefulSet and forgets the seeding requests. */
  PassHarness seed(BotStatefulSet statefulSet) {
    kube.createStatefulSet(statefulSet.toJson());
    kube.clearRequests();
    return this;
  }

  /** Puts a decorator between the function and the cluster (a lost answer, a conflict). */
  PassHarness wrapCluster(UnaryOperator<StatefulSets> decorator) {
    this.wrap = decorator;
    return this;
  }

  ScaleResult pass(ScaleRequest request) {
    Settings settings = Settings.fromEnv(env);
    HttpDiscordGateway gateway = TestGateways.fast(settings, duration -> {}, clock);
    StatefulSets cluster =
        wrap.apply(
            new KubernetesStatefulSets(
                KubernetesClients.forEndpoint(kube.url(), null, null, settings.kubernetesTimeout()),
                clock));
    ScaleResult result = new ScaleFunction(settings, gateway, cluster, clock).apply(request);
    results.add(result);
    return result;
  }

  ScaleResult scheduledPass() {
    return pass(ScaleRequest.scheduled());
  }

  JsonObject statefulSet() {
    return kube.getStatefulSet(NS, "bot");
  }

  Map<String, String> botEnv() {
    return BotStatefulSet.env(statefulSet(), 0);
  }

  int replicas() {
    return BotStatefulSet.replicas(statefulSet());
  }

  String annotation(String key) {
    JsonObject annotations =
        statefulSet().getAsJsonObject("metadata").getAsJsonObject("annotations");
    return annotations == null || !annotations.has(key) ? null : annotations.get(key).getAsString();
  }

  /** Writes the controller would make: finished rollout of the current spec. */
  void finishRollout() {
    kube.completeRollout(NS, "bot");
    kube.clearRequests();
  }

  List<KubernetesFake.ReceivedRequest> writes() {
    return kube.writes();
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
