package dev.shardscaler.simulator.check;

/**
 * No shard starts beyond the session-start budget: Discord would end every session and reset the
 * bot token.
 */
public final class IdentifyBudgetNeverOverdrawn implements Invariant {
  @Override
  public String id() {
    return "identify-budget-never-overdrawn";
  }

  @Override
  public String promise() {
    return "the identify budget is never exhausted (no start beyond it, remaining never negative)";
  }

  @Override
  public String check(Step step) {
    if (step.ledger().overdrawn() == 0) {
      return null;
    }
    return step.ledger().overdrawn()
        + " shard starts beyond the session-start budget since the previous pass"
        + " (lowest remaining "
        + step.ledger().lowestRemaining()
        + "): Discord resets the bot token";
  }
}
