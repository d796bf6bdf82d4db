package dev.shardscaler.core;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.KubernetesApiException;
import dev.shardscaler.core.kubernetes.Snapshot;
import dev.shardscaler.core.kubernetes.StatefulSets;
import dev.shardscaler.core.plan.Assignment;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.testkit.BotStatefulSet;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cases where an earlier version harmed a bot, each over real HTTP (the Discord fake and an
 * in-process Kubernetes API server). The numbers are those of the safety review.
 */
class SafetyIT {
  final PassHarness harness = new PassHarness();
  static final String NOW = "2026-11-28T12:00:00Z";

  @AfterEach
  void close() {
    harness.close();
  }

  // ---- #1 update strategies ------------------------------------------------------------------

  @ParameterizedTest(name = "{0} partition {1}")
  @CsvSource({"OnDelete, 0, updateStrategy OnDelete", "RollingUpdate, 2, partition 2"})
  void aSetWhosePodsWouldNotAllUpdateIsNeverResharded(String type, int partition, String named) {
    harness.seed(
        BotStatefulSet.seedExample()
            .updateStrategy(type, partition)
            .rolloutInProgress()
            .annotation(Markers.ROLLOUT_SINCE, "2026-11-25T12:00:00Z"));
    harness.discord.respondByDefault(gatewayBot(16, 1000, 1));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(result.reason()).as("no false ROLLOUT_STUCK").isEqualTo(Reason.UPDATE_STRATEGY);
    assertThat(result.message()).contains(named).contains("split between two shard totals");
    assertThat(harness.writes()).as("no patch, no Event").isEmpty();
    assertThat(harness.botEnv()).containsEntry("SHARDS", "12");
  }

  // ---- #2 a missing SHARDS_PER_BOT is no licence to bypass the switches ----------------------

  @Test
  void aMissingPerPodVariableDoesNotBypassTheScaleDownSwitch() {
    harness.seed(BotStatefulSet.seedExample().shards(16).shardsPerBot(null).replicas(4));
    harness.discord.respondByDefault(gatewayBot(8, 1000, 1));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.reason()).isEqualTo(Reason.SCALE_DOWN_DISABLED);
    assertThat(harness.writes()).isEmpty();
    assertThat(harness.botEnv()).containsEntry("SHARDS", "16").doesNotContainKey("SHARDS_PER_BOT");
  }

  // ---- a missing shard count: the switches judged by pods, never fewer -----------------------

  /**
   * The bot reads its total from another variable (SHARD_COUNT) and SCALER_SHARDS_ENV was left at
   * SHARDS: the scaler sees no shard count. Fewer pods would delete pods that serve shards it
   * cannot know of, with no window, so it never removes any — whatever the switches say.
   */
  @ParameterizedTest(name = "K8S_SCALEDOWN={0}")
  @CsvSource({"0", "1"})
  void anUnknownShardCountNeverLosesPods(String scaleDown) {
    harness.env.put("K8S_SCALEDOWN", scaleDown);
    harness.env.put("K8S_SHARDS_PER_BOT", "4");
    harness.seed(
        BotStatefulSet.seedExample()
            .envNames("SHARD_COUNT", "SHARDS_PER_BOT")
            .shards(16)
            .shardsPerBot(1)
            .replicas(16));
    harness.discord.respondByDefault(gatewayBot(12, 1000, 1));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(result.reason()).isEqualTo(Reason.SHARDS_UNKNOWN);
    assertThat(result.message()).contains("16 pods").contains("SCALER_SHARDS_ENV");
    assertThat(harness.replicas()).isEqualTo(16);
    assertThat(harness.writes()).isEmpty();
  }

  @Test
  void anUnknownShardCountAddsNoPodsWithScaleUpOff() {
    harness.env.put("K8S_SCALEUP", "0");
    harness.env.put("K8S_SHARDS_PER_BOT", "1");
    harness.seed(BotStatefulSet.seedExample().shards(null).shardsPerBot(null).replicas(2));
    harness.discord.respondByDefault(gatewayBot(12, 1000, 1));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.reason()).isEqualTo(Reason.SCALE_UP_DISABLED);
    assertThat(result.message()).contains("no shard count");
    assertThat(harness.replicas()).isEqualTo(2);
    assertThat(harness.writes()).isEmpty();
  }

  // ---- pods missing for the running layout are added while a shard change is held ------------

  /**
   * SHARDS=16 at 4 per pod needs 4 pods, but someone scaled the set to 2: shards 8-15 run nowhere.
   * Discord recommends fewer, so the scale-down is held (by its window, or because it is off); the
   * two missing pods are added anyway (no running shard restarts), and the window keeps running.
   */
  @ParameterizedTest(name = "K8S_SCALEDOWN={0}")
  @CsvSource({"1, SCALE_DOWN_STABILIZING", "0, SCALE_DOWN_DISABLED"})
  void podsMissingForTheRunningLayoutAreAddedWhileTheChangeIsHeld(String scaleDown, String held) {
    harness.env.put("K8S_SCALEDOWN", scaleDown);
    harness.seed(BotStatefulSet.seedExample().shards(16).shardsPerBot(4).replicas(2));
    harness.discord.respondByDefault(gatewayBot(12, 1000, 1));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.SCALED);
    assertThat(result.reason()).isEqualTo(Reason.REPLICAS_CORRECTED);
    assertThat(result.message()).contains(held);
    assertThat(harness.replicas()).isEqualTo(4);
    assertThat(harness.botEnv()).containsEntry("SHARDS", "16").containsEntry("SHARDS_PER_BOT", "4");
    if (scaleDown.equals("1")) {
      assertThat(harness.annotation(Markers.SCALE_DOWN_SINCE)).as("the window runs on").isNotNull();
    }
  }

  @Test
  void aMissingPerPodVariableIsFilledInWithTheNextChange() {
    harness.seed(BotStatefulSet.seedExample().shards(16).shardsPerBot(null).replicas(4));
    harness.discord.respondByDefault(gatewayBot(20, 1000, 1));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.reason()).isEqualTo(Reason.SCALED_UP);
    assertThat(harness.botEnv()).containsEntry("SHARDS", "20").containsEntry("SHARDS_PER_BOT", "4");
  }

  // ---- #3 the window's peak goes through every rule again -----------------------------------

  @Test
  void aMaxConcurrencyJumpDuringTheWindowNeverWritesACountDiscordRefuses() {
    harness.env.put("K8S_SCALEDOWN", "1");
    harness.seed(
        BotStatefulSet.seedExample()
            .shards(48)
            .replicas(12)
            .annotation(Markers.SCALE_DOWN_SINCE, "2026-11-27T11:00:00Z")
            .annotation(Markers.SCALE_DOWN_PEAK, "35"));
    harness.discord.respondByDefault(gatewayBot(30, 1000, 16));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.reason()).isEqualTo(Reason.SCALE_DOWN_STABILIZING);
    assertThat(harness.botEnv()).as("35 would be refused (4010)").containsEntry("SHARDS", "48");
    assertThat(harness.annotation(Markers.SCALE_DOWN_SINCE)).as("window restarted").isEqualTo(NOW);
    assertThat(harness.annotation(Markers.SCALE_DOWN_PEAK)).isEqualTo("30 " + NOW);
  }

  @Test
  void aLoweredCapBoundsTheWindowsPeak() {
    harness.env.put("K8S_SCALEDOWN", "1");
    harness.env.put("SCALER_MAX_SHARDS", "9");
    harness.seed(
        BotStatefulSet.seedExample()
            .annotation(Markers.SCALE_DOWN_SINCE, "2026-11-27T11:00:00Z")
            .annotation(Markers.SCALE_DOWN_PEAK, "10"));
    harness.discord.respondByDefault(gatewayBot(8, 1000, 1));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.reason()).isEqualTo(Reason.SCALED_DOWN);
    assertThat(harness.botEnv()).containsEntry("SHARDS", "9");
  }

  @Test
  void aHandEditBelowThePeakIsNeverTurnedIntoAnIncrease() {
    harness.env.put("K8S_SCALEDOWN", "1");
    harness.env.put("K8S_SCALEUP", "0");
    harness.seed(
        BotStatefulSet.seedExample()
            .shards(8)
            .replicas(2)
            .annotation(Markers.SCALE_DOWN_SINCE, "2026-11-27T11:00:00Z")
            .annotation(Markers.SCALE_DOWN_PEAK, "10"));
    harness.discord.respondByDefault(gatewayBot(6, 1000, 1));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(harness.botEnv()).containsEntry("SHARDS", "8");
  }

  // ---- #4 a blocked, due scale-down keeps its window -----------------------------------------

  @Test
  void aDueScaleDownBlockedByTheBudgetKeepsItsWindow() {
    harness.env.put("K8S_SCALEDOWN", "1");
    harness.seed(
        BotStatefulSet.seedExample()
            .annotation(Markers.SCALE_DOWN_SINCE, "2026-11-27T11:00:00Z")
            .annotation(Markers.SCALE_DOWN_PEAK, "10"));
    harness.discord.respondByDefault(gatewayBot(8, 50, 1));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.reason()).isEqualTo(Reason.IDENTIFY_BUDGET);
    assertThat(harness.writes())
        .as("at most the window's markers: when a pass looked")
        .allSatisfy(w -> assertThat(w.body()).doesNotContain("/spec"));
    assertThat(harness.annotation(Markers.SCALE_DOWN_SINCE)).isEqualTo("2026-11-27T11:00:00Z");

    harness.discord.respondByDefault(gatewayBot(8, 1000, 1));
    ScaleResult later = harness.scheduledPass();
    assertThat(later.reason()).as("still due: no new 24 h").isEqualTo(Reason.SCALED_DOWN);
    assertThat(harness.annotation(Markers.SCALE_DOWN_SINCE)).as("cleared by the change").isNull();
  }

  // ---- #5 a stopped or paused bot is left alone ----------------------------------------------

  @Test
  void aBotAtZeroReplicasIsNeverWoken() {
    harness.seed(BotStatefulSet.seedExample().replicas(0));
    harness.discord.respondByDefault(gatewayBot(16, 1000, 1));

    ScaleResult result = harness.pass(ScaleRequest.because("force").withShards(20));

    assertThat(result.reason()).isEqualTo(Reason.STOPPED);
    assertThat(result.message()).contains("kubectl scale statefulset");
    assertThat(harness.writes()).isEmpty();
    assertThat(harness.replicas()).isZero();
  }

  @Test
  void thePauseAnnotationHoldsTheScaler() {
    harness.seed(BotStatefulSet.seedExample().annotation(Markers.PAUSED, "true"));
    harness.discord.respondByDefault(gatewayBot(16, 1000, 1));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.reason()).isEqualTo(Reason.PAUSED);
    assertThat(result.message()).contains("shardscaler.dev/paused-");
    assertThat(harness.writes()).isEmpty();
  }

  // ---- #6 the cap ------------------------------------------------------------------------

  @Test
  void noCountFitsACapBelowTheRequiredMultiple() {
    harness.env.put("SCALER_MAX_SHARDS", "10");
    harness.seed(BotStatefulSet.seedExample().shards(8).replicas(2));
    harness.discord.respondByDefault(gatewayBot(9, 1000, 16));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.outcome())
        .as("a setting to fix: visible as a failure")
        .isEqualTo(Outcome.FAILED);
    assertThat(result.reason()).isEqualTo(Reason.NO_VALID_COUNT);
    assertThat(result.message()).contains("SCALER_MAX_SHARDS=10").contains("16");
    assertThat(harness.writes()).isEmpty();
  }

  @Test
  void aRunningCountDiscordRefusesIsCorrectedAtOnce() {
    harness.env.put("K8S_SHARDS_PER_BOT", "16");
    harness.seed(BotStatefulSet.seedExample().shards(162).shardsPerBot(16).replicas(11));
    harness.discord.respondByDefault(gatewayBot(160, 5000, 16));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.reason()).as(result.message()).isEqualTo(Reason.SCALED_UP);
    assertThat(result.message()).contains("not a multiple of Discord's max_concurrency 16");
    assertThat(harness.botEnv())
        .as("scaling down is off: up to the next count Discord accepts")
        .containsEntry("SHARDS", "176");
  }

  @Test
  void aRunningCountDiscordRefusesGoesDownToTheRecommendationWhenAllowed() {
    harness.env.put("K8S_SHARDS_PER_BOT", "16");
    harness.env.put("K8S_SCALEDOWN", "1");
    harness.seed(BotStatefulSet.seedExample().shards(162).shardsPerBot(16).replicas(11));
    harness.discord.respondByDefault(gatewayBot(160, 5000, 16));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.reason()).as("no window to wait out").isEqualTo(Reason.SCALED_DOWN);
    assertThat(harness.botEnv()).containsEntry("SHARDS", "160");
  }

  // ---- #7 markers that cannot be trusted -----------------------------------------------------

  @Test
  void aLastChangeInTheFutureIsIgnoredAndReplaced() {
    harness.seed(
        BotStatefulSet.seedExample().annotation(Markers.LAST_CHANGE, "2027-06-01T00:00:00Z 8→12"));
    harness.discord.respondByDefault(gatewayBot(16, 1000, 1));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.reason()).isEqualTo(Reason.SCALED_UP);
    assertThat(result.warnings()).anyMatch(w -> w.contains(Markers.LAST_CHANGE));
    assertThat(harness.annotation(Markers.LAST_CHANGE)).isEqualTo(NOW + " 12→16");
  }

  @Test
  void anUnreadableMarkerWarnsAndIsReplacedAtTheNextWrite() {
    harness.seed(BotStatefulSet.seedExample().annotation(Markers.SCALE_DOWN_PEAK, "lots"));
    harness.discord.respondByDefault(gatewayBot(12, 1000, 1));

    ScaleResult quiet = harness.scheduledPass();

    assertThat(quiet.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(quiet.warnings()).anyMatch(w -> w.contains("\"lots\""));
    assertThat(harness.writes()).as("nothing else to write: left until then").isEmpty();

    harness.discord.respondByDefault(gatewayBot(16, 1000, 1));
    ScaleResult change = harness.scheduledPass();

    assertThat(change.reason()).isEqualTo(Reason.SCALED_UP);
    assertThat(harness.annotation(Markers.SCALE_DOWN_PEAK)).isNull();
    assertThat(harness.annotation("example.com/owner")).as("foreign ones untouched").isNotNull();
  }

  // ---- #8 overrides hold -----------------------------------------------------------------

  @Test
  void anOverrideHoldsUntilItExpiresAndTheScheduledPassDoesNotUndoIt() {
    harness.seed(BotStatefulSet.seedExample());
    harness.discord.respondByDefault(gatewayBot(12, 1000, 1));

    ScaleResult repack =
        harness.pass(
            ScaleRequest.because("launch day")
                .withShardsPerBot(6)
                .withOverrideFor(Duration.ofHours(6)));

    assertThat(repack.reason()).isEqualTo(Reason.REPACKED);
    assertThat(repack.override().until()).isEqualTo("2026-11-28T18:00:00Z");
    assertThat(harness.annotation(Markers.OVERRIDE)).contains("\"shardsPerBot\":6");
    JsonArray events =
        harness.kube.get("/api/v1/namespaces/discord/events").getAsJsonArray("items");
    assertThat(events.get(0).getAsJsonObject().get("message").getAsString())
        .as("the request's reason reaches the Event")
        .endsWith("(reason: launch day)");

    harness.finishRollout();
    harness.clock.advance(Duration.ofHours(2));
    ScaleResult scheduled = harness.scheduledPass();

    assertThat(scheduled.reason()).isEqualTo(Reason.IN_SYNC);
    assertThat(scheduled.override()).isNotNull();
    assertThat(harness.botEnv()).containsEntry("SHARDS_PER_BOT", "6");

    harness.clock.advance(Duration.ofHours(5));
    ScaleResult expired = harness.scheduledPass();

    assertThat(expired.reason()).isEqualTo(Reason.REPACKED);
    assertThat(expired.warnings()).anyMatch(w -> w.contains("expired"));
    assertThat(harness.botEnv()).containsEntry("SHARDS_PER_BOT", "4");
    assertThat(harness.annotation(Markers.OVERRIDE)).isNull();
  }

  @Test
  void clearOverrideEndsItAtOnce() {
    harness.seed(BotStatefulSet.seedExample());
    harness.discord.respondByDefault(gatewayBot(12, 1000, 1));
    harness.pass(ScaleRequest.because("test").withShards(16));
    harness.finishRollout();
    harness.clock.advance(Duration.ofHours(2));

    ScaleResult cleared = harness.pass(ScaleRequest.because("done").withClearOverride(true));

    assertThat(cleared.override()).isNull();
    assertThat(harness.annotation(Markers.OVERRIDE)).isNull();
    assertThat(cleared.reason())
        .as("the configured rules again: Discord says 12, scaling down is off")
        .isEqualTo(Reason.SCALE_DOWN_DISABLED);
  }

  @Test
  void aDryRunOverrideRecordsNothing() {
    harness.seed(BotStatefulSet.seedExample());
    harness.discord.respondByDefault(gatewayBot(12, 1000, 1));

    ScaleResult result =
        harness.pass(ScaleRequest.because("what if").withShards(40).withDryRun(true));

    assertThat(result.outcome()).isEqualTo(Outcome.DRY_RUN);
    assertThat(result.override().shards()).isEqualTo(40);
    assertThat(harness.writes()).isEmpty();
  }

  // ---- #10 unbounded time --------------------------------------------------------------------

  @Test
  void aBodyTrickledAByteAtATimeCannotHoldThePass() {
    harness.seed(BotStatefulSet.seedExample());
    harness.discord.respondByDefault(gatewayBot(16, 1000, 1).withTrickle(Duration.ofMillis(100)));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.reason()).isEqualTo(Reason.DISCORD_UNAVAILABLE);
    assertThat(result.message()).contains("did not answer").contains("after 3 attempts");
    assertThat(harness.writes()).isEmpty();
  }

  @Test
  void aPassEndsAtItsDeadlineWithoutWriting() {
    harness.env.put("SCALER_DISCORD_READ_TIMEOUT", "60s");
    harness.env.put("SCALER_PASS_DEADLINE", "5s");
    harness.env.put("SCALER_K8S_TIMEOUT", "1s");
    harness.seed(BotStatefulSet.seedExample());
    harness.discord.respondByDefault(gatewayBot(16, 1000, 1).withTrickle(Duration.ofMillis(200)));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
    assertThat(Statuses.httpStatus(result)).isEqualTo(504);
    assertThat(result.message())
        .contains("SCALER_PASS_DEADLINE 5s")
        .contains("nothing was changed");
    assertThat(harness.writes()).isEmpty();
  }

  // ---- #11 the truth after a lost answer -----------------------------------------------------

  /** The PATCH reaches the API server (or not); its answer never comes back. */
  static final class LostAnswer implements StatefulSets {
    private final StatefulSets delegate;
    private final boolean landed;

    LostAnswer(StatefulSets delegate, boolean landed) {
      this.delegate = delegate;
      this.landed = landed;
    }

    @Override
    public Snapshot read(Target target, EnvNames names) {
      return delegate.read(target, names);
    }

    @Override
    public void patch(
        Snapshot snapshot, ShardCounts layout, Map<String, String> annotations, EnvNames names) {
      if (landed) {
        delegate.patch(snapshot, layout, annotations, names);
      }
      throw new KubernetesApiException(
          Reason.KUBERNETES_UNAVAILABLE,
          0,
          "could not reach the Kubernetes API to patch statefulsets \"bot\": timeout",
          true);
    }

    @Override
    public void recordEvent(Snapshot snapshot, boolean warning, String reason, String message) {
      delegate.recordEvent(snapshot, warning, reason, message);
    }
  }

  @Test
  void aPatchThatLandedIsReportedAsAppliedWithItsEvent() {
    harness.seed(BotStatefulSet.seedExample());
    harness.discord.respondByDefault(gatewayBot(16, 1000, 1));
    harness.wrapCluster(cluster -> new LostAnswer(cluster, true));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.SCALED);
    assertThat(result.warnings()).anyMatch(w -> w.contains("a re-read shows the change landed"));
    assertThat(harness.botEnv()).containsEntry("SHARDS", "16");
    assertThat(harness.kube.get("/api/v1/namespaces/discord/events").getAsJsonArray("items"))
        .hasSize(1);
  }

  @Test
  void aPatchThatDidNotLandIsReportedAsNothingChanged() {
    harness.seed(BotStatefulSet.seedExample());
    harness.discord.respondByDefault(gatewayBot(16, 1000, 1));
    harness.wrapCluster(cluster -> new LostAnswer(cluster, false));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.reason()).isEqualTo(Reason.KUBERNETES_UNAVAILABLE);
    assertThat(result.message()).contains("a re-read shows the change had not landed");
    assertThat(harness.botEnv()).containsEntry("SHARDS", "12");
  }

  // ---- #12 absurd input ----------------------------------------------------------------------

  @Test
  void anAbsurdCountIsRefusedByName() {
    harness.seed(BotStatefulSet.seedExample());

    ScaleResult result = harness.pass(ScaleRequest.because("x").withShards(1_000_000));

    assertThat(result.reason()).isEqualTo(Reason.INVALID_REQUEST);
    assertThat(result.message()).contains("\"shards\" must be from 1 to 100000");
    assertThat(harness.kube.requests()).isEmpty();
  }

  @Test
  void theLargestCountKeepsTheResultSmall() {
    harness.seed(BotStatefulSet.seedExample());
    harness.discord.respondByDefault(gatewayBot(16, 1000, 1));
    harness.env.put("K8S_SHARDS_PER_BOT", "1");

    ScaleResult result =
        harness.pass(ScaleRequest.because("x").withShards(100_000).withDryRun(true));

    assertThat(result.desired()).isEqualTo(ShardCounts.of(100_000, 1));
    assertThat(result.assignments()).hasSize(Assignment.MAX_ROWS);
    assertThat(result.assignmentsOmitted()).isEqualTo(100_000 - Assignment.MAX_ROWS);
    assertThat(result.toJson().length()).isLessThan(200_000);
  }

  // ---- #14 a healthy rollout of a large bot is not stuck -------------------------------------

  @Test
  void aLargeBotsRolloutIsGivenTimeInProportion() {
    harness.seed(
        BotStatefulSet.seedExample()
            .shards(800)
            .replicas(200)
            .rolloutInProgress()
            .annotation(Markers.ROLLOUT_SINCE, "2026-11-28T10:00:00Z"));
    harness.discord.respondByDefault(gatewayBot(800, 1000, 1));

    ScaleResult result = harness.scheduledPass();

    assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(harness.writes())
        .as("at most the rollout's revision noted beside its start: no Event, no spec")
        .allSatisfy(
            w -> assertThat(w.method() + w.body()).doesNotContain("/spec").startsWith("PATCH"));
  }

  // ---- answers no layer expected (issue 14 #2) ----------------------------------------------

  /** An API server stand-in answering every request with one fixed body. */
  static HttpServer serving(String contentType, String body) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", contentType);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    return server;
  }

  @Test
  void anHtmlPageFromTheApiServerIsAFailedPassNotAnException() throws IOException {
    HttpServer proxy = serving("application/json", "<html><body>Login required</body></html>");
    try {
      ScaleResult result = passAgainst(proxy);

      assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(result.reason()).isEqualTo(Reason.KUBERNETES_BAD_RESPONSE);
      assertThat(result.message()).contains("not JSON");
      assertThat(harness.discord.requests()).isEmpty();
    } finally {
      proxy.stop(0);
    }
  }

  @Test
  void aContainerThatIsNotAnObjectIsNamed() throws IOException {
    JsonObject statefulSet = BotStatefulSet.seedExample().toJson();
    statefulSet
        .getAsJsonObject("spec")
        .getAsJsonObject("template")
        .getAsJsonObject("spec")
        .getAsJsonArray("containers")
        .add("oops");
    HttpServer api = serving("application/json", statefulSet.toString());
    try {
      ScaleResult result = passAgainst(api);

      assertThat(result.reason()).isEqualTo(Reason.INVALID_STATEFULSET);
      assertThat(result.message()).contains("containers[1] is not an object");
    } finally {
      api.stop(0);
    }
  }

  private ScaleResult passAgainst(HttpServer server) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    var settings = dev.shardscaler.core.config.Settings.fromEnv(harness.env);
    ScaleFunction function =
        new ScaleFunction(
            settings,
            dev.shardscaler.core.discord.HttpDiscordGateway.fromSettings(settings, harness.clock),
            new dev.shardscaler.core.kubernetes.KubernetesStatefulSets(
                dev.shardscaler.core.kubernetes.KubernetesClients.forEndpoint(
                    url, null, null, Duration.ofSeconds(2)),
                harness.clock),
            harness.clock);
    ScaleResult result = function.apply(ScaleRequest.scheduled());
    harness.results.add(result);
    assertThat(Instant.parse(result.startedAt())).isNotNull();
    return result;
  }
}
