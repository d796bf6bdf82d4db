package dev.shardscaler.core.notify;

import dev.shardscaler.core.ScaleResult;
import java.util.List;

/** Tells a bot team what a pass means for its bots, after the pass; never fails the pass. */
public interface Notifier {

  /** Nothing configured: nothing sent, nothing remembered. */
  Notifier NONE = (runs, all) -> List.of();

  /**
   * One target's part of the pass.
   *
   * @param tokenSource where its token comes from, in words (advice names it; never the value)
   */
  record TargetRun(String name, String tokenSource, ScaleResult result) {}

  /**
   * Sends what the results call for and remembers it. Never throws; takes at most about three times
   * {@code SCALER_NOTIFY_TIMEOUT}.
   *
   * @param all true when the pass covered every configured target (memory of targets no longer
   *     configured is then dropped)
   * @return warnings for the result (a message not delivered, memory not readable); never a URL
   */
  List<String> afterPass(List<TargetRun> runs, boolean all);
}
