package dev.shardscaler.core.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.plan.ClusterState;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.core.plan.Rollout;
import dev.shardscaler.core.plan.ShardCounts;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatefulSetPatchTest {
  static final EnvNames NAMES = new EnvNames("SHARDS", "SHARDS_PER_BOT");

  static Snapshot snapshot(
      int shardsIndex, int perBotIndex, int envSize, Map<String, String> annotations) {
    return new Snapshot(
        new Target("discord", "bot", "bot"),
        "uid",
        "42",
        new ClusterState(ShardCounts.of(12, 4), Markers.NONE, Rollout.finished(3)),
        0,
        shardsIndex,
        perBotIndex,
        envSize,
        annotations);
  }

  static JsonArray json(String text) {
    return JsonParser.parseString(text).getAsJsonArray();
  }

  @Test
  void missingEnvVarsAreAppendedAfterTheExistingOnes() {
    JsonArray ops =
        StatefulSetPatch.build(snapshot(-1, -1, 2, null), ShardCounts.of(9, 4), Map.of(), NAMES);

    assertThat(ops)
        .isEqualTo(
            json(
                """
        [{"op":"replace","path":"/metadata/resourceVersion","value":"42"},
         {"op":"add","path":"/spec/replicas","value":3},
         {"op":"add","path":"/spec/template/spec/containers/0/env/-",
          "value":{"name":"SHARDS","value":"9"}},
         {"op":"add","path":"/spec/template/spec/containers/0/env/-",
          "value":{"name":"SHARDS_PER_BOT","value":"4"}}]"""));
  }

  @Test
  void aContainerWithoutEnvGetsTheWholeList() {
    JsonArray ops =
        StatefulSetPatch.build(snapshot(-1, -1, 0, null), ShardCounts.of(2, 1), Map.of(), NAMES);

    assertThat(ops.get(2))
        .isEqualTo(
            JsonParser.parseString(
                """
        {"op":"add","path":"/spec/template/spec/containers/0/env",
         "value":[{"name":"SHARDS","value":"2"},{"name":"SHARDS_PER_BOT","value":"1"}]}"""));
    assertThat(ops).hasSize(3);
  }

  @Test
  void annotationsOnlyPatchEscapesKeysAndRemovesClearedMarkers() {
    Map<String, String> existing = new HashMap<>();
    existing.put("example.com/owner", "team");
    existing.put(Markers.SCALE_DOWN_SINCE, "2026-11-28T00:00:00Z");
    Map<String, String> changes = new LinkedHashMap<>();
    changes.put(Markers.ROLLOUT_SINCE, "2026-11-28T12:00:00Z");
    changes.put(Markers.SCALE_DOWN_SINCE, null);
    changes.put(Markers.SCALE_DOWN_PEAK, null);

    JsonArray ops = StatefulSetPatch.build(snapshot(1, 2, 3, existing), null, changes, NAMES);

    assertThat(ops)
        .isEqualTo(
            json(
                """
        [{"op":"replace","path":"/metadata/resourceVersion","value":"42"},
         {"op":"add","path":"/metadata/annotations/shardscaler.dev~1rollout-since",
          "value":"2026-11-28T12:00:00Z"},
         {"op":"remove","path":"/metadata/annotations/shardscaler.dev~1scale-down-since"}]"""));
  }

  @Test
  void pointerEscapingFollowsRfc6901() {
    assertThat(StatefulSetPatch.escape("a/b~c")).isEqualTo("a~1b~0c");
  }
}
