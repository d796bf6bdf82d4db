package dev.shardscaler.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.discord.HttpDiscordGateway;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.kubernetes.SnapshotReader;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The whole function over whatever the world answers: a StatefulSet whose JSON has any field
 * replaced by any value, Discord answering any status with any body (over real HTTP), and any
 * request. {@code apply} never throws; a FAILED result always names its reason; a failed pass or a
 * failed Discord call never writes; the token is never in a result.
 */
class ScaleFunctionProperties {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.properties_secret";
  static DiscordFake discord;

  private static ch.qos.logback.classic.Level level;

  @BeforeContainer
  static void start() {
    discord = new DiscordFake();
    // Thousands of passes: their per-pass log lines would drown the build output.
    var logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.shardscaler");
    level = logger.getLevel();
    logger.setLevel(ch.qos.logback.classic.Level.ERROR);
  }

  @AfterContainer
  static void stop() {
    discord.close();
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.shardscaler"))
        .setLevel(level);
  }

  /** The StatefulSet as the API server's JSON in memory; every write is counted. */
  static final class InMemoryStatefulSet implements StatefulSets {
    final JsonObject json;
    int patches;

    InMemoryStatefulSet(JsonObject json) {
      this.json = json;
    }

    @Override
    public Snapshot read(Target target, EnvNames names) {
      return SnapshotReader.read(target, json, names);
    }

    @Override
    public void patch(
        Snapshot snapshot, ShardCounts layout, Map<String, String> annotations, EnvNames names) {
      patches++;
    }

    @Override
    public void recordEvent(Snapshot snapshot, boolean warning, String reason, String message) {
      assertThat(message).doesNotContain(TOKEN);
    }
  }

  record World(JsonObject statefulSet, DiscordFake.Response answer, ScaleRequest request) {}

  @Property(tries = 1500)
  void applyNeverThrowsAndAFailedPassNeverWrites(@ForAll("worlds") World world) {
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
    Settings settings = Settings.fromEnv(env);
    TestClock clock = new TestClock(Instant.parse("2026-11-28T12:00:00Z"));
    discord.reset(world.answer());
    InMemoryStatefulSet cluster = new InMemoryStatefulSet(world.statefulSet());
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

    ScaleResult result =
        new ScaleFunction(settings, gateway, cluster, clock).apply(world.request());

    Statistics.collect(result.outcome(), result.reason().isHold() ? "hold" : "");
    assertThat(result).isNotNull();
    assertThat(result.reason()).isNotNull();
    assertThat(result.message()).isNotBlank();
    assertThat(result.toJson()).doesNotContain(TOKEN);
    if (result.failed() || result.outcome() == Outcome.BLOCKED && result.reason().isHold()) {
      assertThat(cluster.patches).as(result.message()).isZero();
    }
    if (world.answer().status() != 200 && world.answer().status() != 429) {
      assertThat(cluster.patches).as("no write after a failed Discord call").isZero();
    }
    if (result.reason() == Reason.INTERNAL_ERROR) {
      // An unexpected error is a bug to fix, not an answer: show it with its inputs.
      throw new AssertionError(result.message() + " for " + world);
    }
  }

  // ---- generators ----------------------------------------------------------------------------

  @Provide
  Arbitrary<World> worlds() {
    return Combinators.combine(statefulSets(), answers(), requests()).as(World::new);
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
          "metadata.annotations.shardscaler.dev/override",
          "metadata.annotations.shardscaler.dev/paused",
          "metadata.generation",
          "status",
          "status.observedGeneration",
          "status.updateRevision",
          "status.readyReplicas");

  private Arbitrary<JsonObject> statefulSets() {
    Arbitrary<List<Tuple.Tuple2<String, JsonElement>>> edits =
        Combinators.combine(Arbitraries.of(PATHS), values()).as(Tuple::of).list().ofMaxSize(3);
    return edits.map(
        list -> {
          JsonObject json =
              BotStatefulSet.seedExample()
                  .annotation("shardscaler.dev/last-change", "2026-11-28T10:00:00Z 8→12")
                  .toJson();
          list.forEach(edit -> set(json, edit.get1(), edit.get2()));
          return json;
        });
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

  private Arbitrary<JsonElement> values() {
    Arbitrary<JsonElement> leaf =
        Arbitraries.oneOf(
            Arbitraries.integers().map(JsonPrimitive::new),
            Arbitraries.of("1e400", "-7", "3.5", "99999999999999999999", "0", "1e-9")
                .map(text -> (JsonElement) new JsonPrimitive(new BigDecimal(text))),
            Arbitraries.strings().ofMaxLength(20).map(JsonPrimitive::new),
            Arbitraries.of(
                    "12",
                    "2026-11-28T12:00:00Z",
                    "2099-01-01T00:00:00Z",
                    "{\"shards\":40,\"until\":\"2026-11-29T00:00:00Z\"}",
                    "OnDelete",
                    "true")
                .map(JsonPrimitive::new),
            Arbitraries.of(true, false).map(JsonPrimitive::new),
            Arbitraries.just(JsonNull.INSTANCE));
    Arbitrary<JsonElement> array =
        leaf.list()
            .ofMaxSize(3)
            .map(
                items -> {
                  JsonArray out = new JsonArray();
                  items.forEach(out::add);
                  return out;
                });
    Arbitrary<JsonElement> object =
        Combinators.combine(
                Arbitraries.of("name", "value", "type", "partition", "valueFrom", "x"), leaf)
            .as(Tuple::of)
            .list()
            .ofMaxSize(3)
            .map(
                entries -> {
                  JsonObject out = new JsonObject();
                  entries.forEach(e -> out.add(e.get1(), e.get2()));
                  return out;
                });
    return Arbitraries.frequencyOf(Tuple.of(6, leaf), Tuple.of(2, array), Tuple.of(2, object));
  }

  private Arbitrary<DiscordFake.Response> answers() {
    Arbitrary<DiscordFake.Response> valid =
        Combinators.combine(
                Arbitraries.integers().between(1, 5000),
                Arbitraries.integers().between(0, 5000),
                Arbitraries.of(1, 16, 64))
            .as(
                (shards, remaining, concurrency) ->
                    DiscordFake.gatewayBot(shards, remaining, concurrency));
    Arbitrary<DiscordFake.Response> mutated =
        Combinators.combine(
                Arbitraries.of("shards", "session_start_limit", "url"),
                values(),
                Arbitraries.of(200, 200, 401, 403, 404, 429, 500, 503))
            .as(
                (field, value, status) -> {
                  JsonObject body = new JsonObject();
                  body.addProperty("shards", 16);
                  JsonObject limit = new JsonObject();
                  limit.addProperty("total", 1000);
                  limit.addProperty("remaining", 900);
                  limit.addProperty("reset_after", 1000);
                  limit.addProperty("max_concurrency", 1);
                  body.add("session_start_limit", limit);
                  body.add(field, value);
                  return DiscordFake.json(status, body.toString());
                });
    Arbitrary<DiscordFake.Response> text =
        Combinators.combine(Arbitraries.of(200, 429, 502), Arbitraries.strings().ofMaxLength(40))
            .as(DiscordFake::json);
    return Arbitraries.frequencyOf(Tuple.of(5, valid), Tuple.of(4, mutated), Tuple.of(1, text));
  }

  private Arbitrary<ScaleRequest> requests() {
    Arbitrary<Integer> count =
        Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.integers().between(1, 200)),
            Tuple.of(1, Arbitraries.integers()));
    return Combinators.combine(
            count.injectNull(0.7),
            count.injectNull(0.8),
            Arbitraries.longs().between(-10, 100_000_000L).map(Duration::ofSeconds).injectNull(0.9),
            Arbitraries.of(true, false).injectNull(0.9),
            Arbitraries.of(true, false).injectNull(0.5),
            Arbitraries.strings().ofMaxLength(300).injectNull(0.3))
        .as(ScaleRequest::new);
  }
}
