package dev.shardscaler.core.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.Strategy;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.BotSet;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.SnapshotReader;
import dev.shardscaler.core.plan.ShardCounts;
import dev.shardscaler.testkit.BotStatefulSet;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The step for each state of the objects: one row per rule of {@link Steps}. */
class StepsTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final Strategy STRATEGY =
      new Strategy(Strategy.Kind.BLUEGREEN, Duration.ofMinutes(2), Duration.ofMinutes(10));
  static final ShardCounts SIXTEEN = new ShardCounts(16, 4, 4);

  /** One row: the objects, and what must hold of the step. */
  record Row(SwitchState state, BotSet original, BotSet sibling, Consumer<Step> expect) {}

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "no switch, no sibling: plan on the bot's set",
            null,
            bot(3, true),
            null,
            step -> assertThat(plan(step).active().name()).isEqualTo("bot")),
        row(
            "a set named bot-b that the scaler did not make: fail, touch nothing",
            null,
            bot(3, true),
            set("bot-b", 3, true, false),
            step -> assertThat(fail(step).reason()).isEqualTo(Reason.INVALID_STATEFULSET)),
        row(
            "no switch, only the sibling runs: adopt it",
            null,
            bot(0, true),
            sibling(4, true),
            step -> assertThat(((Step.Adopt) step).active().name()).isEqualTo("bot-b")),
        row(
            "no switch, both run: fail rather than guess",
            null,
            bot(3, true),
            sibling(4, true),
            step -> assertThat(fail(step).reason()).isEqualTo(Reason.INVALID_SWITCH)),
        row(
            "no switch, the bot runs, a drained sibling is left: remove it",
            null,
            bot(3, true),
            sibling(0, true),
            step -> assertThat(((Step.Remove) step).set().name()).isEqualTo("bot-b")),
        row(
            "steady on bot-b, the bot's own set dormant at zero: plan on bot-b",
            SwitchState.steady("bot-b", NOW),
            bot(0, true),
            sibling(4, true),
            step -> {
              assertThat(plan(step).active().name()).isEqualTo("bot-b");
              assertThat(plan(step).hold()).isNull();
            }),
        row(
            "steady on bot-b, the bot's set runs pods again: drain it (bot-b is Ready)",
            SwitchState.steady("bot-b", NOW),
            bot(3, true),
            sibling(4, true),
            step -> assertThat(((Step.Drain) step).set().name()).isEqualTo("bot")),
        row(
            "steady on bot-b, the bot's set runs pods, bot-b not Ready: never drain, hold",
            SwitchState.steady("bot-b", NOW),
            bot(3, true),
            sibling(4, false),
            step -> {
              assertThat(plan(step).hold().reason()).isEqualTo(Reason.BLUEGREEN_WAITING);
              assertThat(plan(step).notes()).hasSize(1);
            }),
        row(
            "steady on bot, the sibling's pods terminating: hold a reshard",
            SwitchState.steady("bot", NOW),
            bot(3, true),
            terminating(2),
            step -> assertThat(plan(step).hold().message()).contains("2 pods terminating")),
        row(
            "steady after a failed standby, within the interval: hold with the retry time",
            SwitchState.starting(
                    "bot", "bot-b", SIXTEEN, NOW.minusSeconds(1800), Duration.ofMinutes(30))
                .failed(NOW.minusSeconds(600), "not Ready"),
            bot(3, true),
            null,
            step -> {
              assertThat(plan(step).hold().reason()).isEqualTo(Reason.MIN_INTERVAL);
              assertThat(plan(step).hold().retryAt()).isEqualTo(NOW.plusSeconds(3000));
            }),
        row(
            "starting, the standby never created (a dead pass): plan again, pending",
            starting(NOW.minusSeconds(60)),
            bot(3, true),
            null,
            step -> assertThat(plan(step).pending()).isNotNull()),
        row(
            "starting, the standby not Ready yet: wait",
            starting(NOW.minusSeconds(60)),
            bot(3, true),
            sibling(4, false),
            step -> assertThat(((Step.Wait) step).reason()).isEqualTo(Reason.BLUEGREEN_WAITING)),
        row(
            "starting, not Ready at the deadline: roll back",
            starting(NOW.minus(Duration.ofMinutes(30))),
            bot(3, true),
            sibling(4, false),
            step -> assertThat(((Step.Rollback) step).to().name()).isEqualTo("bot-b")),
        row(
            "starting, the standby Ready: overlap",
            starting(NOW.minusSeconds(60)),
            bot(3, true),
            sibling(4, true),
            step -> assertThat(step).isInstanceOf(Step.Overlap.class)),
        row(
            "overlap within the propagation bound: wait until it has passed",
            starting(NOW.minusSeconds(600)).overlap(NOW.minusSeconds(60)),
            bot(3, true),
            sibling(4, true),
            step -> assertThat(((Step.Wait) step).retryAt()).isEqualTo(NOW.plusSeconds(60))),
        row(
            "overlap past the propagation bound: the new set alone",
            starting(NOW.minusSeconds(600)).overlap(NOW.minusSeconds(120)),
            bot(3, true),
            sibling(4, true),
            step -> assertThat(step).isInstanceOf(Step.Switch.class)),
        row(
            "overlap, the standby lost readiness: wait, both stay active",
            starting(NOW.minusSeconds(600)).overlap(NOW.minusSeconds(120)),
            bot(3, true),
            sibling(4, false),
            step -> assertThat(step).isInstanceOf(Step.Wait.class)),
        row(
            "switched within the grace period: wait, the old set stands by",
            starting(NOW.minusSeconds(900)).switched(NOW.minusSeconds(300)),
            bot(3, true),
            sibling(4, true),
            step -> assertThat(((Step.Wait) step).retryAt()).isEqualTo(NOW.plusSeconds(300))),
        row(
            "switched past the grace period: finish (the old set to zero)",
            starting(NOW.minusSeconds(900)).switched(NOW.minusSeconds(600)),
            bot(3, true),
            sibling(4, true),
            step -> assertThat(((Step.Finish) step).from().name()).isEqualTo("bot")),
        row(
            "switched past the grace, the new set not Ready: keep the old one standing by",
            starting(NOW.minusSeconds(900)).switched(NOW.minusSeconds(600)),
            bot(3, true),
            sibling(4, false),
            step -> assertThat(step).isInstanceOf(Step.Wait.class)),
        row(
            "the switch names bot-b active, bot-b is gone, the bot's set is at zero: fail",
            SwitchState.steady("bot-b", NOW),
            bot(0, true),
            null,
            step -> assertThat(fail(step).reason()).isEqualTo(Reason.INVALID_SWITCH)),
        row(
            "the switch names bot-b active, bot-b is gone, someone scaled the bot up: adopt it",
            SwitchState.steady("bot-b", NOW),
            bot(3, true),
            null,
            step -> assertThat(((Step.Adopt) step).active().name()).isEqualTo("bot")),
        row(
            "a pause on the bot's own set holds every phase",
            starting(NOW.minusSeconds(600)).overlap(NOW.minusSeconds(300)),
            paused(bot(3, true)),
            sibling(4, true),
            step -> assertThat(((Step.Wait) step).reason()).isEqualTo(Reason.PAUSED)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theStepFollowsFromTheObjects(Row row) {
    Step step =
        Steps.next(
            "bot-switch",
            row.state(),
            row.original(),
            row.sibling(),
            STRATEGY,
            Duration.ofHours(1),
            NOW);
    row.expect().accept(step);
  }

  static Arguments row(
      String name, SwitchState state, BotSet original, BotSet sibling, Consumer<Step> expect) {
    return Arguments.of(Named.of(name, new Row(state, original, sibling, expect)));
  }

  static SwitchState starting(Instant since) {
    return SwitchState.starting("bot", "bot-b", SIXTEEN, since, Duration.ofMinutes(30));
  }

  static Step.Plan plan(Step step) {
    assertThat(step).isInstanceOf(Step.Plan.class);
    return (Step.Plan) step;
  }

  static Step.Fail fail(Step step) {
    assertThat(step).isInstanceOf(Step.Fail.class);
    return (Step.Fail) step;
  }

  static BotSet bot(int replicas, boolean ready) {
    return set("bot", replicas, ready, false);
  }

  static BotSet sibling(int replicas, boolean ready) {
    return set("bot-b", replicas, ready, true);
  }

  static BotSet set(String name, int replicas, boolean ready, boolean ours) {
    JsonObject json =
        BotStatefulSet.seedExample()
            .name(name)
            .replicas(replicas)
            .shards(Math.max(4, replicas * 4))
            .toJson();
    json.getAsJsonObject("metadata").addProperty("uid", name + "-uid");
    if (ours) {
      json.getAsJsonObject("metadata").getAsJsonObject("labels").addProperty(BotSet.SET_OF, "bot");
    }
    if (!ready) {
      json.getAsJsonObject("status").addProperty("readyReplicas", Math.max(0, replicas - 1));
    }
    return read(json);
  }

  static BotSet terminating(int podsLeft) {
    BotSet set = sibling(0, true);
    set.json().getAsJsonObject("status").addProperty("replicas", podsLeft);
    return read(set.json());
  }

  static BotSet paused(BotSet set) {
    JsonObject json = set.json().deepCopy();
    JsonObject annotations = new JsonObject();
    annotations.addProperty("shardscaler.dev/paused", "true");
    json.getAsJsonObject("metadata").add("annotations", annotations);
    return read(json);
  }

  static BotSet read(JsonObject json) {
    String name = json.getAsJsonObject("metadata").get("name").getAsString();
    return new BotSet(
        json,
        SnapshotReader.read(
            new Target("discord", name, "bot"), json, new EnvNames("SHARDS", "SHARDS_PER_BOT")));
  }
}
