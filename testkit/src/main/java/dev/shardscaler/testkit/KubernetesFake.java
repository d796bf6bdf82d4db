package dev.shardscaler.testkit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * An in-process Kubernetes API server (fabric8's mock in CRUD mode) on loopback HTTP, with a log of
 * the requests it received. Objects are seeded and inspected over the same HTTP API the scaler
 * uses.
 */
public final class KubernetesFake implements AutoCloseable {
  private final KubernetesMockServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<ReceivedRequest> received = new ArrayList<>();
  private static final String OWN_REQUEST_HEADER = "X-Shardscaler-Testkit";

  /** A request the server saw; {@code body} is empty for GET. */
  public record ReceivedRequest(String method, String path, String contentType, String body) {
    public boolean isWrite() {
      return !method.equals("GET");
    }
  }

  public KubernetesFake() {
    server =
        new KubernetesMockServer(
            new Context(),
            new io.fabric8.mockwebserver.MockWebServer(),
            new HashMap<>(),
            new RecordingDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
  }

  /** Base URL of the API server, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    String url = server.url("/");
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Creates a StatefulSet from its JSON (see {@link BotStatefulSet}); returns it as stored. */
  public JsonObject createStatefulSet(JsonObject statefulSet) {
    String namespace = statefulSet.getAsJsonObject("metadata").get("namespace").getAsString();
    JsonObject created = send("POST", statefulSetsPath(namespace), "application/json", statefulSet);
    if (statefulSet.has("status")) {
      String name = created.getAsJsonObject("metadata").get("name").getAsString();
      JsonObject patch = new JsonObject();
      patch.add("status", statefulSet.get("status"));
      created =
          send(
              "PATCH",
              statefulSetsPath(namespace) + "/" + name + "/status",
              "application/merge-patch+json",
              patch);
    }
    return created;
  }

  /** Replaces the status of a StatefulSet, as its controller would. */
  public JsonObject setStatus(String namespace, String name, JsonObject status) {
    JsonObject patch = new JsonObject();
    patch.add("status", status);
    return send(
        "PATCH",
        statefulSetsPath(namespace) + "/" + name + "/status",
        "application/merge-patch+json",
        patch);
  }

  /** Marks the StatefulSet's rollout finished: observed generation, revisions, ready replicas. */
  public JsonObject completeRollout(String namespace, String name) {
    JsonObject current = getStatefulSet(namespace, name);
    JsonObject metadata = current.getAsJsonObject("metadata");
    long generation = metadata.has("generation") ? metadata.get("generation").getAsLong() : 1;
    int replicas = current.getAsJsonObject("spec").get("replicas").getAsInt();
    String revision = name + "-rev" + generation;
    JsonObject status = new JsonObject();
    status.addProperty("observedGeneration", generation);
    status.addProperty("replicas", replicas);
    status.addProperty("readyReplicas", replicas);
    status.addProperty("currentReplicas", replicas);
    status.addProperty("updatedReplicas", replicas);
    status.addProperty("currentRevision", revision);
    status.addProperty("updateRevision", revision);
    return setStatus(namespace, name, status);
  }

  public JsonObject getStatefulSet(String namespace, String name) {
    return send("GET", statefulSetsPath(namespace) + "/" + name, null, null);
  }

  /**
   * Replaces the StatefulSet with a fresh one from {@code builder} and forgets every request: the
   * start of a test that shares one server with others.
   */
  public JsonObject reseed(BotStatefulSet builder) {
    try {
      deleteStatefulSet(builder.namespace(), builder.name());
    } catch (IllegalStateException absent) {
      // nothing to replace yet
    }
    JsonObject created = createStatefulSet(builder.toJson());
    clearRequests();
    return created;
  }

  /** Deletes a StatefulSet (to seed a fresh one). */
  public void deleteStatefulSet(String namespace, String name) {
    send("DELETE", statefulSetsPath(namespace) + "/" + name, null, null);
  }

  /** An empty ConfigMap (what the deployments ship for the notification memory). */
  public JsonObject createConfigMap(String namespace, String name) {
    JsonObject configMap =
        JsonParser.parseString(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                    + name
                    + "\",\"namespace\":\""
                    + namespace
                    + "\"}}")
            .getAsJsonObject();
    return send(
        "POST", "/api/v1/namespaces/" + namespace + "/configmaps", "application/json", configMap);
  }

  /**
   * The data of a ConfigMap (empty when it has none). The mock keeps a key a merge patch set to
   * null (the API server removes it, RFC 7386): such keys are left out here, as they would be gone.
   */
  public java.util.Map<String, String> configMapData(String namespace, String name) {
    JsonObject configMap = get("/api/v1/namespaces/" + namespace + "/configmaps/" + name);
    java.util.Map<String, String> data = new java.util.TreeMap<>();
    if (configMap.has("data") && configMap.get("data").isJsonObject()) {
      configMap
          .getAsJsonObject("data")
          .entrySet()
          .forEach(
              entry -> {
                if (!entry.getValue().isJsonNull()) {
                  data.put(entry.getKey(), entry.getValue().getAsString());
                }
              });
    }
    return data;
  }

  /** Any object or list by its API path, e.g. {@code /api/v1/namespaces/discord/events}. */
  public JsonObject get(String path) {
    return send("GET", path, null, null);
  }

  /** A change by someone else (a person, another controller), as a JSON merge patch. */
  public JsonObject mergePatchStatefulSet(String namespace, String name, JsonObject patch) {
    return send(
        "PATCH", statefulSetsPath(namespace) + "/" + name, "application/merge-patch+json", patch);
  }

  /** Every request the server received from others (the fake's own seeding is left out). */
  public synchronized List<ReceivedRequest> requests() {
    return List.copyOf(received);
  }

  public List<ReceivedRequest> writes() {
    return requests().stream().filter(ReceivedRequest::isWrite).toList();
  }

  public synchronized void clearRequests() {
    received.clear();
  }

  /**
   * The CRUD dispatcher, recording each request (with its body) before it is answered. It also
   * honours a DELETE's {@code preconditions} (uid, resourceVersion) as the API server does: 409
   * when the object is not the one the caller read. (fabric8's mock ignores the delete body.)
   */
  private final class RecordingDispatcher extends KubernetesCrudDispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
      if (request.getHeader(OWN_REQUEST_HEADER) == null) {
        synchronized (KubernetesFake.this) {
          received.add(
              new ReceivedRequest(
                  request.getMethod(),
                  request.getPath(),
                  request.getHeader("Content-Type"),
                  new String(body, StandardCharsets.UTF_8)));
        }
      }
      if (request.getMethod().equals("DELETE") && body.length > 0) {
        MockResponse refused = preconditionFailed(request.getPath(), body);
        if (refused != null) {
          return refused;
        }
      }
      return super.dispatch(request);
    }

    private MockResponse preconditionFailed(String path, byte[] body) {
      JsonObject options;
      try {
        options =
            JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
      } catch (RuntimeException e) {
        return null;
      }
      if (!options.has("preconditions")) {
        return null;
      }
      MockResponse current =
          handleGet(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
      if (current.code() != 200) {
        return null;
      }
      JsonObject metadata =
          JsonParser.parseString(current.getBody().readUtf8())
              .getAsJsonObject()
              .getAsJsonObject("metadata");
      JsonObject preconditions = options.getAsJsonObject("preconditions");
      for (String key : List.of("uid", "resourceVersion")) {
        if (preconditions.has(key)
            && !preconditions.get(key).getAsString().equals(metadata.get(key).getAsString())) {
          return new MockResponse()
              .setResponseCode(409)
              .setBody(
                  "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                      + "\"message\":\"Precondition failed: "
                      + key
                      + " in precondition: "
                      + preconditions.get(key).getAsString()
                      + ", "
                      + key
                      + " in object meta: "
                      + metadata.get(key).getAsString()
                      + "\",\"reason\":\"Conflict\",\"code\":409}");
        }
      }
      return null;
    }
  }

  /** Creates a ConfigMap from its JSON; returns it as stored. */
  public JsonObject createConfigMap(JsonObject configMap) {
    String namespace = configMap.getAsJsonObject("metadata").get("namespace").getAsString();
    return send(
        "POST", "/api/v1/namespaces/" + namespace + "/configmaps", "application/json", configMap);
  }

  /** A ConfigMap, or null when there is none of that name. */
  public JsonObject configMapOrNull(String namespace, String name) {
    return getOrNull("/api/v1/namespaces/" + namespace + "/configmaps/" + name);
  }

  /** A StatefulSet, or null when there is none of that name. */
  public JsonObject statefulSetOrNull(String namespace, String name) {
    return getOrNull(statefulSetsPath(namespace) + "/" + name);
  }

  /** Deletes any object by its API path. */
  public void delete(String path) {
    send("DELETE", path, null, null);
  }

  /** A change by someone else to any object, as a JSON merge patch. */
  public JsonObject mergePatch(String path, JsonObject patch) {
    return send("PATCH", path, "application/merge-patch+json", patch);
  }

  private JsonObject getOrNull(String path) {
    try {
      return send("GET", path, null, null);
    } catch (IllegalStateException e) {
      if (e.getMessage() != null && e.getMessage().contains("→ 404")) {
        return null;
      }
      throw e;
    }
  }

  private JsonObject send(String method, String path, String contentType, JsonObject body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url() + path))
            .timeout(Duration.ofSeconds(10))
            .header(OWN_REQUEST_HEADER, "seed");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + " → " + response.statusCode() + ": " + response.body());
      }
      return JsonParser.parseString(response.body()).getAsJsonObject();
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " interrupted", e);
    }
  }

  private static String statefulSetsPath(String namespace) {
    return "/apis/apps/v1/namespaces/" + namespace + "/statefulsets";
  }

  @Override
  public void close() {
    server.destroy();
  }
}
