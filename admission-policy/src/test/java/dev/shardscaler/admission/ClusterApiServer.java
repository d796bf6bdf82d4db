package dev.shardscaler.admission;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enough of a Kubernetes API server, over real HTTP, for a whole blue/green reshard by the scaler's
 * own client code: StatefulSets and ConfigMaps in one namespace (get, create, JSON Patch guarded by
 * resourceVersion, delete guarded by preconditions) and Events (create). Every write is kept with
 * the object before and after, as admission would see them, and — for a create — the objects stored
 * at that moment (a sibling's policy compares it with the bot's set).
 */
final class ClusterApiServer implements AutoCloseable {
  private static final Pattern PATH =
      Pattern.compile(
          "/(?:apis/apps|api)/v1/namespaces/([^/]+)/(statefulsets|configmaps|events)(?:/([^/]+))?");

  /** One write: before (null for a create), after (null for a delete). */
  record Write(
      String operation,
      String resource,
      String name,
      JsonObject old,
      JsonObject object,
      Map<String, JsonObject> storedBefore) {}

  private final HttpServer server;
  private final Map<String, JsonObject> objects = new LinkedHashMap<>();
  private final List<Write> writes = new ArrayList<>();
  private long resourceVersion = 60_000;

  ClusterApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized void put(String resource, JsonObject object) {
    objects.put(resource + "/" + name(object), withoutNulls(object));
  }

  /** The object with every JSON null member left out, at any depth. */
  static JsonObject withoutNulls(JsonObject object) {
    JsonObject copy = new JsonObject();
    object
        .entrySet()
        .forEach(
            e -> {
              if (!e.getValue().isJsonNull()) {
                copy.add(e.getKey(), withoutNulls(e.getValue()));
              }
            });
    return copy;
  }

  private static com.google.gson.JsonElement withoutNulls(com.google.gson.JsonElement element) {
    if (element.isJsonObject()) {
      return withoutNulls(element.getAsJsonObject());
    }
    if (element.isJsonArray()) {
      com.google.gson.JsonArray copy = new com.google.gson.JsonArray();
      element.getAsJsonArray().forEach(e -> copy.add(withoutNulls(e)));
      return copy;
    }
    return element.deepCopy();
  }

  synchronized JsonObject get(String resource, String name) {
    JsonObject object = objects.get(resource + "/" + name);
    return object == null ? null : object.deepCopy();
  }

  /** What the StatefulSet controller reports once every pod of the set is up and Ready. */
  synchronized void settle(String name) {
    JsonObject set = objects.get("statefulsets/" + name);
    if (set == null) {
      return;
    }
    long generation = set.getAsJsonObject("metadata").get("generation").getAsLong();
    int replicas = set.getAsJsonObject("spec").get("replicas").getAsInt();
    JsonObject status = new JsonObject();
    status.addProperty("observedGeneration", generation);
    status.addProperty("replicas", replicas);
    status.addProperty("readyReplicas", replicas);
    status.addProperty("currentReplicas", replicas);
    status.addProperty("updatedReplicas", replicas);
    status.addProperty("currentRevision", name + "-" + generation);
    status.addProperty("updateRevision", name + "-" + generation);
    set.add("status", status);
    set.getAsJsonObject("metadata")
        .addProperty("resourceVersion", String.valueOf(++resourceVersion));
  }

  synchronized List<Write> writes() {
    return List.copyOf(writes);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
    Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
    if (!path.matches()) {
      respond(exchange, 404, status(404, "not modelled"));
      return;
    }
    String resource = path.group(2);
    String name = path.group(3);
    String key = resource + "/" + name;
    JsonObject current = name == null ? null : objects.get(key);
    switch (exchange.getRequestMethod()) {
      case "GET" -> {
        if (current == null) {
          respond(exchange, 404, status(404, resource + " \"" + name + "\" not found"));
        } else {
          respond(exchange, 200, current.toString());
        }
      }
      case "POST" -> {
        JsonObject created = withoutNulls(JsonParser.parseString(body).getAsJsonObject());
        String createdName = name(created);
        if (objects.containsKey(resource + "/" + createdName)) {
          respond(exchange, 409, status(409, "already exists"));
          return;
        }
        Map<String, JsonObject> before = snapshot();
        JsonObject metadata = created.getAsJsonObject("metadata");
        metadata.addProperty("namespace", path.group(1));
        metadata.addProperty("uid", UUID.randomUUID().toString());
        metadata.addProperty("creationTimestamp", "2026-11-28T12:00:00Z");
        if (resource.equals("statefulsets")) {
          metadata.addProperty("generation", 1);
        }
        writes.add(new Write("CREATE", resource, createdName, null, created.deepCopy(), before));
        metadata.addProperty("resourceVersion", String.valueOf(++resourceVersion));
        if (!resource.equals("events")) {
          objects.put(resource + "/" + createdName, created);
        }
        respond(exchange, 201, created.toString());
      }
      case "PATCH" -> {
        if (current == null) {
          respond(exchange, 404, status(404, "not found"));
          return;
        }
        JsonObject patched = withoutNulls(JsonPatches.apply(body, current));
        if (!patched
            .getAsJsonObject("metadata")
            .get("resourceVersion")
            .equals(current.getAsJsonObject("metadata").get("resourceVersion"))) {
          respond(exchange, 409, status(409, "the object has been modified"));
          return;
        }
        if (resource.equals("statefulsets")) {
          if (!patched.get("spec").equals(current.get("spec"))) {
            JsonObject metadata = patched.getAsJsonObject("metadata");
            metadata.addProperty("generation", metadata.get("generation").getAsLong() + 1);
          }
          if (current.has("status")) {
            patched.add("status", current.get("status").deepCopy());
          }
        }
        writes.add(
            new Write(
                "UPDATE", resource, name, current.deepCopy(), patched.deepCopy(), snapshot()));
        patched
            .getAsJsonObject("metadata")
            .addProperty("resourceVersion", String.valueOf(++resourceVersion));
        objects.put(key, patched);
        respond(exchange, 200, patched.toString());
      }
      case "DELETE" -> {
        if (current == null) {
          respond(exchange, 404, status(404, "not found"));
          return;
        }
        JsonObject preconditions =
            body.isBlank()
                ? new JsonObject()
                : JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("preconditions");
        for (String field : List.of("uid", "resourceVersion")) {
          if (preconditions != null
              && preconditions.has(field)
              && !preconditions.get(field).equals(current.getAsJsonObject("metadata").get(field))) {
            respond(exchange, 409, status(409, "precondition failed: " + field));
            return;
          }
        }
        writes.add(new Write("DELETE", resource, name, current.deepCopy(), null, snapshot()));
        objects.remove(key);
        respond(exchange, 200, status(200, "deleted"));
      }
      default -> respond(exchange, 405, status(405, "method not allowed"));
    }
  }

  private Map<String, JsonObject> snapshot() {
    Map<String, JsonObject> copy = new LinkedHashMap<>();
    objects.forEach((key, value) -> copy.put(key, value.deepCopy()));
    return copy;
  }

  private static String name(JsonObject object) {
    return object.getAsJsonObject("metadata").get("name").getAsString();
  }

  private static String status(int code, String message) {
    JsonObject status = new JsonObject();
    status.addProperty("kind", "Status");
    status.addProperty("apiVersion", "v1");
    status.addProperty("code", code);
    status.addProperty("message", message);
    return status.toString();
  }

  private static void respond(HttpExchange exchange, int code, String json) throws IOException {
    byte[] bytes = json.getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
