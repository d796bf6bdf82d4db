package dev.shardscaler.testkit.conformance;

/**
 * What a call presents to be allowed overrides, in the entry point's own terms (see {@link
 * AuthenticationStyle}).
 */
public enum Credentials {
  /** Nothing beyond what the platform itself requires. */
  NONE,
  /** What the entry point accepts for overrides. */
  VALID,
  /** A token that is not the configured one (the only thing a caller can get wrong). */
  WRONG
}
