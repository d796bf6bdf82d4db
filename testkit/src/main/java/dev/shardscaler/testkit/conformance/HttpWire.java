package dev.shardscaler.testkit.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Sends a {@link Call} over real HTTP/1.1 to a base URL, exactly as given (method case kept). */
public final class HttpWire {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private HttpWire() {}

  /**
   * @param baseUrl e.g. {@code http://127.0.0.1:8080} (no trailing slash)
   */
  public static Answer send(String baseUrl, Call call) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + call.target()))
            .timeout(Duration.ofSeconds(90))
            .method(
                call.method(),
                call.body().length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    for (Map.Entry<String, String> header : call.headers()) {
      request.header(header.getKey(), header.getValue());
    }
    try {
      HttpResponse<byte[]> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(
          response.statusCode(),
          response.headers().map(),
          new String(response.body(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(call.method() + " " + call.target() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
