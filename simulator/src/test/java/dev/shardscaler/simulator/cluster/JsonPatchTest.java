package dev.shardscaler.simulator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonPatchTest {
  static final String DOCUMENT =
      """
      {"metadata": {"resourceVersion": "7", "annotations": {"a/b": "x", "keep": "y"}},
       "spec": {"replicas": 3, "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]}}
      """;

  static Stream<Arguments> applied() {
    return Stream.of(
        row(
            "add replaces an object member",
            "[{\"op\":\"add\",\"path\":\"/spec/replicas\",\"value\":4}]",
            "/spec/replicas",
            "4"),
        row(
            "add inserts into an array at the index",
            "[{\"op\":\"add\",\"path\":\"/spec/env/1\",\"value\":{\"name\":\"C\"}}]",
            "/spec/env",
            "[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"C\"},{\"name\":\"B\",\"value\":\"2\"}]"),
        row(
            "add with - appends",
            "[{\"op\":\"add\",\"path\":\"/spec/env/-\",\"value\":{\"name\":\"C\"}}]",
            "/spec/env",
            "[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"2\"},{\"name\":\"C\"}]"),
        row(
            "replace an array element",
            "[{\"op\":\"replace\",\"path\":\"/spec/env/0\",\"value\":{\"name\":\"A\",\"value\":\"9\"}}]",
            "/spec/env",
            "[{\"name\":\"A\",\"value\":\"9\"},{\"name\":\"B\",\"value\":\"2\"}]"),
        row(
            "remove with an escaped key (~1 is /)",
            "[{\"op\":\"remove\",\"path\":\"/metadata/annotations/a~1b\"}]",
            "/metadata/annotations",
            "{\"keep\":\"y\"}"),
        row(
            "a passing test changes nothing",
            "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"7\"}]",
            "/metadata/resourceVersion",
            "\"7\""));
  }

  @ParameterizedTest
  @MethodSource
  void applied(JsonArray patch, String pointer, String expected) {
    JsonObject document = JsonParser.parseString(DOCUMENT).getAsJsonObject();

    JsonPatch.apply(document, patch);

    assertThat(at(document, pointer)).isEqualTo(JsonParser.parseString(expected));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        row(
            "replace of a missing member",
            "[{\"op\":\"replace\",\"path\":\"/spec/paused\",\"value\":1}]",
            "nothing to remove or replace at /spec/paused"),
        row(
            "remove of a missing member",
            "[{\"op\":\"remove\",\"path\":\"/metadata/annotations/nope\"}]",
            "nothing to remove or replace at /metadata/annotations/nope"),
        row(
            "add under a missing parent",
            "[{\"op\":\"add\",\"path\":\"/status/replicas\",\"value\":1}]",
            "add at /status/replicas: no such member"),
        row(
            "an index beyond the array",
            "[{\"op\":\"replace\",\"path\":\"/spec/env/2\",\"value\":{}}]",
            "index 2 in /spec/env/2 is out of bounds"),
        row(
            "an index that is not a number",
            "[{\"op\":\"add\",\"path\":\"/spec/env/x\",\"value\":{}}]",
            "\"x\" in /spec/env/x is not an array index"),
        row(
            "a failing test",
            "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":4}]",
            "test failed at /spec/replicas: the value is 3"),
        row(
            "an operation the simulator does not apply",
            "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/spec/x\"}]",
            "\"move\" is not an operation the simulator applies"),
        row(
            "a path without a leading slash",
            "[{\"op\":\"add\",\"path\":\"spec\",\"value\":1}]",
            "path \"spec\" must start with /"),
        row(
            "an add without a value",
            "[{\"op\":\"add\",\"path\":\"/spec/x\"}]",
            "operation 0 has no \"value\""));
  }

  @ParameterizedTest
  @MethodSource
  void refused(JsonArray patch, String message) {
    JsonObject document = JsonParser.parseString(DOCUMENT).getAsJsonObject();

    assertThatThrownBy(() -> JsonPatch.apply(document, patch))
        .isInstanceOf(JsonPatch.PatchException.class)
        .hasMessageContaining(message);
  }

  private static Arguments row(String name, String patch, Object... rest) {
    Object[] values = new Object[rest.length + 1];
    values[0] = Named.of(name, JsonParser.parseString(patch).getAsJsonArray());
    System.arraycopy(rest, 0, values, 1, rest.length);
    return Arguments.of(values);
  }

  private static Object at(JsonObject document, String pointer) {
    com.google.gson.JsonElement at = document;
    for (String token : JsonPatch.pointer(pointer, 0)) {
      at =
          at.isJsonArray()
              ? at.getAsJsonArray().get(Integer.parseInt(token))
              : at.getAsJsonObject().get(token);
    }
    return at;
  }
}
