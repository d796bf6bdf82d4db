package dev.shardscaler.testkit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How properties run, from system properties (Maven passes {@code -D} user properties on to the
 * test JVM): {@code shardscaler.seed} fixes the run's seed (else each property draws its own),
 * {@code shardscaler.try} runs only that try of the seeded run, {@code shardscaler.tries.factor}
 * scales every property's tries.
 *
 * @param seed the run's seed; null for a random one per property
 * @param onlyTry the one try to run (from 1); null for all
 * @param triesFactor what each property's tries are multiplied by
 */
public record RunOptions(Long seed, Integer onlyTry, double triesFactor) {
  public static final String SEED = "shardscaler.seed";
  public static final String TRY = "shardscaler.try";
  public static final String TRIES_FACTOR = "shardscaler.tries.factor";

  /** Random seeds, every try, the tries as written. */
  public static final RunOptions DEFAULT = new RunOptions(null, null, 1);

  public RunOptions {
    if (onlyTry != null && (seed == null || onlyTry < 1)) {
      throw new IllegalArgumentException(
          "a replayed try needs the run's seed and a number from 1, got seed "
              + seed
              + " and try "
              + onlyTry);
    }
    if (!(triesFactor > 0) || Double.isInfinite(triesFactor)) {
      throw new IllegalArgumentException("the tries factor must be above 0, got " + triesFactor);
    }
  }

  public static RunOptions fromSystemProperties() {
    return from(System::getProperty);
  }

  /** The options from named values (a blank one is unset); every problem reported at once. */
  public static RunOptions from(Function<String, String> properties) {
    List<String> problems = new ArrayList<>();
    Long seed = parse(properties, SEED, Long::valueOf, s -> true, "an integer (a long)", problems);
    Integer onlyTry =
        parse(properties, TRY, Integer::valueOf, t -> t >= 1, "an integer from 1", problems);
    Double factor =
        parse(
            properties,
            TRIES_FACTOR,
            Double::valueOf,
            f -> f > 0 && !f.isInfinite(),
            "a number above 0",
            problems);
    if (onlyTry != null && seed == null && problems.isEmpty()) {
      problems.add(
          TRY + " replays one try of a seeded run: give the run's seed too (-D" + SEED + "=...)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new RunOptions(seed, onlyTry, factor == null ? 1 : factor);
  }

  /** The tries of a property written with {@code tries}, scaled (at least one). */
  public int scaled(int tries) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(tries * triesFactor)));
  }

  private static <T> T parse(
      Function<String, String> properties,
      String name,
      Function<String, T> parser,
      Predicate<T> valid,
      String expected,
      List<String> problems) {
    String text = properties.apply(name);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      T value = parser.apply(text.strip());
      if (valid.test(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " must be " + expected + ", got \"" + text + "\"");
    return null;
  }
}
