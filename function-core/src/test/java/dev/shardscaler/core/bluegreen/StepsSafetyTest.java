package dev.shardscaler.core.bluegreen;

import static dev.shardscaler.core.bluegreen.StepsTest.NOW;
import static dev.shardscaler.core.bluegreen.StepsTest.STRATEGY;
import static dev.shardscaler.core.bluegreen.StepsTest.bot;
import static dev.shardscaler.core.bluegreen.StepsTest.paused;
import static dev.shardscaler.core.bluegreen.StepsTest.sibling;
import static dev.shardscaler.core.bluegreen.StepsTest.starting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The two rules docs/BLUEGREEN.md promises, and "a pause on either set stops every step", in the
 * states an adversarial review found them broken: a paused standby, a rollback while the old set is
 * not Ready, a standby scaled by hand away from the planned layout.
 */
class StepsSafetyTest {

  private static Step next(
      SwitchState state,
      dev.shardscaler.core.kubernetes.BotSet original,
      dev.shardscaler.core.kubernetes.BotSet sibling) {
    return Steps.next("bot-switch", state, original, sibling, STRATEGY, Duration.ofHours(1), NOW);
  }

  /**
   * Rule 2: "a set that is not active is scaled down or removed only while the active one is
   * Ready". In the overlap both sets serve; when the standby falters past its deadline while the
   * old set is not Ready either (a pod of it restarting), the rollback deletes the standby — whose
   * Ready pods cover the guilds of the old set's missing pod — although the set left active is not
   * Ready.
   */
  @Test
  void overlapRollbackNeverRemovesTheStandbyWhileTheOldSetIsNotReady() {
    Step step =
        next(
            starting(NOW.minusSeconds(3600)).overlap(NOW.minus(Duration.ofMinutes(30))),
            bot(3, false),
            sibling(4, false));
    assertThat(step)
        .as("rule 2: bot (2/3 Ready) is left alone active while bot-b, serving, is removed")
        .isInstanceOf(Step.Wait.class);
    assertThat(((Step.Wait) step).message()).contains("not Ready either");
  }

  /**
   * The neighbour: with the old set Ready, the faltering standby is rolled back at its deadline.
   */
  @Test
  void overlapRollbackGoesAheadWhileTheOldSetIsReady() {
    Step step =
        next(
            starting(NOW.minusSeconds(3600)).overlap(NOW.minus(Duration.ofMinutes(30))),
            bot(3, true),
            sibling(4, false));
    assertThat(step).isInstanceOf(Step.Rollback.class);
  }

  /** "shardscaler.dev/paused on either set stops every step": a paused standby at its deadline. */
  @Test
  void aPausedStandbyIsNotRemovedAtItsDeadline() {
    Step step =
        next(starting(NOW.minus(Duration.ofMinutes(30))), bot(3, true), paused(sibling(4, false)));
    assertThat(step).isInstanceOf(Step.Wait.class);
    assertThat(((Step.Wait) step).reason()).isEqualTo(Reason.PAUSED);
  }

  /** The same during the overlap: a paused standby must not be switched to. */
  @Test
  void aPausedStandbyIsNotSwitchedTo() {
    Step step =
        next(
            starting(NOW.minusSeconds(600)).overlap(NOW.minusSeconds(300)),
            bot(3, true),
            paused(sibling(4, true)));
    assertThat(step).isInstanceOf(Step.Wait.class);
    assertThat(((Step.Wait) step).reason()).isEqualTo(Reason.PAUSED);
  }

  /** Steady on the bot, a paused sibling left running (someone investigates it): not drained. */
  @Test
  void aPausedSiblingLeftRunningIsNotDrained() {
    Step step = next(SwitchState.steady("bot", NOW), bot(3, true), paused(sibling(4, true)));
    assertThat(step).isNotInstanceOf(Step.Drain.class).isNotInstanceOf(Step.Remove.class);
  }

  /**
   * The switch moves to the standby on its own spec.replicas, not on the layout it was started
   * with: a standby scaled down by hand while it starts (16 shards planned on 4 pods, bot-b at 2)
   * is "Ready" with 2 pods that run shards 0-7 only, and the overlap (then the switch, then the
   * drain of bot) hands shards 8-15 to no session at all.
   */
  @Test
  void aStandbyThatDoesNotRunThePlannedLayoutIsNeverSwitchedTo() {
    Step step = next(starting(NOW.minusSeconds(60)), bot(3, true), handScaled(2));
    assertThat(step)
        .as("bot-b runs 2 of the 4 pods of [16 shards / 4 per pod]")
        .isInstanceOf(Step.Wait.class);
    assertThat(((Step.Wait) step).message()).contains("running [16 shards / 2 pods × 4]");
  }

  /** The same after the switch: the old set is scaled to zero although bot-b lost half its pods. */
  @Test
  void theOldSetIsNotDrainedWhenTheActiveSetNoLongerRunsThePlannedLayout() {
    Step step =
        next(
            starting(NOW.minusSeconds(3600))
                .overlap(NOW.minusSeconds(1800))
                .switched(NOW.minusSeconds(900)),
            bot(3, true),
            handScaled(2));
    assertThat(step)
        .as("bot-b runs 2 of the 4 pods of [16 shards / 4 per pod]")
        .isInstanceOf(Step.Fail.class);
    assertThat(((Step.Fail) step).message()).contains("not the [16 shards / 4 pods × 4]");
  }

  /** bot-b with the 16-shard layout's env, scaled by hand to {@code replicas} pods, all Ready. */
  private static dev.shardscaler.core.kubernetes.BotSet handScaled(int replicas) {
    com.google.gson.JsonObject json =
        dev.shardscaler.testkit.BotStatefulSet.seedExample()
            .name("bot-b")
            .replicas(replicas)
            .shards(16)
            .toJson();
    json.getAsJsonObject("metadata").addProperty("uid", "bot-b-uid");
    json.getAsJsonObject("metadata")
        .getAsJsonObject("labels")
        .addProperty(dev.shardscaler.core.kubernetes.BotSet.SET_OF, "bot");
    dev.shardscaler.core.kubernetes.BotSet set = StepsTest.read(json);
    assertThat(set.layout().shards()).isEqualTo(16);
    assertThat(set.replicas()).isEqualTo(replicas);
    assertThat(set.ready()).isTrue();
    return set;
  }
}
