package dev.shardscaler.testkit.conformance;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What came back: the status, the headers (names in lower case, every value) and the body as text.
 * A status of 0 means the entry point gave no HTTP answer at all (e.g. a Lambda error): the body
 * then says what happened instead.
 */
public record Answer(int status, Map<String, List<String>> headers, String body) {

  public Answer {
    Map<String, List<String>> lower = new TreeMap<>();
    headers.forEach(
        (name, values) ->
            lower
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new java.util.ArrayList<>())
                .addAll(values));
    headers = Map.copyOf(lower);
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body as JSON, or null when it is not JSON. */
  public JsonElement json() {
    try {
      return JsonParser.parseString(body);
    } catch (JsonParseException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return status + " " + headers + " " + body;
  }
}
