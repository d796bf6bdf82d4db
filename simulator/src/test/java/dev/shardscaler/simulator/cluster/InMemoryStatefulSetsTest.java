package dev.shardscaler.simulator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.KubernetesApiException;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.plan.ShardCounts;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryStatefulSetsTest {
  static final Target TARGET = new Target("discord", "bot", "bot");
  static final EnvNames NAMES = new EnvNames("SHARDS", "SHARDS_PER_BOT");
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  InMemoryStatefulSets store;

  @BeforeEach
  void seed() {
    store = new InMemoryStatefulSets(TARGET, StartState.of(12, 4).toJson(TARGET, NAMES, T0));
  }

  @Test
  void readsThroughTheScalersOwnReader() {
    Snapshot snapshot = store.read(TARGET, NAMES);

    assertThat(snapshot.state().current()).isEqualTo(new ShardCounts(12, 3, 4));
    assertThat(snapshot.resourceVersion()).isEqualTo("1");
    assertThat(snapshot.annotations()).containsEntry("example.com/owner", "team-bots");
  }

  @Test
  void aLayoutPatchIsANewGenerationAndVersion() {
    Snapshot snapshot = store.read(TARGET, NAMES);

    store.patch(
        snapshot,
        ShardCounts.of(16, 4),
        Map.of("shardscaler.dev/last-change", "2026-01-01T00:00:00Z 12→16"),
        NAMES);

    JsonObject set = store.current();
    assertThat(set.getAsJsonObject("spec").get("replicas").getAsInt()).isEqualTo(4);
    assertThat(store.read(TARGET, NAMES).state().current()).isEqualTo(new ShardCounts(16, 4, 4));
    assertThat(meta(set).get("generation").getAsLong()).isEqualTo(2);
    assertThat(meta(set).get("resourceVersion").getAsString()).isEqualTo("2");
    assertThat(meta(set).getAsJsonObject("annotations").get("example.com/owner").getAsString())
        .isEqualTo("team-bots");
    assertThat(store.writes()).isEqualTo(1);
  }

  @Test
  void anAnnotationOnlyPatchKeepsTheGeneration() {
    store.patch(
        store.read(TARGET, NAMES), null, Map.of("shardscaler.dev/rollout-since", "t"), NAMES);

    assertThat(meta(store.current()).get("generation").getAsLong()).isEqualTo(1);
    assertThat(meta(store.current()).get("resourceVersion").getAsString()).isEqualTo("2");
  }

  @Test
  void aStaleResourceVersionIsAConflictAndChangesNothing() {
    Snapshot stale = store.read(TARGET, NAMES);
    store.patch(stale, null, Map.of("shardscaler.dev/rollout-since", "t"), NAMES);
    JsonObject before = store.current().deepCopy();

    assertThatThrownBy(() -> store.patch(stale, ShardCounts.of(16, 4), Map.of(), NAMES))
        .isInstanceOf(KubernetesApiException.class)
        .satisfies(
            e -> {
              assertThat(((KubernetesApiException) e).reason()).isEqualTo(Reason.CONFLICT);
              assertThat(((KubernetesApiException) e).status()).isEqualTo(409);
            });
    assertThat(store.current()).isEqualTo(before);
  }

  @Test
  void aPatchThatCannotApplyIsRejectedWhole() {
    JsonObject before = store.current().deepCopy();

    assertThatThrownBy(
            () ->
                store.apply(
                    JsonParser.parseString(
                            """
                            [{"op":"replace","path":"/metadata/resourceVersion","value":"1"},
                             {"op":"add","path":"/spec/replicas","value":9},
                             {"op":"remove","path":"/spec/nothing"}]""")
                        .getAsJsonArray()))
        .isInstanceOf(KubernetesApiException.class)
        .hasMessageContaining("HTTP 422")
        .hasMessageContaining("/spec/nothing");
    assertThat(store.current()).isEqualTo(before);
  }

  @Test
  void statusAndGenerationAreTheServersNotTheClients() {
    store.apply(
        JsonParser.parseString(
                """
                [{"op":"replace","path":"/metadata/resourceVersion","value":"1"},
                 {"op":"add","path":"/metadata/generation","value":40},
                 {"op":"add","path":"/status/readyReplicas","value":99}]""")
            .getAsJsonArray());

    assertThat(meta(store.current()).get("generation").getAsLong()).isEqualTo(1);
    assertThat(store.current().getAsJsonObject("status").has("readyReplicas")).isFalse();
    assertThat(store.writes()).isZero(); // nothing a client may write changed: a no-op
  }

  @Test
  void anotherStatefulSetIsNotFound() {
    assertThatThrownBy(() -> store.read(new Target("discord", "other", "bot"), NAMES))
        .isInstanceOf(KubernetesApiException.class)
        .hasMessageContaining("\"other\" not found");
  }

  @Test
  void aCopyIsIndependent() {
    InMemoryStatefulSets copy = store.copy();

    copy.patch(copy.read(TARGET, NAMES), ShardCounts.of(20, 4), Map.of(), NAMES);

    assertThat(store.read(TARGET, NAMES).state().current().shards()).isEqualTo(12);
    assertThat(copy.read(TARGET, NAMES).state().current().shards()).isEqualTo(20);
  }

  private static JsonObject meta(JsonObject set) {
    return set.getAsJsonObject("metadata");
  }
}
