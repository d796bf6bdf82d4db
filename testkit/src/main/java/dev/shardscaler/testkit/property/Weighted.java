package dev.shardscaler.testkit.property;

/**
 * One alternative of {@link Source#frequency}: drawn with a probability of its weight over the sum
 * of all weights.
 */
public record Weighted<T>(int weight, Generator<? extends T> generator) {
  public Weighted {
    if (weight < 0) {
      throw new IllegalArgumentException("a weight must be 0 or more, got " + weight);
    }
  }

  public static <T> Weighted<T> of(int weight, Generator<? extends T> generator) {
    return new Weighted<>(weight, generator);
  }

  /** An alternative that is always {@code value} (which may be null). */
  public static <T> Weighted<T> value(int weight, T value) {
    return new Weighted<>(weight, source -> value);
  }
}
