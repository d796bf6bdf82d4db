package dev.shardscaler.simulator.check;

/**
 * A promise the scaler makes whatever the history, checked on every pass from what is observable.
 * Some remember earlier passes (the scale-down window, the interval between changes): use one
 * instance per simulation.
 */
public interface Invariant {
  /** A short stable id, e.g. {@code no-change-during-rollout}. */
  String id();

  /** The promise, in one sentence. */
  String promise();

  /** What broke it at this step, or null when it holds. */
  String check(Step step);
}
