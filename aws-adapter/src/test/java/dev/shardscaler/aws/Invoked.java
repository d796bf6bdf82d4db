package dev.shardscaler.aws;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** One call of the real {@code handleRequest}: what it wrote, or what it threw. */
record Invoked(String output, RuntimeException error) {

  static Invoked run(ScalerHandler handler, byte[] event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(
          new ByteArrayInputStream(event), out, new FakeContext(UUID.randomUUID().toString()));
      return new Invoked(out.toString(StandardCharsets.UTF_8), null);
    } catch (RuntimeException e) {
      return new Invoked(out.toString(StandardCharsets.UTF_8), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonObject json() {
    if (error != null) {
      throw new AssertionError("the handler threw instead of answering", error);
    }
    return JsonParser.parseString(output).getAsJsonObject();
  }

  /** For a function URL call: the status code. */
  int status() {
    return json().get("statusCode").getAsInt();
  }

  /** For a function URL call: the response body as JSON. */
  JsonObject body() {
    return JsonParser.parseString(json().get("body").getAsString()).getAsJsonObject();
  }

  String header(String name) {
    JsonObject headers = json().getAsJsonObject("headers");
    return headers.has(name) ? headers.get(name).getAsString() : null;
  }

  /** Everything the caller could see: the answer and the error's message chain. */
  String visible() {
    StringBuilder text = new StringBuilder(output);
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      text.append('\n').append(cause.getClass().getName()).append(": ").append(cause.getMessage());
    }
    return text.toString();
  }
}
