package dev.shardscaler.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "application/json                         | application/json | null",
        "Application/JSON ; Charset=UTF-8         | application/json | utf-8",
        "application/json;charset=\"utf-8\"       | application/json | utf-8",
        "application/cloudevents+json; a=b        | application/cloudevents+json | null",
        "text/plain; charset=iso-8859-1           | text/plain | iso-8859-1",
      })
  void parses(String value, String type, String charset) {
    assertThat(MediaType.parse(value)).isEqualTo(new MediaType(type, charset));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "json",
        "application/",
        "/json",
        "application/json, text/plain",
        "application json/x",
        "application/json; charset",
        "application/json; charset=utf-8; charset=latin1",
        "application/json; =x",
        "appli\u00e7ation/json"
      })
  void refusesAnythingButOneMediaType(String value) {
    assertThat(MediaType.parse(value)).isNull();
  }
}
