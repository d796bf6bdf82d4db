package dev.shardscaler.testkit.property;

/**
 * Makes one generated value from a {@link Source}. Generators are plain code: combine them by
 * calling one inside another ({@code s -> new Case(states(s), gateways(s))}).
 */
@FunctionalInterface
public interface Generator<T> {
  T next(Source source);
}
