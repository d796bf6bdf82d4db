package dev.shardscaler.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The source's draws, over many fixed seeds: in range, edges present, choices as weighted. */
class SourceTest {
  static final int DRAWS = 4000;

  /** What {@code draw} gives over {@value #DRAWS} sources with fixed seeds. */
  static <T> List<T> draws(Function<Source, T> draw) {
    return IntStream.range(0, DRAWS).mapToObj(i -> draw.apply(new Source(i))).toList();
  }

  @ParameterizedTest(name = "ints({0}, {1}) stay in range and hit {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "-1000; 1000; -1000 1000 0 1 -1",
        "5; 1000000000; 5 1000000000",
        "-2147483648; 2147483647; -2147483648 2147483647 0 1 -1",
        "0; 0; 0",
        "-3; 3; -3 3 0 1 -1"
      })
  void intsStayInRangeAndHitTheirEdges(int min, int max, String edges) {
    List<Integer> values = draws(s -> s.ints(min, max));

    assertThat(values).allMatch(v -> v >= min && v <= max);
    for (String edge : edges.split(" ")) {
      assertThat(values).contains(Integer.valueOf(edge));
    }
    if (min > 0) {
      assertThat(values).doesNotContain(0, -1);
    }
  }

  @Test
  void edgesAreMixedInAtASmallRate() {
    List<Integer> values = draws(s -> s.ints(-1_000_000, 1_000_000));

    long edges =
        values.stream().filter(v -> Set.of(-1_000_000, 1_000_000, 0, 1, -1).contains(v)).count();
    assertThat(edges).isBetween((long) (DRAWS * 0.02), (long) (DRAWS * 0.09));
  }

  @ParameterizedTest(name = "longs({0}, {1})")
  @CsvSource({
    "-9223372036854775808, 9223372036854775807",
    "0, 9223372036854775807",
    "-86400, 0",
    "0, 34560000"
  })
  void longsStayInRangeAndHitTheirBounds(long min, long max) {
    List<Long> values = draws(s -> s.longs(min, max));

    assertThat(values).allMatch(v -> v >= min && v <= max).contains(min, max);
    assertThat(values.stream().distinct().count()).isGreaterThan(DRAWS / 2);
  }

  @Test
  void anEmptyRangeIsRefused() {
    assertThatThrownBy(() -> new Source(1).ints(2, 1)).hasMessage("empty range: 2 to 1");
  }

  @Test
  void frequencyChoosesByWeightAndNeverAWeightOfZero() {
    List<String> values =
        draws(
            s ->
                s.frequency(
                    Weighted.value(9, "common"),
                    Weighted.of(1, t -> "rare"),
                    Weighted.value(0, "never")));

    long rare = values.stream().filter("rare"::equals).count();
    assertThat(values).doesNotContain("never");
    assertThat(rare).isBetween((long) (DRAWS * 0.07), (long) (DRAWS * 0.13));
    assertThatThrownBy(() -> new Source(1).frequency(Weighted.value(0, "x")))
        .hasMessage("the weights add up to 0");
    assertThatThrownBy(() -> Weighted.value(-1, "x")).hasMessageContaining("got -1");
  }

  @Test
  void oneOfReachesEveryValueIncludingNull() {
    List<String> values = draws(s -> s.oneOf(java.util.Arrays.asList("a", "b", null)));

    assertThat(new HashSet<>(values)).containsExactlyInAnyOrder("a", "b", null);
    assertThat(draws(s -> s.oneOf(1, 2, 3))).containsOnly(1, 2, 3);
  }

  @Test
  void nullableIsNullWithItsProbability() {
    long nulls = draws(s -> s.nullable(0.3, t -> 1)).stream().filter(v -> v == null).count();

    assertThat(nulls).isBetween((long) (DRAWS * 0.25), (long) (DRAWS * 0.35));
    assertThat(draws(s -> s.nullable(0, t -> 1))).doesNotContainNull();
    assertThat(draws(s -> s.nullable(1, t -> 1))).containsOnlyNulls();
  }

  @Test
  void anyStringHasControlsSurrogatesAndPairsWithinItsLength() {
    List<String> values = draws(s -> s.strings(20));
    Map<String, Boolean> seen = new HashMap<>();
    for (String text : values) {
      assertThat(text.length()).isLessThanOrEqualTo(20);
      text.chars()
          .forEach(
              c -> {
                seen.merge("C0 control", c < 0x20, Boolean::logicalOr);
                seen.merge("DEL", c == 0x7F, Boolean::logicalOr);
                seen.merge("C1 control", c >= 0x80 && c <= 0x9F, Boolean::logicalOr);
                seen.merge("NUL", c == 0, Boolean::logicalOr);
                seen.merge("U+2028", c == 0x2028, Boolean::logicalOr);
                seen.merge("surrogate", Character.isSurrogate((char) c), Boolean::logicalOr);
              });
      seen.merge(
          "lone surrogate",
          text.codePoints().anyMatch(c -> Character.isSurrogate((char) c) && c <= 0xFFFF),
          Boolean::logicalOr);
      seen.merge("supplementary", text.codePoints().anyMatch(c -> c > 0xFFFF), Boolean::logicalOr);
      seen.merge("printable", text.chars().anyMatch(c -> c >= 'a' && c <= 'z'), Boolean::logicalOr);
    }
    assertThat(seen).allSatisfy((kind, found) -> assertThat(found).as(kind).isTrue()).hasSize(9);
    assertThat(values).contains("");
    assertThat(values.stream().mapToInt(String::length).max().orElseThrow()).isEqualTo(20);
  }

  @Test
  void alphabetStringsUseOnlyTheirAlphabet() {
    String alphabet = Source.ALPHANUMERIC + " -é";
    List<String> values = draws(s -> s.strings(40, alphabet));

    assertThat(values)
        .allMatch(text -> text.codePoints().allMatch(c -> alphabet.indexOf(c) >= 0))
        .allMatch(text -> text.length() <= 40)
        .anyMatch(text -> text.contains("é"))
        .anyMatch(text -> text.contains("Z"))
        .anyMatch(text -> text.contains("0"));
  }

  @Test
  void bytesAndListsKeepTheirSizes() {
    List<byte[]> bytes = draws(s -> s.bytes(80));
    List<List<Integer>> lists = draws(s -> s.lists(1, 3, t -> t.ints(0, 9)));

    assertThat(bytes)
        .allMatch(b -> b.length <= 80)
        .anyMatch(b -> b.length == 0)
        .anyMatch(b -> b.length == 80);
    Set<Byte> everyByte = new HashSet<>();
    bytes.forEach(
        b -> {
          for (byte x : b) {
            everyByte.add(x);
          }
        });
    assertThat(everyByte).hasSize(256);
    assertThat(lists).allMatch(l -> l.size() >= 1 && l.size() <= 3);
    assertThat(new HashSet<>(lists.stream().map(List::size).toList()))
        .containsExactlyInAnyOrder(1, 2, 3);
  }

  @Test
  void theSameSeedGivesTheSameValues() {
    List<Object> one = new ArrayList<>();
    List<Object> two = new ArrayList<>();
    for (List<Object> into : List.of(one, two)) {
      Source s = new Source(99);
      into.add(s.ints(0, 1_000_000));
      into.add(s.strings(30));
      into.add(List.of(s.bytes(10)).toString().length());
      into.add(s.lists(0, 5, t -> t.longs(-5, 5)));
    }
    assertThat(two).isEqualTo(one);
  }
}
