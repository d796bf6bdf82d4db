package dev.shardscaler.core.notify;

import static dev.shardscaler.core.notify.NoticeRulesTest.NOW;
import static dev.shardscaler.core.notify.NoticeRulesTest.SETTINGS;
import static dev.shardscaler.core.notify.NoticeRulesTest.condition;
import static dev.shardscaler.core.notify.NoticeRulesTest.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A dry run changes nothing, so it must not tell the channel that a told failure or block is over,
 * nor make the notifier forget it (TargetsFunction hands every pass, dry runs included, to the
 * notifier, which then patches its memory ConfigMap). A failure only a write meets (the admission
 * policy refusing the patch: KUBERNETES_REJECTED) is "over" for a dry run, which writes nothing:
 * the channel is told it recovered, the memory forgets it, and the next scheduled pass tells it
 * again as a new failure.
 */
class DryRunNoticeTest {

  @Test
  void aDryRunDuringAToldFailureTellsNoRecoveryAndForgetsNothing() {
    Memory.Condition told =
        condition("FAILED KUBERNETES_REJECTED", Duration.ofHours(2), Duration.ofHours(2), 12);
    NoticeRules.Step step =
        NoticeRules.step(
            "bot",
            told,
            result(Outcome.DRY_RUN, Reason.SCALED_UP),
            "the environment variable BOT_TOKEN",
            NOW,
            SETTINGS);
    assertThat(step.notices())
        .extracting(n -> n.kind() + " " + n.title())
        .as("a dry run proves nothing about the failure")
        .isEmpty();
    assertThat(step.next()).as("the told failure is still remembered").isNotNull();
  }
}
