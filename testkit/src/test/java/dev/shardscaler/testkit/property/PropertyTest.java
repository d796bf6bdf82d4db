package dev.shardscaler.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PropertyTest {
  static final long SEED = 4242;

  /** A case with a description of its own, as the failure message should show it. */
  record Pair(int left, int right) {}

  final List<String> lines = new ArrayList<>();

  static Generator<Pair> pairs() {
    return s -> new Pair(s.ints(0, 1000), s.ints(0, 1000));
  }

  /** Fails on the first pair whose sum is above 1500, and remembers every pair it saw. */
  static Property.CountingCheck<Pair> sumAtMost1500(List<Pair> seen) {
    return (pair, statistics) -> {
      seen.add(pair);
      assertThat(pair.left() + pair.right()).as("sum of %s", pair).isLessThanOrEqualTo(1500);
    };
  }

  AssertionError failing(RunOptions options, List<Pair> seen) {
    return catchThrowableOfType(
        AssertionError.class,
        () -> Property.run(options, lines::add, "sum", 1000, pairs(), sumAtMost1500(seen)));
  }

  @Test
  void aFailureNamesThePropertyTheTryTheSeedHowToReplayAndTheCase() {
    List<Pair> seen = new ArrayList<>();
    AssertionError failure = failing(new RunOptions(SEED, null, 1), seen);

    Pair culprit = seen.getLast();
    int tryNumber = seen.size();
    assertThat(culprit.left() + culprit.right()).isGreaterThan(1500);
    assertThat(failure)
        .hasMessageContaining("property sum failed at try " + tryNumber + " of 1000, seed 4242")
        .hasMessageContaining("-Dshardscaler.seed=4242 -Dshardscaler.try=" + tryNumber)
        .hasMessageContaining("case: " + culprit)
        .hasMessageContaining("failure: java.lang.AssertionError: [sum of " + culprit + "]")
        .cause()
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("sum of " + culprit);
    assertThat(lines)
        .containsExactly("property sum: FAILED at try " + tryNumber + " of 1000, seed 4242");
  }

  @Test
  void replayingTheSeedAndTryRunsThatCaseAloneAndFailsTheSameWay() {
    List<Pair> first = new ArrayList<>();
    AssertionError failure = failing(new RunOptions(SEED, null, 1), first);
    int tryNumber = first.size();

    List<Pair> replayed = new ArrayList<>();
    AssertionError again = failing(new RunOptions(SEED, tryNumber, 1), replayed);

    assertThat(replayed).containsExactly(first.getLast());
    assertThat(again.getMessage()).isEqualTo(failure.getMessage());
  }

  @Test
  void aRandomSeedIsPrintedAndReplaysTheSameCases() {
    List<Pair> seen = new ArrayList<>();
    Property.run(RunOptions.DEFAULT, lines::add, "any", 50, pairs(), (p, s) -> seen.add(p));
    Matcher printed =
        Pattern.compile("property any: 50 tries, seed (-?\\d+)").matcher(lines.get(0));
    assertThat(printed.matches()).as(lines.get(0)).isTrue();

    List<Pair> again = new ArrayList<>();
    long seed = Long.parseLong(printed.group(1));
    Property.run(
        new RunOptions(seed, null, 1), lines::add, "any", 50, pairs(), (p, s) -> again.add(p));

    assertThat(again).isEqualTo(seen);
  }

  @Test
  void eachPropertyDrawsItsOwnSeedUnlessOneIsGiven() {
    Property.run(RunOptions.DEFAULT, lines::add, "a", 1, pairs(), (p, s) -> {});
    Property.run(RunOptions.DEFAULT, lines::add, "a", 1, pairs(), (p, s) -> {});
    Property.run(new RunOptions(7L, null, 1), lines::add, "a", 1, pairs(), (p, s) -> {});

    assertThat(lines.get(0)).isNotEqualTo(lines.get(1));
    assertThat(lines.get(2)).isEqualTo("property a: 1 tries, seed 7");
  }

  @Test
  void triesAreIndependentDrawsAndTheSameForTheSameSeed() {
    List<Pair> one = new ArrayList<>();
    List<Pair> two = new ArrayList<>();
    Property.run(new RunOptions(1L, null, 1), lines::add, "x", 200, pairs(), (p, s) -> one.add(p));
    Property.run(new RunOptions(1L, null, 1), lines::add, "x", 200, pairs(), (p, s) -> two.add(p));
    Property.run(new RunOptions(2L, null, 1), lines::add, "x", 200, pairs(), (p, s) -> two.add(p));

    assertThat(two.subList(0, 200)).isEqualTo(one);
    assertThat(two.subList(200, 400)).isNotEqualTo(one);
    assertThat(one.stream().distinct().count()).isGreaterThan(190);
  }

  @Test
  void consecutiveTriesAreNotOneStreamShifted() {
    // SplittableRandom seeds one gamma apart give the same stream one draw later: mixed, they don't
    List<List<Boolean>> tries = new ArrayList<>();
    Property.run(
        new RunOptions(11L, null, 1),
        lines::add,
        "bits",
        100,
        s -> s.lists(64, 64, Source::bool),
        (bits, s) -> tries.add(bits));

    for (int i = 0; i + 1 < tries.size(); i++) {
      assertThat(tries.get(i + 1).subList(0, 63)).isNotEqualTo(tries.get(i).subList(1, 64));
    }
  }

  @Test
  void statisticsAreCountedAndPrintedAsShares() {
    Property.run(
        new RunOptions(3L, null, 1),
        lines::add,
        "parity",
        400,
        s -> s.oneOf(1, 2, 3, 4),
        (n, statistics) -> statistics.collect(n % 2 == 0 ? "even" : "odd", n > 3 ? "big" : ""));

    String line = lines.get(0);
    assertThat(line).startsWith("property parity: 400 tries, seed 3; ");
    assertThat(line)
        .containsPattern("even big \\d+\\.\\d%")
        .containsPattern("even \\d+\\.\\d%")
        .containsPattern("odd \\d+\\.\\d%")
        .doesNotContain("odd big");
    double sum =
        Pattern.compile("(\\d+\\.\\d)%")
            .matcher(line)
            .results()
            .mapToDouble(m -> Double.parseDouble(m.group(1)))
            .sum();
    assertThat(sum).isBetween(99.8, 100.2);
  }

  @Test
  void statisticsShowEachLabelsShareMostFrequentFirst() {
    Statistics statistics = new Statistics();
    statistics.collect("b");
    statistics.collect("a", "");
    statistics.collect("a");
    statistics.collect("SCALED", 409);
    statistics.collect("a");
    statistics.collect("c");
    statistics.collect("SCALED", 409);

    assertThat(statistics.total()).isEqualTo(7);
    assertThat(statistics.report()).isEqualTo("a 42.9%, SCALED 409 28.6%, b 14.3%, c 14.3%");
    assertThat(new Statistics().report()).isEmpty();
  }

  @Test
  void invisibleCharactersOfTheCaseAreEscapedInTheMessage() {
    String sneaky = "tick\u001b[31m\nnext\u2028\ud800 ok \ud83d\ude00";
    assertThatThrownBy(
            () ->
                Property.run(
                    new RunOptions(1L, null, 1),
                    lines::add,
                    "escape",
                    1,
                    s -> sneaky,
                    (v, s) -> {
                      throw new AssertionError("line one\nline two\u0000");
                    }))
        .hasMessageContaining("case: tick\\u001b[31m\\u000anext\\u2028\\ud800 ok \ud83d\ude00\n")
        .hasMessageContaining("failure: java.lang.AssertionError: line one\nline two\\u0000");
  }

  @Test
  void theTriesFactorScalesEveryProperty() {
    List<Pair> seen = new ArrayList<>();
    Property.run(
        new RunOptions(5L, null, 0.1), lines::add, "f", 3000, pairs(), (p, s) -> seen.add(p));

    assertThat(seen).hasSize(300);
    assertThat(lines).containsExactly("property f: 300 tries, seed 5");
  }

  @Test
  void aGeneratorThatThrowsIsReportedWithItsTryAndSeed() {
    Generator<Integer> broken =
        s -> {
          int n = s.ints(0, 9);
          if (n == 9) {
            throw new IllegalStateException("nine");
          }
          return n;
        };

    assertThatThrownBy(
            () ->
                Property.run(
                    new RunOptions(9L, null, 1), lines::add, "g", 500, broken, (n, s) -> {}))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("property g failed at try ")
        .hasMessageContaining("seed 9")
        .hasMessageContaining("case: (the generator failed)")
        .cause()
        .hasMessage("nine");
  }

  @Test
  void anExceptionOfThePropertyIsAFailureToo() {
    assertThatThrownBy(
            () ->
                Property.forAll(
                    "throws",
                    10,
                    s -> "x",
                    value -> {
                      throw new java.io.IOException("closed");
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("property throws failed at try 1 of ")
        .hasMessageContaining("case: x")
        .hasCauseInstanceOf(java.io.IOException.class);
  }

  @Test
  void aHugeCaseIsCutInTheMessage() {
    String huge = "y".repeat(Property.MAX_CASE_LENGTH + 5);
    assertThatThrownBy(
            () ->
                Property.run(
                    new RunOptions(1L, null, 1),
                    lines::add,
                    "h",
                    1,
                    s -> huge,
                    (v, s) -> {
                      throw new AssertionError("no");
                    }))
        .hasMessageContaining("y… (5 more chars)")
        .hasMessageNotContaining(huge);
  }
}
