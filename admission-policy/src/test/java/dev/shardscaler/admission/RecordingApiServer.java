package dev.shardscaler.admission;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Just enough of a Kubernetes API server, over real HTTP, to let the scaler's own client code read
 * one StatefulSet, patch it and record an Event, and to keep what it sent: the JSON Patch body and
 * content type, and the Event. Admission is not modelled here; the tests apply what was recorded.
 */
final class RecordingApiServer implements AutoCloseable {
  record Recorded(String method, String path, String contentType, String body) {}

  private final HttpServer server;
  private final JsonObject statefulSet;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();

  RecordingApiServer(JsonObject statefulSet) throws IOException {
    this.statefulSet = statefulSet;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  Recorded only(String method) {
    List<Recorded> matching = requests.stream().filter(r -> r.method().equals(method)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + method + ", got " + requests);
    }
    return matching.get(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    requests.add(
        new Recorded(method, path, exchange.getRequestHeaders().getFirst("Content-Type"), body));
    String namespace = statefulSet.getAsJsonObject("metadata").get("namespace").getAsString();
    String name = statefulSet.getAsJsonObject("metadata").get("name").getAsString();
    String statefulSetPath = "/apis/apps/v1/namespaces/" + namespace + "/statefulsets/" + name;
    String eventsPath = "/api/v1/namespaces/" + namespace + "/events";
    if (path.equals(statefulSetPath) && (method.equals("GET") || method.equals("PATCH"))) {
      // The answer to a PATCH is not what the tests look at: they apply the recorded patch.
      respond(exchange, 200, statefulSet.toString());
    } else if (path.equals(eventsPath) && method.equals("POST")) {
      respond(exchange, 201, body);
    } else {
      respond(exchange, 404, "{\"kind\":\"Status\",\"code\":404,\"message\":\"not modelled\"}");
    }
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
