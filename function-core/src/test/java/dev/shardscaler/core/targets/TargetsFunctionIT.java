package dev.shardscaler.core.targets;

import static dev.shardscaler.core.targets.FleetHarness.MAIN_TOKEN;
import static dev.shardscaler.core.targets.FleetHarness.PREMIUM_TOKEN;
import static dev.shardscaler.core.targets.FleetHarness.STAGING_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.PassReport;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.WebhookFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several bots from one scaler, over real HTTP: each target on its own token and budget, mixed
 * outcomes in one result, and exactly the webhook messages a bot team should get.
 */
class TargetsFunctionIT {
  @TempDir Path dir;
  FleetHarness fleet;

  @BeforeEach
  void start() throws Exception {
    fleet = new FleetHarness(dir);
  }

  @AfterEach
  void stop() {
    fleet.close();
  }

  @Test
  void oneTargetScalesOneIsBlockedOneFailsEachOnItsOwnToken() {
    TargetsResult result = (TargetsResult) fleet.scheduledPass();

    assertThat(result.targets())
        .extracting(TargetsResult.Named::name)
        .containsExactly("main", "premium", "staging");
    ScaleResult main = result.result("main");
    ScaleResult premium = result.result("premium");
    ScaleResult staging = result.result("staging");
    assertThat(main.outcome()).isEqualTo(Outcome.SCALED);
    assertThat(main.reason()).isEqualTo(Reason.SCALED_UP);
    assertThat(premium.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(premium.reason()).isEqualTo(Reason.IDENTIFY_BUDGET);
    assertThat(staging.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(staging.reason()).isEqualTo(Reason.DISCORD_UNAUTHORIZED);
    // the worst on top; Discord's failure makes it a 502 and a failed run
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.reason()).isEqualTo(Reason.DISCORD_UNAUTHORIZED);
    assertThat(result.httpStatus()).isEqualTo(502);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.message())
        .isEqualTo(
            "3 targets: main SCALED (SCALED_UP); premium BLOCKED (IDENTIFY_BUDGET); staging"
                + " FAILED (DISCORD_UNAUTHORIZED)");

    // each recommendation and budget is its own bot's, asked with its own token, once
    assertThat(main.recommendation().sessionStartLimit().remaining()).isEqualTo(1000);
    assertThat(premium.recommendation().sessionStartLimit().remaining()).isEqualTo(40);
    assertThat(staging.recommendation()).isNull();
    assertThat(fleet.discord.requestsWith(MAIN_TOKEN)).hasSize(1);
    assertThat(fleet.discord.requestsWith(PREMIUM_TOKEN)).hasSize(1);
    assertThat(fleet.discord.requestsWith(STAGING_TOKEN)).hasSize(1);
    assertThat(fleet.discord.requests()).hasSize(3);

    // only main was resharded; the failed target was not written at all
    assertThat(fleet.shards("discord", "bot")).isEqualTo(16);
    assertThat(fleet.shards("discord", "premium")).isEqualTo(12);
    assertThat(fleet.shards("staging", "staging-bot")).isEqualTo(12);
    assertThat(fleet.kube.writes())
        .noneMatch(w -> w.path().contains("/statefulsets/staging-bot"))
        .noneMatch(w -> w.path().contains("/statefulsets/premium") && w.body().contains("SHARDS"));

    // the JSON shape: the worst on top, each target under its name
    JsonObject json = JsonParser.parseString(result.toJson()).getAsJsonObject();
    assertThat(json.get("outcome").getAsString()).isEqualTo("FAILED");
    assertThat(json.getAsJsonArray("targets").get(1).getAsJsonObject().get("name").getAsString())
        .isEqualTo("premium");
    assertThat(json.getAsJsonArray("targets").get(0).getAsJsonObject().has("assignments")).isTrue();
  }

  @Test
  void theWebhooksGetTheReshardAndTheFailureOnceAndNothingOnPassesThatChangeNothing() {
    fleet.scheduledPass();

    List<WebhookFake.Received> discord = fleet.webhooks.discordMessages();
    assertThat(discord).hasSize(1);
    assertThat(discord.get(0).query()).isEqualTo("wait=true");
    assertThat(discord.get(0).titles())
        .containsExactly(
            "main scaled up: 12 → 16 shards, 3 → 4 pods",
            "staging: the pass failed (DISCORD_UNAUTHORIZED)");
    String channel = WebhookFake.render(discord.get(0).body());
    assertThat(channel)
        .contains("bot-0: 0-3 · bot-1: 4-7 · bot-2: 8-11 · bot-3: 12-15")
        .contains("What to do: Discord refused the bot token")
        .contains("Put the new token in the file " + fleet.stagingTokenFile);
    assertThat(discord.get(0).body().getAsJsonObject("allowed_mentions").getAsJsonArray("parse"))
        .isEmpty();
    List<WebhookFake.Received> json = fleet.webhooks.jsonMessages();
    assertThat(json).hasSize(1);
    assertThat(json.get(0).titles()).isEqualTo(discord.get(0).titles());
    assertThat(json.get(0).body().getAsJsonArray("notices").get(0).getAsJsonObject())
        .satisfies(
            notice -> {
              assertThat(notice.get("kind").getAsString()).isEqualTo("RESHARDED");
              assertThat(notice.get("target").getAsString()).isEqualTo("main");
              assertThat(notice.get("from").getAsString()).isEqualTo("12 shards / 3 pods × 4");
              assertThat(notice.get("to").getAsString()).isEqualTo("16 shards / 4 pods × 4");
            });

    // Ten minutes later, from a new instance: the same block and the same failure, main in sync.
    fleet.later(Duration.ofMinutes(10));
    TargetsResult second = (TargetsResult) fleet.scheduledPass();
    assertThat(second.result("main").outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(second.result("premium").reason()).isEqualTo(Reason.IDENTIFY_BUDGET);
    assertThat(second.result("staging").reason()).isEqualTo(Reason.DISCORD_UNAUTHORIZED);
    assertThat(fleet.webhooks.requests()).as("nothing new to tell").hasSize(2);

    // An hour on, premium's block has lasted past SCALER_NOTIFY_BLOCKED_AFTER (1h): told once.
    fleet.later(Duration.ofMinutes(55));
    fleet.scheduledPass();
    assertThat(fleet.webhooks.discordMessages()).hasSize(2);
    assertThat(fleet.webhooks.discordMessages().get(1).titles())
        .containsExactly("premium: blocked (IDENTIFY_BUDGET) for 1h5m");
    fleet.later(Duration.ofMinutes(10));
    fleet.scheduledPass();
    assertThat(fleet.webhooks.discordMessages()).as("told once, not every pass").hasSize(2);

    // staging gets its new token, premium its budget: both told once, as over.
    fleet.discord.respondTo(STAGING_TOKEN, DiscordFake.gatewayBot(12, 1000, 1));
    fleet.discord.respondTo(PREMIUM_TOKEN, DiscordFake.gatewayBot(16, 1000, 900, 7_200_000L, 1));
    fleet.later(Duration.ofMinutes(10));
    TargetsResult fixed = (TargetsResult) fleet.scheduledPass();
    assertThat(fixed.failed()).isFalse();
    assertThat(fixed.httpStatus()).isEqualTo(200);
    assertThat(fleet.webhooks.discordMessages()).hasSize(3);
    assertThat(fleet.webhooks.discordMessages().get(2).titles())
        .containsExactly(
            "premium scaled up: 12 → 16 shards, 3 → 4 pods",
            "premium: no longer blocked (after IDENTIFY_BUDGET for 1h25m)",
            "staging: passes succeed again (after DISCORD_UNAUTHORIZED for 1h25m)");
    assertThat(fleet.memory()).as("nothing left to remember").isEmpty();

    // and a quiet pass says nothing at all
    fleet.later(Duration.ofMinutes(10));
    fleet.scheduledPass();
    assertThat(fleet.webhooks.discordMessages()).hasSize(3);
    assertThat(fleet.webhooks.jsonMessages()).hasSize(3);
  }

  /**
   * A dry run proves nothing about a told failure (one only a write meets looks solved to it): no
   * message, and no write of the notification memory — a dry run writes nothing to the cluster.
   */
  @Test
  void aDryRunTellsNothingAndWritesNoMemory() {
    fleet.scheduledPass();
    Map<String, String> remembered = fleet.memory();
    assertThat(remembered).containsKey("target.staging");
    int told = fleet.webhooks.requests().size();
    fleet.discord.respondTo(STAGING_TOKEN, DiscordFake.gatewayBot(12, 1000, 1));
    fleet.kube.clearRequests();

    fleet.later(Duration.ofMinutes(10));
    PassReport dry = fleet.pass(ScaleRequest.because("what if").withDryRun(true));

    assertThat(((TargetsResult) dry).result("staging").outcome()).isNotEqualTo(Outcome.FAILED);
    assertThat(fleet.webhooks.requests()).as("no recovery told").hasSize(told);
    assertThat(fleet.kube.writes()).as("a dry run writes nothing").isEmpty();
    assertThat(fleet.memory()).isEqualTo(remembered);
  }

  @Test
  void aLastingFailureIsToldAgainAfterTheRepeatInterval() {
    fleet.env.put("SCALER_NOTIFY_REPEAT", "6h");
    fleet.scheduledPass();
    fleet.later(Duration.ofHours(5));
    fleet.scheduledPass();
    assertThat(fleet.webhooks.discordMessages().stream().flatMap(m -> m.titles().stream()))
        .filteredOn(title -> title.startsWith("staging"))
        .hasSize(1);
    fleet.later(Duration.ofHours(1));
    fleet.scheduledPass();
    assertThat(fleet.webhooks.discordMessages().stream().flatMap(m -> m.titles().stream()))
        .filteredOn(title -> title.startsWith("staging"))
        .containsExactly(
            "staging: the pass failed (DISCORD_UNAUTHORIZED)",
            "staging: still failing (DISCORD_UNAUTHORIZED) for 6h, 3 passes");
  }

  @Test
  void aRequestMayNameOneConfiguredTargetAndNoOther() {
    PassReport report = fleet.pass(ScaleRequest.because("adhoc").withTarget("premium"));

    TargetsResult result = (TargetsResult) report;
    assertThat(result.targets()).extracting(TargetsResult.Named::name).containsExactly("premium");
    assertThat(result.message()).isEqualTo("1 target: premium BLOCKED (IDENTIFY_BUDGET)");
    assertThat(fleet.discord.requests()).hasSize(1);
    assertThat(fleet.discord.requestsWith(PREMIUM_TOKEN)).hasSize(1);

    fleet.discord.clearRequests();
    fleet.kube.clearRequests();
    assertThatThrownBy(() -> fleet.pass(ScaleRequest.because("adhoc").withTarget("prem")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(
            "field \"target\": no target named \"prem\" is configured (configured: main, premium,"
                + " staging)");
    assertThat(fleet.discord.requests()).isEmpty();
    assertThat(fleet.kube.requests()).isEmpty();
  }

  @Test
  void aWebhookThatFailsOrHangsLeavesThePassAsItWasAndTheMessageForTheNextPass() {
    fleet.webhooks.enqueue(DiscordFake.serverError(500), WebhookFake.slow(Duration.ofSeconds(3)));

    TargetsResult result = (TargetsResult) fleet.scheduledPass();

    assertThat(result.result("main").outcome()).isEqualTo(Outcome.SCALED);
    assertThat(fleet.shards("discord", "bot")).isEqualTo(16);
    assertThat(result.httpStatus()).isEqualTo(502); // staging's 401, not the webhooks'
    assertThat(result.warnings())
        .anyMatch(w -> w.contains("answered HTTP 500") && w.contains("kept for the next pass"))
        .anyMatch(w -> w.contains("did not answer within 1000 ms"));
    assertThat(fleet.memory().get("sink.discord")).contains("main scaled up");

    // the next pass delivers both to each webhook, and nothing twice afterwards
    fleet.later(Duration.ofMinutes(10));
    fleet.webhooks.reset();
    TargetsResult next = (TargetsResult) fleet.scheduledPass();
    assertThat(next.warnings()).isNull();
    assertThat(fleet.webhooks.discordMessages()).hasSize(1);
    assertThat(fleet.webhooks.discordMessages().get(0).titles())
        .containsExactly(
            "main scaled up: 12 → 16 shards, 3 → 4 pods",
            "staging: the pass failed (DISCORD_UNAUTHORIZED)");
    assertThat(fleet.webhooks.jsonMessages()).hasSize(1);
    assertThat(fleet.memory()).doesNotContainKey("sink.discord").doesNotContainKey("sink.webhook");
  }

  @Test
  void discordsRateLimitOnTheWebhookIsHonoured() {
    fleet.env.remove("SCALER_NOTIFY_WEBHOOK");
    fleet.webhooks.enqueue(WebhookFake.rateLimited(120));

    TargetsResult result = (TargetsResult) fleet.scheduledPass();

    assertThat(result.warnings()).anyMatch(w -> w.contains("rate limited (HTTP 429)"));
    assertThat(fleet.memory().get("sink.discord"))
        .contains("\"notBefore\":\"2026-11-28T12:02:00Z\"");
    fleet.later(Duration.ofMinutes(1));
    fleet.scheduledPass();
    assertThat(fleet.webhooks.requests()).as("not before its time").hasSize(1);
    fleet.later(Duration.ofMinutes(2));
    fleet.scheduledPass();
    assertThat(fleet.webhooks.requests()).hasSize(2);
    assertThat(fleet.webhooks.requests().get(1).titles()).hasSize(2);
  }

  @Test
  void withoutItsMemoryTheScalerTellsReshardsButNoFailureItCouldRepeat() {
    fleet.env.put("SCALER_NOTIFY_STATE_CONFIGMAP", "not-there");

    TargetsResult result = (TargetsResult) fleet.scheduledPass();

    assertThat(result.warnings())
        .anyMatch(w -> w.contains("ConfigMap discord/not-there") && w.contains("does not exist"));
    assertThat(fleet.webhooks.discordMessages()).hasSize(1);
    assertThat(fleet.webhooks.discordMessages().get(0).titles())
        .containsExactly("main scaled up: 12 → 16 shards, 3 → 4 pods");
  }

  @Test
  void aTokenThatCannotBeReadFailsItsTargetOnly() throws Exception {
    TargetsFunction started = fleet.function();
    // the configuration was checked at start; the file is gone by the pass
    Files.delete(fleet.stagingTokenFile);

    TargetsResult result = (TargetsResult) started.apply(ScaleRequest.scheduled());

    assertThat(result.result("staging").reason()).isEqualTo(Reason.BOT_TOKEN_UNAVAILABLE);
    assertThat(result.result("staging").message())
        .contains("the file " + fleet.stagingTokenFile + " cannot be read");
    assertThat(result.result("main").outcome()).isEqualTo(Outcome.SCALED);
    assertThat(result.httpStatus()).isEqualTo(500);
    assertThat(fleet.discord.requestsWith(STAGING_TOKEN)).isEmpty();
  }
}
