package dev.shardscaler.core.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.BotSet;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.SnapshotReader;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.testkit.BotStatefulSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiblingSetTest {
  static final EnvNames NAMES = new EnvNames("SHARDS", "SHARDS_PER_BOT");

  static BotSet original(JsonObject json) {
    json.getAsJsonObject("metadata").addProperty("uid", "uid-of-bot");
    return new BotSet(json, SnapshotReader.read(new Target("discord", "bot", "bot"), json, NAMES));
  }

  @Test
  void theSpecIsTheOriginalsButForTheScalersFields() {
    JsonObject json =
        BotStatefulSet.seedExample()
            .withSidecar()
            .annotation("argocd.argoproj.io/tracking-id", "app:apps/StatefulSet:discord/bot")
            .toJson();
    json.getAsJsonObject("spec")
        .add(
            "volumeClaimTemplates",
            JsonParser.parseString(
                "[{\"metadata\":{\"name\":\"cache\"},\"spec\":{\"accessModes\":[\"ReadWriteOnce\"]}}]"));
    json.getAsJsonObject("metadata")
        .getAsJsonObject("labels")
        .addProperty("app.kubernetes.io/instance", "bots");

    JsonObject sibling =
        SiblingSet.from(
            original(json),
            "bot-b",
            new ShardCounts(16, 4, 4),
            NAMES,
            Map.of("shardscaler.dev/last-change", "x"));

    JsonObject expected = json.getAsJsonObject("spec").deepCopy();
    expected.addProperty("replicas", 4);
    expected
        .getAsJsonObject("selector")
        .getAsJsonObject("matchLabels")
        .addProperty("shardscaler.dev/set", "bot-b");
    expected
        .getAsJsonObject("template")
        .getAsJsonObject("metadata")
        .getAsJsonObject("labels")
        .addProperty("shardscaler.dev/set", "bot-b");
    JsonObject bot =
        expected
            .getAsJsonObject("template")
            .getAsJsonObject("spec")
            .getAsJsonArray("containers")
            .get(1)
            .getAsJsonObject();
    bot.getAsJsonArray("env").get(1).getAsJsonObject().addProperty("value", "16");
    assertThat(sibling.getAsJsonObject("spec")).isEqualTo(expected);

    JsonObject metadata = sibling.getAsJsonObject("metadata");
    assertThat(metadata.get("name").getAsString()).isEqualTo("bot-b");
    assertThat(metadata.getAsJsonObject("labels").keySet())
        .containsExactlyInAnyOrder("app.kubernetes.io/managed-by", "shardscaler.dev/set-of");
    assertThat(metadata.getAsJsonObject("annotations").keySet())
        .containsExactly(
            "shardscaler.dev/container", "shardscaler.dev/env", "shardscaler.dev/last-change");
    assertThat(metadata.getAsJsonObject("annotations").get("shardscaler.dev/env").getAsString())
        .isEqualTo("SHARDS,SHARDS_PER_BOT");
    assertThat(
            metadata
                .getAsJsonArray("ownerReferences")
                .get(0)
                .getAsJsonObject()
                .get("uid")
                .getAsString())
        .isEqualTo("uid-of-bot");
    assertThat(sibling.has("status")).isFalse();
  }

  @Test
  void aSetLabelInTheOriginalsSelectorGetsTheSiblingsValueAndMissingVariablesAreAdded() {
    JsonObject json = BotStatefulSet.seedExample().shards(null).shardsPerBot(null).toJson();
    json.getAsJsonObject("spec")
        .getAsJsonObject("selector")
        .getAsJsonObject("matchLabels")
        .addProperty("shardscaler.dev/set", "bot");
    json.getAsJsonObject("spec")
        .getAsJsonObject("template")
        .getAsJsonObject("metadata")
        .getAsJsonObject("labels")
        .addProperty("shardscaler.dev/set", "bot");

    JsonObject sibling =
        SiblingSet.from(original(json), "bot-b", new ShardCounts(8, 2, 4), NAMES, Map.of());

    JsonObject spec = sibling.getAsJsonObject("spec");
    assertThat(
            spec.getAsJsonObject("selector")
                .getAsJsonObject("matchLabels")
                .get("shardscaler.dev/set")
                .getAsString())
        .isEqualTo("bot-b");
    assertThat(BotStatefulSet.env(sibling, 0))
        .containsEntry("SHARDS", "8")
        .containsEntry("SHARDS_PER_BOT", "4")
        .containsEntry("LOG_LEVEL", "info");
    assertThat(sibling.getAsJsonObject("metadata").getAsJsonObject("annotations").keySet())
        .containsExactly("shardscaler.dev/container", "shardscaler.dev/env");
  }
}
