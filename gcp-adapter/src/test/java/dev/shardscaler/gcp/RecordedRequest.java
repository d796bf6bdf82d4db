package dev.shardscaler.gcp;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP request as a platform sends it, from {@code src/test/resources/events/}: method, headers,
 * body. {@code ${SCALER_HTTP_TOKEN}} in a header stands for the test's ad-hoc token.
 */
record RecordedRequest(String method, Map<String, String> headers, String body) {

  static RecordedRequest load(String name, String httpToken) {
    try (InputStream in = RecordedRequest.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no event " + name);
      }
      JsonObject event =
          JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .getAsJsonObject();
      Map<String, String> headers = new LinkedHashMap<>();
      event
          .getAsJsonObject("headers")
          .entrySet()
          .forEach(
              h ->
                  headers.put(
                      h.getKey(),
                      h.getValue().getAsString().replace("${SCALER_HTTP_TOKEN}", httpToken)));
      return new RecordedRequest(
          event.get("method").getAsString(), headers, event.get("body").getAsString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RecordedRequest withBody(String newBody) {
    return new RecordedRequest(method, headers, newBody);
  }

  RecordedRequest withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    if (value == null) {
      copy.remove(name);
    } else {
      copy.put(name, value);
    }
    return new RecordedRequest(method, copy, body);
  }

  RecordedRequest withMethod(String newMethod) {
    return new RecordedRequest(newMethod, headers, body);
  }
}
