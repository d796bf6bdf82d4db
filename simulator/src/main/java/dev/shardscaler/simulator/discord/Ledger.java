package dev.shardscaler.simulator.discord;

/**
 * The session starts spent between two passes.
 *
 * @param spent starts spent
 * @param lowestRemaining the lowest remaining budget after a start (below zero when overdrawn);
 *     null when nothing was spent
 * @param overdrawn starts made with no budget left
 * @param remaining the budget now, as Discord reports it
 */
public record Ledger(int spent, Integer lowestRemaining, int overdrawn, int remaining) {
  public static final Ledger NONE = new Ledger(0, null, 0, 0);
}
