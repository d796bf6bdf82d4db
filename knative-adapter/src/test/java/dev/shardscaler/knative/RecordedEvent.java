package dev.shardscaler.knative;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A recorded HTTP trigger from {@code src/test/resources/events/}: headers and body. */
record RecordedEvent(Map<String, String> headers, String body) {

  static RecordedEvent load(String name) {
    try (InputStream in = RecordedEvent.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no event fixture " + name);
      }
      JsonObject json =
          JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .getAsJsonObject();
      Map<String, String> headers = new LinkedHashMap<>();
      json.getAsJsonObject("headers")
          .entrySet()
          .forEach(e -> headers.put(e.getKey(), e.getValue().getAsString()));
      return new RecordedEvent(headers, json.get("body").getAsString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RecordedEvent withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new RecordedEvent(copy, body);
  }

  HttpResponse<String> post(String url) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
