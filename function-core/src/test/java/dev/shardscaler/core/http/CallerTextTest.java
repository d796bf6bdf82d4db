package dev.shardscaler.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CallerTextTest {

  static Stream<Arguments> texts() {
    return Stream.of(
        Arguments.of("plain", "scheduled", "\"scheduled\""),
        Arguments.of("tab and newline", "a\tb\nc", "\"a\\u0009b\\u000Ac\""),
        Arguments.of("ESC colour", "\u001b[31mred", "\"\\u001B[31mred\""),
        Arguments.of("NUL and DEL", "a\u0000b\u007f", "\"a\\u0000b\\u007F\""),
        Arguments.of("C1 next line", "a\u0085b", "\"a\\u0085b\""),
        Arguments.of("line separator", "a\u2028b", "\"a\\u2028b\""),
        Arguments.of("right-to-left override", "a\u202eb", "\"a\\u202Eb\""),
        Arguments.of("a lone surrogate", "a\ud800b", "\"a\\uD800b\""),
        Arguments.of("a backslash", "a\\u0041", "\"a\\\\u0041\""),
        Arguments.of(
            "a quote that would end the value", "x\" overrides=false", "\"x\\\" overrides=false\""),
        Arguments.of(
            "emoji with joiners, accents",
            "caf\u00e9 \ud83d\udc68\u200d\ud83d\udc69",
            "\"caf\u00e9 \ud83d\udc68\u200d\ud83d\udc69\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("texts")
  void escapesWhatBreaksALine(String name, String text, String quoted) {
    assertThat(CallerText.quote(text)).isEqualTo(quoted);
    assertThat(CallerText.quote(text).codePoints().noneMatch(CallerText::unsafe)).isTrue();
  }

  @Test
  void cutsLongText() {
    assertThat(CallerText.quote("x".repeat(100))).isEqualTo("\"" + "x".repeat(60) + "\u2026\"");
  }
}
