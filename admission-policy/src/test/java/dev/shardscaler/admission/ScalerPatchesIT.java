package dev.shardscaler.admission;

import static dev.shardscaler.admission.StatefulSets.NAMESPACE;
import static dev.shardscaler.admission.StatefulSets.annotations;
import static dev.shardscaler.admission.StatefulSets.container;
import static dev.shardscaler.admission.StatefulSets.env;
import static dev.shardscaler.admission.StatefulSets.metadata;
import static dev.shardscaler.admission.StatefulSets.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.core.kubernetes.KubernetesStatefulSets;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.core.plan.ShardOverride;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of change the scaler makes, produced by the scaler's own client code ({@link
 * KubernetesStatefulSets}: read, one JSON Patch, one Event) against a recording API server over
 * HTTP, applied as the API server applies it, and then reviewed by the shipped policies with the
 * scaler's identity: each one is admitted.
 */
class ScalerPatchesIT {
  static final String SCALER = StatefulSetPolicyTest.SCALER;
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final EnvNames DEFAULT_NAMES = new EnvNames("SHARDS", "SHARDS_PER_BOT");

  private final Admission admission = new Admission();

  /** One pass's write: where it starts, what the scaler computes, and the params in force. */
  record Pass(
      JsonObject old,
      String container,
      EnvNames names,
      ShardCounts layout,
      BiFunction<Snapshot, Markers, Map<String, String>> annotations,
      Map<String, Object> params) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("passes")
  void theScalersPatchIsAdmitted(String name, Pass pass) throws Exception {
    JsonObject patched;
    String event;
    try (RecordingApiServer api = new RecordingApiServer(pass.old())) {
      KubernetesStatefulSets statefulSets =
          new KubernetesStatefulSets(
              KubernetesClients.forEndpoint(api.url(), null, null, Duration.ofSeconds(5)),
              Clock.fixed(NOW, ZoneOffset.UTC));
      Target target =
          new Target(NAMESPACE, metadata(pass.old()).get("name").getAsString(), pass.container());
      Snapshot snapshot = statefulSets.read(target, pass.names());
      Map<String, String> annotations =
          pass.annotations().apply(snapshot, snapshot.state().markers());
      statefulSets.patch(snapshot, pass.layout(), annotations, pass.names());
      statefulSets.recordEvent(snapshot, false, "Resharded", "a change, " + name);

      RecordingApiServer.Recorded patch = api.only("PATCH");
      assertThat(patch.contentType()).startsWith("application/json-patch+json");
      patched = JsonPatches.apply(patch.body(), pass.old());
      event = api.only("POST").body();
    }
    assertThat(patched).as("the pass wrote something").isNotEqualTo(pass.old());

    Verdict verdict =
        admission.review(
            Infra.statefulSetPolicy(),
            StatefulSetPolicyTest.update(SCALER, List.of(), patched, pass.old()),
            pass.params());
    Verdict eventVerdict =
        admission.review(
            Infra.eventPolicy(),
            EventPolicyTest.create(SCALER, JsonParser.parseString(event).getAsJsonObject()),
            pass.params());

    assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.ADMITTED);
    assertThat(eventVerdict.outcome()).as("%s", eventVerdict).isEqualTo(Verdict.Outcome.ADMITTED);
  }

  static Stream<Arguments> passes() {
    Map<String, Object> params = Infra.params(NAMESPACE);
    JsonObject bot = StatefulSets.bot();
    JsonObject stabilizing =
        StatefulSets.with(
            bot,
            s -> {
              annotations(s)
                  .addProperty("shardscaler.dev/scale-down-since", "2026-11-27T08:00:00Z");
              annotations(s).addProperty("shardscaler.dev/scale-down-peak", "9");
            });
    JsonObject noEnvNoAnnotations =
        StatefulSets.with(
            bot,
            s -> {
              container(s, "bot").remove("env");
              metadata(s).remove("annotations");
            });
    JsonObject perBotMissing =
        StatefulSets.with(
            bot, s -> container(s, "bot").getAsJsonArray("env").remove(2)); // SHARDS_PER_BOT
    // Someone scaled the bot to 5 and the controller created the pods: the scaler corrects only
    // a set that is not rolling out (status.replicas caught up), and so does the policy.
    JsonObject drifted =
        StatefulSets.with(
            bot,
            s -> {
              spec(s).addProperty("replicas", 5);
              s.getAsJsonObject("status").addProperty("replicas", 5);
              s.getAsJsonObject("status").addProperty("readyReplicas", 5);
            });
    JsonObject overridden =
        StatefulSets.with(
            bot,
            s ->
                annotations(s)
                    .addProperty(
                        Markers.OVERRIDE,
                        new ShardOverride(20, null, NOW.plusSeconds(3600), "launch day")
                            .toAnnotation()));
    JsonObject paused =
        StatefulSets.with(
            bot, s -> annotations(s).addProperty("shardscaler.dev/paused", "incident 4711"));
    JsonObject premium =
        StatefulSets.with(
            bot,
            s -> {
              metadata(s).addProperty("name", "premium");
              container(s, "bot").addProperty("name", "worker");
              env(s, "worker", "SHARDS").addProperty("name", "SHARD_COUNT");
              env(s, "worker", "SHARDS_PER_BOT").addProperty("name", "SHARDS_PER_POD");
            });
    Map<String, Object> twoTargets =
        Infra.withData(
            params,
            data -> {
              data.put("statefulSets", "bot, premium");
              data.put("premium.container", "worker");
              data.put("premium.shardsEnv", "SHARD_COUNT");
              data.put("premium.shardsPerBotEnv", "SHARDS_PER_POD");
              data.put("premium.maxShards", "256");
            });
    JsonObject discordJs =
        StatefulSets.with(
            bot,
            s -> {
              env(s, "bot", "SHARDS").addProperty("name", "SHARD_COUNT");
              container(s, "bot").getAsJsonArray("env").remove(2); // SHARDS_PER_BOT
            });
    Map<String, Object> discordJsParams =
        Infra.withData(
            params,
            data -> {
              data.put("shardsEnv", "SHARD_COUNT");
              data.put("shardsPerBotEnv", "SHARDS_PER_POD");
            });
    EnvNames discordJsNames = new EnvNames("SHARD_COUNT", "SHARDS_PER_POD");

    return Stream.of(
        pass(
            "scale up 12 → 16 shards, 3 → 4 pods, beside a sidecar",
            bot,
            "bot",
            DEFAULT_NAMES,
            ShardCounts.of(16, 4),
            changed(m -> m.withLastChange(NOW, "12→16")),
            params),
        pass(
            "scale down 12 → 8, the stabilization markers removed",
            stabilizing,
            "bot",
            DEFAULT_NAMES,
            ShardCounts.of(8, 4),
            changed(m -> m.withScaleDown(null, null).withLastChange(NOW, "12→8")),
            params),
        pass(
            "no layout, the scale-down window starts",
            bot,
            "bot",
            DEFAULT_NAMES,
            null,
            changed(m -> m.withScaleDown(NOW, 9)),
            params),
        pass(
            "no layout, a rollout marker set",
            bot,
            "bot",
            DEFAULT_NAMES,
            null,
            changed(m -> m.withRolloutSince(NOW)),
            params),
        pass(
            "no layout, markers removed",
            stabilizing,
            "bot",
            DEFAULT_NAMES,
            null,
            changed(m -> m.withScaleDown(null, null)),
            params),
        pass(
            "repack 4 → 6 shards per pod",
            bot,
            "bot",
            DEFAULT_NAMES,
            ShardCounts.of(12, 6),
            changed(m -> m.withLastChange(NOW, "repack")),
            params),
        pass(
            "replicas corrected 5 → 3",
            drifted,
            "bot",
            DEFAULT_NAMES,
            ShardCounts.of(12, 4),
            changed(m -> m.withLastChange(NOW, "replicas")),
            params),
        pass(
            "no env and no annotations yet: both added whole",
            noEnvNoAnnotations,
            "bot",
            DEFAULT_NAMES,
            ShardCounts.of(12, 4),
            changed(m -> m.withLastChange(NOW, "initialized")),
            params),
        pass(
            "SHARDS_PER_BOT missing: appended",
            perBotMissing,
            "bot",
            DEFAULT_NAMES,
            ShardCounts.of(16, 4),
            changed(m -> m.withLastChange(NOW, "12→16")),
            params),
        pass(
            "up to the cap (64 shards)",
            bot,
            "bot",
            DEFAULT_NAMES,
            ShardCounts.of(64, 4),
            changed(m -> m.withLastChange(NOW, "12→64")),
            params),
        pass(
            "an override recorded with the reshard",
            bot,
            "bot",
            DEFAULT_NAMES,
            ShardCounts.of(20, 4),
            changed(
                m ->
                    m.withLastChange(NOW, "12→20")
                        .withOverride(
                            new ShardOverride(20, null, NOW.plusSeconds(86400), "launch day"))),
            params),
        pass(
            "an override cleared",
            overridden,
            "bot",
            DEFAULT_NAMES,
            null,
            changed(m -> m.withOverride(null)),
            params),
        pass(
            "paused by people: the scaler's markers move, paused stays",
            paused,
            "bot",
            DEFAULT_NAMES,
            null,
            changed(m -> m.withRolloutSince(NOW)),
            params),
        pass(
            "a second target with its own container and env names",
            premium,
            "worker",
            new EnvNames("SHARD_COUNT", "SHARDS_PER_POD"),
            ShardCounts.of(200, 10),
            changed(m -> m.withLastChange(NOW, "12→200")),
            twoTargets),
        pass(
            "env names configured for discord.js, SHARDS_PER_POD appended",
            discordJs,
            "bot",
            discordJsNames,
            ShardCounts.of(16, 4),
            changed(m -> m.withLastChange(NOW, "12→16")),
            discordJsParams));
  }

  private static BiFunction<Snapshot, Markers, Map<String, String>> changed(
      java.util.function.UnaryOperator<Markers> after) {
    return (snapshot, before) -> after.apply(before).changesFrom(before);
  }

  private static Arguments pass(
      String name,
      JsonObject old,
      String container,
      EnvNames names,
      ShardCounts layout,
      BiFunction<Snapshot, Markers, Map<String, String>> annotations,
      Map<String, Object> params) {
    return Arguments.of(name, new Pass(old, container, names, layout, annotations, params));
  }
}
