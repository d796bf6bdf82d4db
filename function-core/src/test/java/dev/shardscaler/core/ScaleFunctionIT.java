package dev.shardscaler.core;

import static dev.shardscaler.testkit.DiscordFake.cloudflareBan;
import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static dev.shardscaler.testkit.DiscordFake.json;
import static dev.shardscaler.testkit.DiscordFake.rateLimited;
import static dev.shardscaler.testkit.DiscordFake.serverError;
import static dev.shardscaler.testkit.DiscordFake.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.discord.HttpDiscordGateway;
import dev.shardscaler.core.discord.TestGateways;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.core.kubernetes.KubernetesStatefulSets;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import dev.shardscaler.testkit.LogCapture;
import dev.shardscaler.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole passes over real HTTP: the Discord fake and an in-process Kubernetes API server. */
class ScaleFunctionIT {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.whole_pass_secret_token";
  static final String NS = "discord";

  DiscordFake discord;
  KubernetesFake kube;
  LogCapture logs;
  TestClock clock = new TestClock(Instant.parse("2026-11-28T12:00:00Z"));
  List<Duration> waits = new ArrayList<>();
  Map<String, String> env = new HashMap<>();
  List<ScaleResult> results = new ArrayList<>();

  @BeforeEach
  void start() {
    logs = new LogCapture();
    discord = new DiscordFake();
    kube = new KubernetesFake();
    env.put("BOT_TOKEN", TOKEN);
    env.put("K8S_NAMESPACE", NS);
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("SCALER_DISCORD_READ_TIMEOUT", "300ms");
    env.put("SCALER_K8S_TIMEOUT", "5s");
  }

  @AfterEach
  void stop() {
    assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(TOKEN));
    assertThat(results).allSatisfy(result -> assertThat(result.toJson()).doesNotContain(TOKEN));
    logs.close();
    kube.close();
    discord.close();
  }

  ScaleFunction function() {
    return function(
        new KubernetesStatefulSets(
            KubernetesClients.forEndpoint(kube.url(), null, null, Duration.ofSeconds(5)), clock));
  }

  ScaleFunction function(StatefulSets statefulSets) {
    Settings settings = Settings.fromEnv(env);
    HttpDiscordGateway gateway = TestGateways.fast(settings, waits::add, clock);
    return new ScaleFunction(settings, gateway, statefulSets, clock);
  }

  ScaleResult pass(ScaleRequest request) {
    ScaleResult result = function().apply(request);
    results.add(result);
    return result;
  }

  ScaleResult scheduledPass() {
    return pass(ScaleRequest.scheduled());
  }

  JsonObject statefulSet() {
    return kube.getStatefulSet(NS, "bot");
  }

  static Map<String, String> env(JsonObject statefulSet, int container) {
    return BotStatefulSet.env(statefulSet, container);
  }

  static int replicas(JsonObject statefulSet) {
    return BotStatefulSet.replicas(statefulSet);
  }

  static String annotation(JsonObject statefulSet, String key) {
    JsonObject annotations = statefulSet.getAsJsonObject("metadata").getAsJsonObject("annotations");
    return annotations == null || !annotations.has(key) ? null : annotations.get(key).getAsString();
  }

  List<String> requestLines() {
    return kube.requests().stream().map(r -> r.method() + " " + r.path()).toList();
  }

  @Test
  void scalesUpWithOnePatchAndAnEvent() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.respondByDefault(gatewayBot(16, 1000, 1));

    ScaleResult result = scheduledPass();

    assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.SCALED);
    assertThat(result.reason()).isEqualTo(Reason.SCALED_UP);
    assertThat(result.current()).isEqualTo(new ShardCounts(12, 3, 4));
    assertThat(result.desired()).isEqualTo(new ShardCounts(16, 4, 4));
    assertThat(result.assignments())
        .map(Object::toString)
        .containsExactly("bot-0: 0-3", "bot-1: 4-7", "bot-2: 8-11", "bot-3: 12-15");
    assertThat(result.recommendation().shards()).isEqualTo(16);
    assertThat(result.recommendation().sessionStartLimit().remaining()).isEqualTo(1000);

    JsonObject after = statefulSet();
    assertThat(replicas(after)).isEqualTo(4);
    assertThat(env(after, 0))
        .containsEntry("SHARDS", "16")
        .containsEntry("SHARDS_PER_BOT", "4")
        .containsEntry("LOG_LEVEL", "info");
    assertThat(annotation(after, Markers.LAST_CHANGE)).isEqualTo("2026-11-28T12:00:00Z 12→16");

    assertThat(requestLines())
        .containsExactly(
            "GET /apis/apps/v1/namespaces/discord/statefulsets/bot",
            "PATCH /apis/apps/v1/namespaces/discord/statefulsets/bot?fieldManager=shardscaler",
            "POST /api/v1/namespaces/discord/events");
    KubernetesFake.ReceivedRequest patch = kube.requests().get(1);
    assertThat(patch.contentType()).startsWith("application/json-patch+json");
    JsonArray ops = JsonParser.parseString(patch.body()).getAsJsonArray();
    assertThat(ops.get(0).getAsJsonObject().get("path").getAsString())
        .isEqualTo("/metadata/resourceVersion");

    JsonObject event = JsonParser.parseString(kube.requests().get(2).body()).getAsJsonObject();
    assertThat(event.get("reason").getAsString()).isEqualTo("Resharded");
    assertThat(event.get("message").getAsString()).startsWith("Resharded 12→16 shards, 4 pods × 4");
    assertThat(event.getAsJsonObject("involvedObject").get("kind").getAsString())
        .isEqualTo("StatefulSet");
    assertThat(kube.get("/api/v1/namespaces/discord/events").getAsJsonArray("items"))
        .as("the Event was accepted by the API server")
        .hasSize(1);
    assertThat(discord.requests()).hasSize(1);
  }

  @Test
  void anUnchangedPassWritesNothing() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.respondByDefault(gatewayBot(12, 1000, 1));

    ScaleResult result = scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(result.reason()).isEqualTo(Reason.IN_SYNC);
    assertThat(requestLines())
        .containsExactly("GET /apis/apps/v1/namespaces/discord/statefulsets/bot");
    assertThat(discord.requests()).hasSize(1);
  }

  @Test
  void scaleDownIsRefusedByTheSwitchEvenThoughOnlyShardsWouldChange() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.respondByDefault(gatewayBot(8, 1000, 1));

    ScaleResult result = scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(result.reason()).isEqualTo(Reason.SCALE_DOWN_DISABLED);
    assertThat(result.message()).contains("K8S_SCALEDOWN=0");
    assertThat(kube.writes()).isEmpty();
    assertThat(env(statefulSet(), 0)).containsEntry("SHARDS", "12");
  }

  @Test
  void scaleDownWaitsForTheWindowThenGoesToThePeak() {
    env.put("K8S_SCALEDOWN", "1");
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());

    discord.respondByDefault(gatewayBot(8, 1000, 1));
    ScaleResult first = scheduledPass();
    assertThat(first.reason()).isEqualTo(Reason.SCALE_DOWN_STABILIZING);
    assertThat(first.retryAt()).isEqualTo("2026-11-29T12:00:00Z");
    JsonObject marked = statefulSet();
    assertThat(annotation(marked, Markers.SCALE_DOWN_SINCE)).isEqualTo("2026-11-28T12:00:00Z");
    assertThat(annotation(marked, Markers.SCALE_DOWN_PEAK))
        .as("the peak, and when a pass last looked")
        .isEqualTo("8 2026-11-28T12:00:00Z");
    assertThat(annotation(marked, "example.com/owner")).isNull();
    assertThat(replicas(marked)).isEqualTo(3);
    assertThat(kube.writes())
        .singleElement()
        .satisfies(w -> assertThat(w.body()).doesNotContain("/spec"));

    clock.advance(Duration.ofHours(12));
    discord.respondByDefault(gatewayBot(10, 1000, 1));
    assertThat(scheduledPass().reason()).isEqualTo(Reason.SCALE_DOWN_STABILIZING);
    assertThat(annotation(statefulSet(), Markers.SCALE_DOWN_PEAK)).startsWith("10 ");

    clock.advance(Duration.ofHours(13));
    discord.respondByDefault(gatewayBot(7, 1000, 1));
    ScaleResult last = scheduledPass();

    assertThat(last.outcome()).as(last.message()).isEqualTo(Outcome.SCALED);
    assertThat(last.reason()).isEqualTo(Reason.SCALED_DOWN);
    JsonObject after = statefulSet();
    assertThat(env(after, 0)).containsEntry("SHARDS", "10");
    assertThat(replicas(after)).isEqualTo(3);
    assertThat(annotation(after, Markers.SCALE_DOWN_SINCE)).isNull();
    assertThat(annotation(after, Markers.SCALE_DOWN_PEAK)).isNull();
    assertThat(annotation(after, Markers.LAST_CHANGE)).endsWith("12→10");
  }

  @Test
  void aNewShardsPerBotRepacksTheSameTotal() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.respondByDefault(gatewayBot(12, 1000, 1));

    ScaleResult result = pass(ScaleRequest.because("repack to 6 per pod").withShardsPerBot(6));

    assertThat(result.reason()).isEqualTo(Reason.REPACKED);
    assertThat(result.assignments())
        .map(Object::toString)
        .containsExactly("bot-0: 0-5", "bot-1: 6-11");
    JsonObject after = statefulSet();
    assertThat(replicas(after)).isEqualTo(2);
    assertThat(env(after, 0)).containsEntry("SHARDS", "12").containsEntry("SHARDS_PER_BOT", "6");
  }

  @Test
  void theIdentifyBudgetGuardBlocksAndSaysWhenItResets() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.respondByDefault(gatewayBot(16, 1000, 60, 3_600_000, 1));

    ScaleResult result = scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(result.reason()).isEqualTo(Reason.IDENTIFY_BUDGET);
    assertThat(result.retryAt()).isEqualTo("2026-11-28T13:00:00Z");
    assertThat(result.recommendation().sessionStartLimit().resetsAt())
        .isEqualTo("2026-11-28T13:00:00Z");
    assertThat(kube.writes()).isEmpty();
  }

  @Test
  void theRolloutGuardBlocksAndOnlyNotesWhenTheRolloutWasFirstSeen() {
    kube.createStatefulSet(BotStatefulSet.seedExample().rolloutInProgress().toJson());
    discord.respondByDefault(gatewayBot(16, 1000, 1));

    ScaleResult result = scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(result.reason()).isEqualTo(Reason.ROLLOUT_IN_PROGRESS);
    JsonObject after = statefulSet();
    assertThat(env(after, 0)).containsEntry("SHARDS", "12");
    assertThat(annotation(after, Markers.ROLLOUT_SINCE))
        .as("when, and which revision")
        .isEqualTo("2026-11-28T12:00:00Z bot-rev2");
    assertThat(kube.writes())
        .singleElement()
        .satisfies(w -> assertThat(w.body()).doesNotContain("/spec"));
  }

  @Test
  void aRolloutStuckPastTheTimeoutFailsWithAWarningEvent() {
    kube.createStatefulSet(
        BotStatefulSet.seedExample()
            .rolloutInProgress()
            .annotation(Markers.ROLLOUT_SINCE, "2026-11-28T11:00:00Z")
            .toJson());
    discord.respondByDefault(gatewayBot(12, 1000, 1));

    ScaleResult result = scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.reason()).isEqualTo(Reason.ROLLOUT_STUCK);
    assertThat(result.message()).contains("1h").contains("pod ordinal");
    List<KubernetesFake.ReceivedRequest> writes = kube.writes();
    assertThat(writes)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("/api/v1/namespaces/discord/events");
              assertThat(w.body()).contains("\"Warning\"").contains("RolloutStuck");
            });
  }

  @Test
  void aConcurrentChangeIsReadAgainAndPlannedOnce() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.respondByDefault(gatewayBot(16, 1000, 1));
    StatefulSets real =
        new KubernetesStatefulSets(
            KubernetesClients.forEndpoint(kube.url(), null, null, Duration.ofSeconds(5)), clock);

    ScaleResult result = function(new ConcurrentWriter(real, 1)).apply(ScaleRequest.scheduled());
    results.add(result);

    assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.SCALED);
    JsonObject after = statefulSet();
    assertThat(env(after, 0)).containsEntry("SHARDS", "16");
    assertThat(after.getAsJsonObject("metadata").getAsJsonObject("labels").get("touched"))
        .isNotNull();
    assertThat(requestLines()).filteredOn(line -> line.startsWith("GET")).hasSize(2);
    assertThat(requestLines()).filteredOn(line -> line.startsWith("PATCH")).hasSize(2);
    assertThat(discord.requests()).hasSize(1);
  }

  @Test
  void aSecondConflictFailsThePass() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.respondByDefault(gatewayBot(16, 1000, 1));
    StatefulSets real =
        new KubernetesStatefulSets(
            KubernetesClients.forEndpoint(kube.url(), null, null, Duration.ofSeconds(5)), clock);

    ScaleResult result = function(new ConcurrentWriter(real, 2)).apply(ScaleRequest.scheduled());
    results.add(result);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.reason()).isEqualTo(Reason.CONFLICT);
    assertThat(result.message()).contains("409").contains("again after one re-read");
    assertThat(env(statefulSet(), 0)).containsEntry("SHARDS", "12");
  }

  /** Lets someone else change the StatefulSet right before each of the first N patches. */
  final class ConcurrentWriter implements StatefulSets {
    private final StatefulSets delegate;
    private int interruptions;

    ConcurrentWriter(StatefulSets delegate, int interruptions) {
      this.delegate = delegate;
      this.interruptions = interruptions;
    }

    @Override
    public Snapshot read(Target target, EnvNames names) {
      return delegate.read(target, names);
    }

    @Override
    public void patch(
        Snapshot snapshot, ShardCounts layout, Map<String, String> annotations, EnvNames names) {
      if (interruptions-- > 0) {
        JsonObject patch =
            JsonParser.parseString(
                    "{\"metadata\":{\"labels\":{\"touched\":\"" + interruptions + "\"}}}")
                .getAsJsonObject();
        kube.mergePatchStatefulSet(NS, "bot", patch);
      }
      delegate.patch(snapshot, layout, annotations, names);
    }

    @Override
    public void recordEvent(Snapshot snapshot, boolean warning, String reason, String message) {
      delegate.recordEvent(snapshot, warning, reason, message);
    }
  }

  static Stream<Arguments> discordFailures() {
    return Stream.of(
        Arguments.of(Named.of("401", List.of(unauthorized())), Reason.DISCORD_UNAUTHORIZED),
        Arguments.of(
            Named.of("429 short, then 429 again", List.of(rateLimited(1), rateLimited(1))),
            Reason.DISCORD_RATE_LIMITED),
        Arguments.of(Named.of("429 long", List.of(rateLimited(7200))), Reason.DISCORD_RATE_LIMITED),
        Arguments.of(Named.of("Cloudflare ban", List.of(cloudflareBan())), Reason.DISCORD_BLOCKED),
        Arguments.of(
            Named.of(
                "5xx three times", List.of(serverError(500), serverError(502), serverError(503))),
            Reason.DISCORD_UNAVAILABLE),
        Arguments.of(
            Named.of(
                "timeout three times",
                List.of(
                    gatewayBot(16, 1000, 1).withDelay(Duration.ofSeconds(1)),
                    gatewayBot(16, 1000, 1).withDelay(Duration.ofSeconds(1)),
                    gatewayBot(16, 1000, 1).withDelay(Duration.ofSeconds(1)))),
            Reason.DISCORD_UNAVAILABLE),
        Arguments.of(
            Named.of("garbage JSON", List.of(json(200, "{\"shards\": 16, oops"))),
            Reason.DISCORD_BAD_RESPONSE));
  }

  @ParameterizedTest(name = "Discord {0} → FAILED, no write")
  @MethodSource("discordFailures")
  void aFailedDiscordCallNeverWrites(List<DiscordFake.Response> responses, Reason reason) {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.enqueue(responses.toArray(DiscordFake.Response[]::new));
    discord.respondByDefault(gatewayBot(16, 1000, 1));

    ScaleResult result = scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.reason()).isEqualTo(reason);
    assertThat(result.message()).isNotBlank().doesNotContain(TOKEN);
    assertThat(result.current()).isEqualTo(new ShardCounts(12, 3, 4));
    assertThat(result.desired()).isNull();
    assertThat(kube.writes()).isEmpty();
    assertThat(env(statefulSet(), 0)).containsEntry("SHARDS", "12");
  }

  @Test
  void aDryRunPlansEverythingAndWritesNothing() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.respondByDefault(gatewayBot(16, 1000, 1));

    ScaleResult result = pass(ScaleRequest.because("check").withDryRun(true));

    assertThat(result.outcome()).isEqualTo(Outcome.DRY_RUN);
    assertThat(result.reason()).isEqualTo(Reason.SCALED_UP);
    assertThat(result.dryRun()).isTrue();
    assertThat(result.desired()).isEqualTo(new ShardCounts(16, 4, 4));
    assertThat(kube.writes()).isEmpty();
  }

  @Test
  void missingEnvVarsAreAddedNotAnError() {
    kube.createStatefulSet(
        BotStatefulSet.seedExample().shards(null).shardsPerBot(null).replicas(1).toJson());
    discord.respondByDefault(gatewayBot(9, 1000, 1));

    ScaleResult result = scheduledPass();

    assertThat(result.reason()).as(result.message()).isEqualTo(Reason.INITIALIZED);
    JsonObject after = statefulSet();
    assertThat(env(after, 0))
        .containsEntry("SHARDS", "9")
        .containsEntry("SHARDS_PER_BOT", "4")
        .containsEntry("LOG_LEVEL", "info");
    assertThat(replicas(after)).isEqualTo(3);
  }

  @Test
  void theBotContainerIsFoundBesideASidecarAndConfiguredEnvNamesAreUsed() {
    env.put("SCALER_SHARDS_ENV", "SHARD_COUNT");
    env.put("SCALER_SHARDS_PER_BOT_ENV", "SHARDS_PER_POD");
    kube.createStatefulSet(
        BotStatefulSet.seedExample()
            .withSidecar()
            .envNames("SHARD_COUNT", "SHARDS_PER_POD")
            .toJson());
    discord.respondByDefault(gatewayBot(16, 1000, 1));

    assertThat(scheduledPass().reason()).isEqualTo(Reason.SCALED_UP);

    JsonObject after = statefulSet();
    assertThat(env(after, 1))
        .containsEntry("SHARD_COUNT", "16")
        .containsEntry("SHARDS_PER_POD", "4")
        .doesNotContainKey("SHARDS");
    JsonObject sidecar =
        after
            .getAsJsonObject("spec")
            .getAsJsonObject("template")
            .getAsJsonObject("spec")
            .getAsJsonArray("containers")
            .get(0)
            .getAsJsonObject();
    assertThat(sidecar.has("env")).isFalse();
  }

  @Test
  void aMissingContainerFailsNamingTheContainersThereWithoutAskingDiscord() {
    env.put("K8S_CONTAINER", "shard-runner");
    kube.createStatefulSet(BotStatefulSet.seedExample().withSidecar().toJson());

    ScaleResult result = scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.reason()).isEqualTo(Reason.INVALID_STATEFULSET);
    assertThat(result.message())
        .contains("no container \"shard-runner\"")
        .contains("[\"metrics\", \"bot\"]");
    assertThat(kube.writes()).isEmpty();
    assertThat(discord.requests()).isEmpty();
  }

  @Test
  void aMissingStatefulSetFailsNamingIt() {
    ScaleResult result = scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.reason()).isEqualTo(Reason.KUBERNETES_NOT_FOUND);
    assertThat(result.message()).contains("StatefulSet \"bot\" not found in namespace \"discord\"");
    assertThat(discord.requests()).isEmpty();
  }

  @Test
  void anInvalidRequestTouchesNothing() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());

    ScaleResult result = pass(ScaleRequest.because(null).withShards(-3).withShardsPerBot(0));

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.reason()).isEqualTo(Reason.INVALID_REQUEST);
    assertThat(result.message())
        .contains("\"shards\" must be from 1 to 100000, got -3")
        .contains("\"shardsPerBot\" must be from 1 to 100000, got 0");
    assertThat(kube.requests()).isEmpty();
    assertThat(discord.requests()).isEmpty();
  }

  @Test
  void theResultJsonHasTheDocumentedShape() {
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
    discord.respondByDefault(gatewayBot(16, 1000, 1));

    JsonObject json = JsonParser.parseString(scheduledPass().toJson()).getAsJsonObject();

    assertThat(json.keySet())
        .containsExactly(
            "outcome",
            "reason",
            "message",
            "dryRun",
            "target",
            "recommendation",
            "current",
            "desired",
            "assignments",
            "requestReason",
            "startedAt",
            "timings");
    assertThat(json.get("outcome").getAsString()).isEqualTo("SCALED");
    assertThat(json.getAsJsonObject("target").get("statefulSet").getAsString()).isEqualTo("bot");
    assertThat(json.getAsJsonObject("recommendation").getAsJsonObject("sessionStartLimit").keySet())
        .containsExactly("total", "remaining", "resetAfterMs", "resetsAt", "maxConcurrency");
    assertThat(json.getAsJsonArray("assignments").get(0).getAsJsonObject().keySet())
        .containsExactly("pod", "first", "last", "shards");
    assertThat(json.getAsJsonObject("timings").keySet())
        .containsExactly("kubernetesMs", "discordMs", "totalMs");
  }
}
