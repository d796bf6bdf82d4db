package dev.shardscaler.core;

/** What a scaling pass did, in one word. */
public enum Outcome {
  /** The StatefulSet was patched to a new shard count, layout or replica count. */
  SCALED,
  /** Nothing to change (markers may have been updated). */
  UNCHANGED,
  /** A change is wanted but a guard or a switch holds it back; see the reason. */
  BLOCKED,
  /** Dry run: the pass would have scaled; nothing was written. */
  DRY_RUN,
  /** The pass could not be completed; nothing was changed unless the message says otherwise. */
  FAILED
}
