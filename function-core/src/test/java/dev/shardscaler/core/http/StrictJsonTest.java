package dev.shardscaler.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.shardscaler.core.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8259 and nothing more, each mistake said in our words with its line and column. */
class StrictJsonTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "{\"a\":[1,-2.5e+3,0,true,false,null,\"x\\u00e9\\n\\\"\"]}",
        " \t\r\n{ \"a\" : { \"b\" : [ ] } } \n",
        "\"just a string\"",
        "1e10001",
        "-0.0E-7",
        "{\"emoji\":\"\\ud83d\\ude00 😀\"}",
      })
  void readsWhatTheRfcAllowsAsGsonDoes(String json) {
    JsonElement ours = StrictJson.parse(json, "body");

    assertThat(ours.toString()).isEqualTo(JsonParser.parseString(json).toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'{\"shards\": 16,'     | line 1, column 15: expected a field name in double quotes, got"
            + " the end of the body",
        "'{dryRun: true}'       | line 1, column 2: expected a field name in double quotes, got 'd'",
        "'{\"a\": 1,}'          | line 1, column 9: a comma before '}'",
        "'[1,]'                 | line 1, column 4: a comma before ']'",
        "'{} {}'                | line 1, column 4: unexpected '{' after the JSON value",
        "'{} // x'              | line 1, column 4: a comment after the JSON value",
        "'{\"a\": NaN}'         | line 1, column 7: expected a JSON value",
        "'{\"a\": 012}'         | line 1, column 8: a number must not start with 0",
        "'{\"a\": 1.}'          | line 1, column 9: expected a digit after the decimal point",
        "'{\"a\": 1e}'          | line 1, column 9: expected a digit in the exponent",
        "'{\"a\": -}'           | line 1, column 8: expected a digit in a number",
        "'{\"a\": tru}'         | line 1, column 7: expected a JSON value",
        "'{\"a\" 1}'            | line 1, column 6: expected ':' after the field name \"a\"",
        "'{\"a\":1 \"b\":2}'    | line 1, column 8: expected ',' or '}' after the value of \"a\"",
        "'{\"a\":\"x\\qy\"}'    | line 1, column 8: unknown escape \\q",
        "'{\"a\":\"\\u12\"}'    | line 1, column 7: \\u must be followed by four hexadecimal digits",
        "'{\"a\":\"open'        | line 1, column 11: a string is not closed",
        "'{\"a\":1,\"a\":2}'    | line 1, column 8: field \"a\" appears twice",
        "''                     | line 1, column 1: expected a JSON value, got the end of the body",
        "'{\n\n  \"a\" 1}'      | line 3, column 7: expected ':'",
        "'{\"a\":''x''}'        | line 1, column 6: a string in single quotes",
      })
  void saysWhereAndWhy(String json, String message) {
    assertThatThrownBy(() -> StrictJson.parse(json, "body"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("body is not valid JSON: " + message)
        .message()
        .doesNotContain("Gson", "JsonReader", "Strictness", "lenient");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\t", "\u0000", "\u001b", "\n"})
  void refusesRawControlCharactersInStringsAndNamesThemEscaped(String control) {
    assertThatThrownBy(() -> StrictJson.parse("{\"a\":\"x" + control + "\"}", "body"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("line 1, column 8: the control character U+00")
        .message()
        .doesNotContain(control);
  }

  @ParameterizedTest
  @ValueSource(ints = {StrictJson.MAX_DEPTH, StrictJson.MAX_DEPTH + 1})
  void nestsAtMost32Deep(int depth) {
    String json = "[".repeat(depth) + "]".repeat(depth);
    if (depth <= StrictJson.MAX_DEPTH) {
      assertThat(StrictJson.parse(json, "body").isJsonArray()).isTrue();
    } else {
      assertThatThrownBy(() -> StrictJson.parse(json, "body"))
          .hasMessageContaining("nested deeper than 32 levels");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e10001", "1e9999999999", "-12.50", "0"})
  void keepsANumbersLiteral(String literal) {
    assertThat(StrictJson.parse(literal, "body").getAsString()).isEqualTo(literal);
  }
}
