package dev.shardscaler.core.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCALER_STRATEGY=bluegreen with two targets in one namespace, over real HTTP: each target reshards
 * through its own sibling and switch, named after its own StatefulSet, to the end; one target's
 * blue/green state never touches the other's.
 */
class TargetsBlueGreenIT {
  @TempDir Path dir;
  FleetHarness fleet;

  @BeforeEach
  void twoBotsUnderBlueGreen() throws Exception {
    fleet = new FleetHarness(dir);
    fleet.env.put("SCALER_STRATEGY", "bluegreen");
    fleet.env.put("SCALER_ROLLOUT_TIMEOUT", "30m");
    fleet.env.put("SCALER_BLUEGREEN_PROPAGATION", "2m");
    fleet.env.put(
        "SCALER_TARGETS",
        """
        {"targets": [
          {"name": "main", "statefulSet": "bot", "token": {"env": "MAIN_BOT_TOKEN"}},
          {"name": "premium", "statefulSet": "premium", "token": {"env": "PREMIUM_BOT_TOKEN"},
           "settings": {"SCALER_BLUEGREEN_GRACE": "0"}}
        ]}
        """);
    // main needs 16 shards, premium 20; both have the budget.
    fleet.discord.respondTo(FleetHarness.MAIN_TOKEN, DiscordFake.gatewayBot(16, 1000, 1));
    fleet.discord.respondTo(FleetHarness.PREMIUM_TOKEN, DiscordFake.gatewayBot(20, 1000, 1));
  }

  @AfterEach
  void close() {
    fleet.close();
  }

  @Test
  void eachTargetReshardsThroughItsOwnSiblingAndSwitch() {
    TargetsResult first = (TargetsResult) fleet.scheduledPass();

    for (String[] target :
        List.of(new String[] {"main", "bot"}, new String[] {"premium", "premium"})) {
      ScaleResult result = first.result(target[0]);
      String set = target[1];
      assertThat(result.reason()).as(result.message()).isEqualTo(Reason.BLUEGREEN_STARTED);
      assertThat(result.outcome()).isEqualTo(Outcome.SCALED);
      JsonObject sibling = fleet.kube.statefulSetOrNull("discord", set + "-b");
      assertThat(sibling).as(set + "-b").isNotNull();
      JsonObject metadata = sibling.getAsJsonObject("metadata");
      assertThat(metadata.getAsJsonObject("labels").get("shardscaler.dev/set-of").getAsString())
          .isEqualTo(set);
      assertThat(
              metadata
                  .getAsJsonArray("ownerReferences")
                  .get(0)
                  .getAsJsonObject()
                  .get("name")
                  .getAsString())
          .isEqualTo(set);
      assertThat(switchData(set))
          .containsEntry("active", set)
          .containsEntry("from", set)
          .containsEntry("to", set + "-b");
    }
    assertThat(env("bot-b")).containsEntry("SHARDS", "16");
    assertThat(env("premium-b")).containsEntry("SHARDS", "20");
    // The bots' own sets are untouched while their siblings start.
    assertThat(env("bot")).containsEntry("SHARDS", "12");
    assertThat(env("premium")).containsEntry("SHARDS", "12");

    // Every pod Ready after each pass: both reach the end, each on its own sibling.
    for (int i = 0;
        i < 12 && !(steadyOn("bot", "bot-b") && steadyOn("premium", "premium-b"));
        i++) {
      readyEverySet();
      fleet.clock.advance(Duration.ofMinutes(3));
      TargetsResult pass = (TargetsResult) fleet.scheduledPass();
      assertThat(pass.failed()).as(pass.message()).isFalse();
    }
    assertThat(switchData("bot")).containsEntry("active", "bot-b").containsEntry("phase", "steady");
    assertThat(switchData("premium"))
        .containsEntry("active", "premium-b")
        .containsEntry("phase", "steady");
    assertThat(fleet.kube.configMapOrNull("discord", "bot-b-switch")).isNull();
    // The channel hears of each reshard once, when its new set starts, not at every step.
    assertThat(
            fleet.webhooks.discordMessages().stream()
                .flatMap(message -> message.titles().stream())
                .toList())
        .containsExactly(
            "main resharding blue/green: 12 → 16 shards, 3 → 4 pods",
            "premium resharding blue/green: 12 → 20 shards, 3 → 5 pods");
    assertThat(fleet.kube.statefulSetOrNull("discord", "bot-b-b")).isNull();
  }

  private boolean steadyOn(String bot, String active) {
    Map<String, String> data = switchData(bot);
    return data != null && active.equals(data.get("active")) && "steady".equals(data.get("phase"));
  }

  /** What the StatefulSet controller does once every pod of every existing set is Ready. */
  private void readyEverySet() {
    for (String set : List.of("bot", "bot-b", "premium", "premium-b")) {
      if (fleet.kube.statefulSetOrNull("discord", set) != null) {
        fleet.kube.completeRollout("discord", set);
      }
    }
  }

  private Map<String, String> env(String set) {
    return BotStatefulSet.env(fleet.kube.getStatefulSet("discord", set), 0);
  }

  /** The switch's data, or null when there is no switch. */
  private Map<String, String> switchData(String bot) {
    return fleet.kube.configMapOrNull("discord", bot + "-switch") == null
        ? null
        : fleet.kube.configMapData("discord", bot + "-switch");
  }
}
