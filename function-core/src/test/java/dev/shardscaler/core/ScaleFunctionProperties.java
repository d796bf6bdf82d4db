package dev.shardscaler.core;

import static dev.shardscaler.testkit.property.Property.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.shardscaler.core.InMemoryStatefulSet.PatchAnswer;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.discord.HttpDiscordGateway;
import dev.shardscaler.core.http.RequestTexts;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.SnapshotReader;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.TestClock;
import dev.shardscaler.testkit.property.Source;
import dev.shardscaler.testkit.property.Weighted;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole function over whatever the world answers: a StatefulSet whose JSON has any field
 * replaced by any value, Discord answering any status with any body (over real HTTP), a cluster
 * whose PATCH may conflict, lose its answer or fail, and any request, built or parsed from any
 * text. {@code apply} never throws; a FAILED result always names its reason and changed nothing
 * (unless it says it cannot tell); a change that landed is reported as made; the token is never in
 * a result.
 */
class ScaleFunctionProperties {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.properties_secret";
  static final int TRIES = 1500;
  static final EnvNames NAMES = new EnvNames("SHARDS", "SHARDS_PER_BOT");
  static DiscordFake discord;
  static Settings settings;

  private static ch.qos.logback.classic.Level level;

  @BeforeAll
  static void start() {
    discord = new DiscordFake();
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_SCALEDOWN", "1");
    env.put("SCALER_MIN_INTERVAL", "0");
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("SCALER_DISCORD_READ_TIMEOUT", "2s");
    settings = Settings.fromEnv(env);
    // Thousands of passes: their per-pass log lines would drown the build output.
    var logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.shardscaler");
    level = logger.getLevel();
    logger.setLevel(ch.qos.logback.classic.Level.ERROR);
  }

  @AfterAll
  static void stop() {
    discord.close();
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.shardscaler"))
        .setLevel(level);
  }

  /** What the world holds for one pass: the object, Discord's answer, the cluster's answers. */
  record World(JsonObject statefulSet, DiscordFake.Response answer, PatchAnswer patch) {}

  record Case(World world, ScaleRequest request) {}

  record TextCase(World world, String requestText) {}

  record Ran(ScaleResult result, InMemoryStatefulSet cluster) {}

  @Test
  void applyNeverThrowsAndTellsTheTruth() {
    forAll(
        "ScaleFunctionProperties.applyNeverThrowsAndTellsTheTruth",
        TRIES,
        s -> new Case(worlds(s), requests(s)),
        (c, statistics) -> {
          Ran ran = run(c.world(), c.request());
          statistics.collect(label(ran, c.world()));
          assertTellsTheTruth(c.world(), ran);
        });
  }

  /** The promise to every adapter: whatever request JSON a caller sends, no exception escapes. */
  @Test
  void anyRequestJsonIsRefusedOrApplied() {
    forAll(
        "ScaleFunctionProperties.anyRequestJsonIsRefusedOrApplied",
        TRIES,
        s ->
            new TextCase(
                worlds(s),
                s.frequency(
                    Weighted.of(1, RequestTexts::validRequests),
                    Weighted.of(2, RequestTexts::requests))),
        (c, statistics) -> {
          ScaleRequest request;
          try {
            request = ScaleRequestParser.parse(c.requestText());
          } catch (InvalidRequestException e) {
            assertThat(e.problems()).isNotEmpty();
            statistics.collect("refused");
            return;
          }
          Ran ran = run(c.world(), request);
          statistics.collect("parsed", label(ran, c.world()));
          assertTellsTheTruth(c.world(), ran);
        });
  }

  static Ran run(World world, ScaleRequest request) {
    TestClock clock = new TestClock(Instant.parse("2026-11-28T12:00:00Z"));
    discord.reset(world.answer());
    InMemoryStatefulSet cluster =
        new InMemoryStatefulSet(world.statefulSet(), world.patch(), TOKEN);
    HttpDiscordGateway gateway =
        new HttpDiscordGateway(
            settings.discordApiBaseUrl(),
            settings.botToken(),
            settings.discordConnectTimeout(),
            settings.discordReadTimeout(),
            Duration.ofSeconds(10),
            Duration.ZERO,
            wait -> {},
            clock);
    return new Ran(new ScaleFunction(settings, gateway, cluster, clock).apply(request), cluster);
  }

  /** The outcome, and what the cluster did to the pass's PATCH when it answered other than 200. */
  static String label(Ran ran, World world) {
    ScaleResult result = ran.result();
    return result.outcome()
        + (result.reason().isHold() ? " hold" : "")
        + (ran.cluster().conflicts + ran.cluster().lostAnswers > 0
            ? " " + world.patch().label()
            : "");
  }

  static void assertTellsTheTruth(World world, Ran ran) {
    ScaleResult result = ran.result();
    InMemoryStatefulSet cluster = ran.cluster();
    PatchAnswer patch = world.patch();
    assertThat(result).isNotNull();
    assertThat(result.reason()).isNotNull();
    assertThat(result.message()).isNotBlank();
    assertThat(result.toJson()).doesNotContain(TOKEN);
    if (result.reason() == Reason.INTERNAL_ERROR) {
      // An unexpected error is a bug to fix, not an answer: show it with its inputs.
      throw new AssertionError(result.message());
    }
    assertThat(cluster.callsWithoutDeadline).as("calls not bounded by the deadline").isZero();
    if (result.dryRun() || result.outcome() == Outcome.BLOCKED && result.reason().isHold()) {
      assertThat(cluster.patchCalls).as(result.message()).isZero();
    }
    if (world.answer().status() != 200 && world.answer().status() != 429) {
      assertThat(cluster.patchCalls).as("no write after a failed Discord call").isZero();
    }
    boolean lostAnswer = cluster.lostAnswers > 0;
    boolean cannotTell = lostAnswer && patch.rereadFails();
    if (result.failed() && !cannotTell) {
      assertThat(cluster.landed).as("a failed pass changed nothing: %s", result.message()).isZero();
    }
    if (cluster.landed > 0 && !cannotTell) {
      assertThat(result.failed()).as("a change that landed is not a failure").isFalse();
      ShardCounts before = current(world.statefulSet());
      ShardCounts now = current(cluster.json());
      if (!now.equals(before)) {
        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.SCALED);
      }
    }
    if (result.outcome() == Outcome.SCALED) {
      assertThat(cluster.landed).isPositive();
      assertThat(current(cluster.json()))
          .as("the object holds what the result says")
          .isEqualTo(result.desired());
    }
    if (lostAnswer) {
      if (cannotTell) {
        assertThat(result.reason()).isEqualTo(Reason.KUBERNETES_UNAVAILABLE);
        assertThat(result.message()).contains("cannot tell whether the change landed");
      } else if (patch.landed()) {
        assertThat(result.warnings()).as(result.message()).anyMatch(w -> w.contains("landed"));
      } else {
        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).contains("had not landed");
      }
    }
    if (cluster.conflicts == 2) {
      assertThat(result.reason()).as(result.message()).isEqualTo(Reason.CONFLICT);
    }
    if (cluster.conflicts == 1) {
      // read again, planned again, and the second patch was answered
      assertThat(cluster.patchCalls).isEqualTo(2);
      assertThat(result.reason()).as(result.message()).isNotEqualTo(Reason.CONFLICT);
      assertThat(cluster.landed).as("the re-planned patch landed").isOne();
    }
    assertThat(cluster.conflicts).as("a pass gives up after its second conflict").isLessThan(3);
  }

  private static ShardCounts current(JsonObject statefulSet) {
    return SnapshotReader.read(settings.target(), statefulSet, NAMES).state().current();
  }

  // ---- generators ----------------------------------------------------------------------------

  static World worlds(Source s) {
    return new World(statefulSets(s), answers(s), patchAnswers(s));
  }

  static PatchAnswer patchAnswers(Source s) {
    return s.frequency(
        Weighted.value(10, PatchAnswer.ANSWERED),
        Weighted.of(2, t -> new PatchAnswer(t.ints(1, 2), null, true, false)),
        Weighted.of(2, t -> new PatchAnswer(0, 0, t.bool(), false)),
        Weighted.of(2, t -> new PatchAnswer(0, t.oneOf(500, 502, 503, 504), t.bool(), false)),
        Weighted.of(1, t -> new PatchAnswer(0, t.oneOf(0, 503), t.bool(), true)));
  }

  private static final List<String> PATHS =
      List.of(
          "spec.replicas",
          "spec.template.spec.containers",
          "spec.template.spec.containers.0",
          "spec.template.spec.containers.0.name",
          "spec.template.spec.containers.0.env",
          "spec.template.spec.containers.0.env.1",
          "spec.template.spec.containers.0.env.1.value",
          "spec.template.spec.containers.0.env.1.name",
          "spec.template.spec.containers.0.env.2.value",
          "spec.updateStrategy",
          "spec.podManagementPolicy",
          "metadata",
          "metadata.annotations",
          "metadata.annotations.shardscaler.dev/last-change",
          "metadata.annotations.shardscaler.dev/scale-down-since",
          "metadata.annotations.shardscaler.dev/scale-down-peak",
          "metadata.annotations.shardscaler.dev/rollout-since",
          "metadata.annotations.shardscaler.dev/override",
          "metadata.annotations.shardscaler.dev/paused",
          "metadata.generation",
          "status",
          "status.observedGeneration",
          "status.currentRevision",
          "status.updateRevision",
          "status.updatedReplicas",
          "status.readyReplicas");

  /**
   * The seed example with the markers a running scaler leaves (a rollout clock with or without its
   * revision, a scale-down window with its peak), sometimes mid-rollout, then up to three fields
   * replaced by anything.
   */
  static JsonObject statefulSets(Source s) {
    BotStatefulSet set =
        BotStatefulSet.seedExample().annotation(Markers.LAST_CHANGE, "2026-11-28T10:00:00Z 8→12");
    if (s.chance(0.3)) {
      set.rolloutInProgress();
    }
    String rolloutSince =
        s.nullable(
            0.6,
            t ->
                t.oneOf(
                    "2026-11-28T10:00:00Z",
                    "2026-11-28T10:00:00Z bot-rev2",
                    "2026-11-28T11:58:00Z bot-rev2",
                    "2026-11-28T09:00:00Z bot-rev1"));
    if (rolloutSince != null) {
      set.annotation(Markers.ROLLOUT_SINCE, rolloutSince);
    }
    if (s.chance(0.4)) {
      set.annotation(
          Markers.SCALE_DOWN_SINCE, s.oneOf("2026-11-27T11:00:00Z", "2026-11-28T11:00:00Z"));
      set.annotation(
          Markers.SCALE_DOWN_PEAK,
          s.oneOf(
              "10",
              "10 2026-11-28T11:50:00Z",
              "4 2026-11-28T11:59:00Z",
              "10 2026-11-20T00:00:00Z"));
    }
    JsonObject json = set.toJson();
    json.getAsJsonObject("metadata").addProperty("uid", "5f1c9e0a-0000-4000-8000-000000000001");
    for (int edits = s.ints(0, 3); edits > 0; edits--) {
      set(json, s.oneOf(PATHS), values(s));
    }
    return json;
  }

  /** Sets the value at a dotted path (array indexes as numbers; annotation keys kept whole). */
  static void set(JsonObject root, String path, JsonElement value) {
    String[] parts =
        path.startsWith("metadata.annotations.")
            ? new String[] {"metadata", "annotations", path.substring(21)}
            : path.split("\\.");
    JsonElement node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonElement next = child(node, parts[i]);
      if (next == null || !(next.isJsonObject() || next.isJsonArray())) {
        return; // an earlier edit replaced the way there
      }
      node = next;
    }
    String last = parts[parts.length - 1];
    if (node.isJsonObject()) {
      node.getAsJsonObject().add(last, value);
    } else if (node.isJsonArray() && last.matches("\\d+")) {
      JsonArray array = node.getAsJsonArray();
      int index = Integer.parseInt(last);
      if (index < array.size()) {
        array.set(index, value);
      }
    }
  }

  private static JsonElement child(JsonElement node, String key) {
    if (node.isJsonObject()) {
      return node.getAsJsonObject().get(key);
    }
    if (node.isJsonArray() && key.matches("\\d+")) {
      JsonArray array = node.getAsJsonArray();
      int index = Integer.parseInt(key);
      return index < array.size() ? array.get(index) : null;
    }
    return null;
  }

  /** Any JSON value; numbers as a JSON reader gives them, however large their exponent. */
  static JsonElement values(Source s) {
    return s.frequency(
        Weighted.of(6, ScaleFunctionProperties::leaf),
        Weighted.of(
            2,
            t -> {
              JsonArray array = new JsonArray();
              t.lists(0, 3, ScaleFunctionProperties::leaf).forEach(array::add);
              return array;
            }),
        Weighted.of(
            2,
            t -> {
              JsonObject object = new JsonObject();
              for (int n = t.ints(0, 3); n > 0; n--) {
                object.add(
                    t.oneOf("name", "value", "type", "partition", "valueFrom", "x"), leaf(t));
              }
              return object;
            }));
  }

  private static JsonElement leaf(Source s) {
    return switch (s.ints(0, 5)) {
      case 0 -> new JsonPrimitive(s.ints(Integer.MIN_VALUE, Integer.MAX_VALUE));
      case 1 ->
          JsonParser.parseString(
              s.oneOf(
                  "1e400",
                  "-7",
                  "3.5",
                  "99999999999999999999",
                  "0",
                  "1e-9",
                  "1e9999999999",
                  "1e10001",
                  "-1e10001"));
      case 2 -> new JsonPrimitive(s.strings(20));
      case 3 ->
          new JsonPrimitive(
              s.oneOf(
                  "12",
                  "2026-11-28T12:00:00Z",
                  "2099-01-01T00:00:00Z",
                  "{\"shards\":40,\"until\":\"2026-11-29T00:00:00Z\"}",
                  "2026-11-28T10:00:00Z bot-rev2",
                  "10 2026-11-28T11:50:00Z",
                  "OnDelete",
                  "true"));
      case 4 -> new JsonPrimitive(s.bool());
      default -> JsonNull.INSTANCE;
    };
  }

  static DiscordFake.Response answers(Source s) {
    return s.frequency(
        Weighted.of(
            5, t -> DiscordFake.gatewayBot(t.ints(1, 5000), t.ints(0, 5000), t.oneOf(1, 16, 64))),
        Weighted.of(
            4,
            t -> {
              JsonObject body = new JsonObject();
              body.addProperty("shards", 16);
              JsonObject limit = new JsonObject();
              limit.addProperty("total", 1000);
              limit.addProperty("remaining", 900);
              limit.addProperty("reset_after", 1000);
              limit.addProperty("max_concurrency", 1);
              body.add("session_start_limit", limit);
              String field =
                  t.oneOf(
                      "shards",
                      "session_start_limit",
                      "url",
                      "session_start_limit.total",
                      "session_start_limit.remaining",
                      "session_start_limit.reset_after",
                      "session_start_limit.max_concurrency");
              set(body, field, values(t));
              return DiscordFake.json(
                  t.oneOf(200, 200, 401, 403, 404, 429, 500, 503), body.toString());
            }),
        Weighted.of(1, t -> DiscordFake.json(t.oneOf(200, 429, 502), t.strings(40))));
  }

  static ScaleRequest requests(Source s) {
    return new ScaleRequest(
        s.nullable(0.7, ScaleFunctionProperties::count),
        s.nullable(0.8, ScaleFunctionProperties::count),
        s.nullable(0.9, t -> Duration.ofSeconds(t.longs(-10, 100_000_000L))),
        s.nullable(0.9, Source::bool),
        s.nullable(0.5, Source::bool),
        s.nullable(0.3, t -> t.strings(300)));
  }

  private static int count(Source s) {
    return s.frequency(
        Weighted.of(9, t -> t.ints(1, 200)),
        Weighted.of(1, t -> t.ints(Integer.MIN_VALUE, Integer.MAX_VALUE)));
  }
}
