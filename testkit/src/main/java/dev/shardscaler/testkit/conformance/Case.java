package dev.shardscaler.testkit.conformance;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One row of the conformance table: how the fakes are set up, the call, and what every entry point
 * must answer; where the answer depends on the entry point's {@link AuthenticationStyle}, the row
 * says so for each style.
 */
public record Case(
    String area,
    String name,
    Consumer<Backends> arrange,
    Call call,
    Expectation expected,
    Map<AuthenticationStyle, Expectation> byStyle) {

  public static Case of(String area, String name, Call call, Expectation expected) {
    return new Case(area, name, backends -> {}, call, expected, Map.of());
  }

  public Case arranged(Consumer<Backends> setup) {
    return new Case(area, name, setup, call, expected, byStyle);
  }

  /** What an entry point of {@code style} answers instead. */
  public Case when(AuthenticationStyle style, Expectation instead) {
    Map<AuthenticationStyle, Expectation> copy = new EnumMap<>(AuthenticationStyle.class);
    copy.putAll(byStyle);
    copy.put(style, instead);
    return new Case(area, name, arrange, call, expected, Map.copyOf(copy));
  }

  public Expectation expectation(AuthenticationStyle style) {
    return byStyle.getOrDefault(style, expected);
  }

  @Override
  public String toString() {
    return area + ": " + name;
  }
}
