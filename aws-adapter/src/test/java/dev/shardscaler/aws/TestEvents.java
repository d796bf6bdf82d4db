package dev.shardscaler.aws;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded Lambda events from {@code src/test/resources/events/}, and edited copies of them. */
final class TestEvents {
  private TestEvents() {}

  static byte[] bytes(String name) {
    try (InputStream in = TestEvents.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no event fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject json(String name) {
    return JsonParser.parseString(new String(bytes(name), StandardCharsets.UTF_8))
        .getAsJsonObject();
  }

  /** A function URL event with another body (and content-length). */
  static JsonObject functionUrl(String name, String body) {
    JsonObject event = json(name);
    event.addProperty("body", body);
    event.addProperty("isBase64Encoded", false);
    event
        .getAsJsonObject("headers")
        .addProperty(
            "content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
    return event;
  }

  static JsonObject withHeader(JsonObject event, String name, String value) {
    JsonObject copy = event.deepCopy();
    copy.getAsJsonObject("headers").addProperty(name, value);
    return copy;
  }

  static JsonObject withPath(JsonObject event, String path) {
    JsonObject copy = event.deepCopy();
    copy.addProperty("rawPath", path);
    copy.getAsJsonObject("requestContext").getAsJsonObject("http").addProperty("path", path);
    return copy;
  }

  static byte[] utf8(Object json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
