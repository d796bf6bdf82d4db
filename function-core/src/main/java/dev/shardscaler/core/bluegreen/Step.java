package dev.shardscaler.core.bluegreen;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.kubernetes.BotSet;
import java.time.Instant;
import java.util.List;

/** What one blue/green pass does: one step, decided from the objects as read ({@link Steps}). */
public sealed interface Step {

  /**
   * Plan on the active set as the rolling strategy does; a change of the shard layout starts a
   * standby set instead of patching the active one. {@code hold}, when set, holds such a change
   * (the old set still being cleaned up, a failed standby's back-off). {@code pending}: a switch in
   * STARTING whose standby was never created (the pass that wrote it died): the plan resumes it, or
   * drops it when no change is wanted any more.
   */
  record Plan(BotSet active, BotSet standby, SwitchState pending, Hold hold, List<String> notes)
      implements Step {}

  /** Nothing to write now; BLOCKED with the reason (a wait, a pause). */
  record Wait(Reason reason, String message, Instant retryAt) implements Step {}

  /** The objects are in a state the scaler will not guess about: FAILED, nothing written. */
  record Fail(Reason reason, String message) implements Step {}

  /** No usable switch, one set runs: write a steady switch naming it. */
  record Adopt(BotSet active, String why) implements Step {}

  /** The standby is Ready: both sets handle events while the switch propagates. */
  record Overlap(BotSet from, BotSet to, SwitchState state) implements Step {}

  /** Every pod has seen the overlap: the new set alone handles events. */
  record Switch(BotSet from, BotSet to, SwitchState state) implements Step {}

  /** The grace period is over: the switch is steady on the new set, the old one scaled to zero. */
  record Finish(BotSet from, BotSet to, SwitchState state) implements Step {}

  /** A set that is not active still runs pods: scale it to zero. */
  record Drain(BotSet set, BotSet active, String why) implements Step {}

  /** The sibling runs no pods and is not active: delete it. */
  record Remove(BotSet set, BotSet active) implements Step {}

  /**
   * The standby did not become Ready in time: the switch back to the old set, the standby removed.
   */
  record Rollback(BotSet from, BotSet to, SwitchState state, String why) implements Step {}

  /** Why a change of the layout waits. */
  record Hold(Reason reason, String message, Instant retryAt) {}
}
