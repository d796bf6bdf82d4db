package dev.shardscaler.testkit.property;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Runs a property over generated cases. Every try draws its case from a {@link Source} seeded by
 * the run's seed and the try's number alone, so one failing try can be replayed by itself. Prints
 * one line per property (name, tries, seed, what the property counted); a failure names the
 * property, the try, the seed, how to replay it, and the case, with the original failure as cause.
 */
public final class Property {
  /** Longer case descriptions are cut in failure messages (the replay gives the whole case). */
  static final int MAX_CASE_LENGTH = 20_000;

  private Property() {}

  /** A property of one case; it fails by throwing (an assertion, any exception). */
  @FunctionalInterface
  public interface Check<T> {
    void check(T value) throws Exception;
  }

  /** A property that also counts what its cases reach, for the printed line. */
  @FunctionalInterface
  public interface CountingCheck<T> {
    void check(T value, Statistics statistics) throws Exception;
  }

  public static <T> void forAll(String name, int tries, Generator<T> generator, Check<T> property) {
    forAll(name, tries, generator, (value, statistics) -> property.check(value));
  }

  public static <T> void forAll(
      String name, int tries, Generator<T> generator, CountingCheck<T> property) {
    run(RunOptions.fromSystemProperties(), System.out::println, name, tries, generator, property);
  }

  /** The run with explicit options and output: the harness's own tests. */
  static <T> void run(
      RunOptions options,
      Consumer<String> out,
      String name,
      int tries,
      Generator<T> generator,
      CountingCheck<T> property) {
    long seed = options.seed() != null ? options.seed() : ThreadLocalRandom.current().nextLong();
    int total = options.scaled(tries);
    int first = options.onlyTry() == null ? 1 : options.onlyTry();
    int last = options.onlyTry() == null ? total : options.onlyTry();
    Statistics statistics = new Statistics();
    for (int at = first; at <= last; at++) {
      T value;
      try {
        value = generator.next(new Source(trySeed(seed, at)));
      } catch (RuntimeException | Error e) {
        throw failure(name, at, total, seed, "(the generator failed)", e, out);
      }
      try {
        property.check(value, statistics);
      } catch (Exception | Error e) { // a StackOverflowError is a finding too
        throw failure(name, at, total, seed, describe(value), e, out);
      }
    }
    String tried = options.onlyTry() == null ? total + " tries" : "try " + first + " alone";
    String counted = statistics.total() == 0 ? "" : "; " + statistics.report();
    out.accept("property " + name + ": " + tried + ", seed " + seed + counted);
  }

  /** The seed of one try: the run's seed and the try's number, mixed (SplitMix64's finalizer). */
  static long trySeed(long runSeed, int tryNumber) {
    long z = runSeed + tryNumber * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static AssertionError failure(
      String name,
      int at,
      int total,
      long seed,
      String value,
      Throwable cause,
      Consumer<String> out) {
    String where = "try " + at + " of " + total + ", seed " + seed;
    out.accept("property " + name + ": FAILED at " + where);
    return new AssertionError(
        "property "
            + name
            + " failed at "
            + where
            + "\n  replay this try alone: -D"
            + RunOptions.SEED
            + "="
            + seed
            + " -D"
            + RunOptions.TRY
            + "="
            + at
            + " (every try: -D"
            + RunOptions.SEED
            + "="
            + seed
            + ")\n  case: "
            + value
            + "\n  failure: "
            + printable(String.valueOf(cause), true),
        cause);
  }

  private static String describe(Object value) {
    String text;
    try {
      text = String.valueOf(value);
    } catch (RuntimeException e) {
      return "(its toString failed: " + e + ")";
    }
    return printable(
        text.length() <= MAX_CASE_LENGTH
            ? text
            : text.substring(0, MAX_CASE_LENGTH)
                + "… ("
                + (text.length() - MAX_CASE_LENGTH)
                + " more chars)",
        false);
  }

  /**
   * The text with every invisible char (line breaks too, unless kept) as its Java escape: generated
   * cases hold control characters, lone surrogates and line separators, which would otherwise
   * garble or cut the message in consoles and test reports.
   */
  static String printable(String text, boolean keepLines) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        out.append(c).append(text.charAt(++i));
      } else if (visible(c) || c == '\t' || keepLines && c == '\n') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  private static boolean visible(char c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.PRIVATE_USE ->
          false;
      default -> true;
    };
  }
}
