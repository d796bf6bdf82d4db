package dev.shardscaler.core.kubernetes;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shardscaler.core.Deadline;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.Target;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Fleet} on the official Kubernetes Java client's transport (its authentication, TLS and
 * timeouts), with the bodies as JSON trees: a sibling is a copy of the bot's StatefulSet as the API
 * server returned it, fields newer than any client model included.
 */
public final class KubernetesFleet implements Fleet {
  private static final String JSON = "application/json";
  private static final String JSON_PATCH = "application/json-patch+json";

  private final ApiClient client;

  public KubernetesFleet(ApiClient client) {
    this.client = client;
  }

  @Override
  public Optional<BotSet> readSet(Target set, EnvNames names, Deadline deadline) {
    String path = statefulSets(set.namespace()) + "/" + escape(set.statefulSet());
    Optional<JsonObject> json =
        get(path, "statefulsets", set.namespace(), set.statefulSet(), deadline);
    return json.map(object -> new BotSet(object, SnapshotReader.read(set, object, names)));
  }

  @Override
  public Optional<SwitchConfigMap> readSwitch(String namespace, String name, Deadline deadline) {
    String path = configMaps(namespace) + "/" + escape(name);
    return get(path, "configmaps", namespace, name, deadline).map(KubernetesFleet::switchOf);
  }

  @Override
  public void createSwitch(String namespace, JsonObject configMap, Deadline deadline) {
    String name = configMap.getAsJsonObject("metadata").get("name").getAsString();
    send(
        "POST",
        configMaps(namespace),
        JSON,
        configMap,
        "create",
        "configmaps",
        namespace,
        name,
        deadline);
  }

  @Override
  public void updateSwitch(SwitchConfigMap current, Map<String, String> data, Deadline deadline) {
    JsonObject values = new JsonObject();
    data.forEach(values::addProperty);
    com.google.gson.JsonArray patch = new com.google.gson.JsonArray();
    patch.add(op("replace", "/metadata/resourceVersion", current.resourceVersion()));
    JsonObject replaceData = new JsonObject();
    replaceData.addProperty("op", "add");
    replaceData.addProperty("path", "/data");
    replaceData.add("value", values);
    patch.add(replaceData);
    send(
        "PATCH",
        configMaps(current.namespace()) + "/" + escape(current.name()),
        JSON_PATCH,
        patch,
        "update",
        "configmaps",
        current.namespace(),
        current.name(),
        deadline);
  }

  @Override
  public void createSet(String namespace, JsonObject statefulSet, Deadline deadline) {
    String name = statefulSet.getAsJsonObject("metadata").get("name").getAsString();
    send(
        "POST",
        statefulSets(namespace),
        JSON,
        statefulSet,
        "create",
        "statefulsets",
        namespace,
        name,
        deadline);
  }

  @Override
  public void scaleSet(BotSet set, int replicas, Deadline deadline) {
    Target target = set.snapshot().target();
    com.google.gson.JsonArray patch = new com.google.gson.JsonArray();
    patch.add(op("replace", "/metadata/resourceVersion", set.snapshot().resourceVersion()));
    JsonObject scale = new JsonObject();
    scale.addProperty("op", "add");
    scale.addProperty("path", "/spec/replicas");
    scale.addProperty("value", replicas);
    patch.add(scale);
    send(
        "PATCH",
        statefulSets(target.namespace()) + "/" + escape(target.statefulSet()),
        JSON_PATCH,
        patch,
        "scale",
        "statefulsets",
        target.namespace(),
        target.statefulSet(),
        deadline);
  }

  @Override
  public void deleteSet(BotSet set, Deadline deadline) {
    Target target = set.snapshot().target();
    JsonObject preconditions = new JsonObject();
    preconditions.addProperty("uid", set.snapshot().uid());
    preconditions.addProperty("resourceVersion", set.snapshot().resourceVersion());
    JsonObject options = new JsonObject();
    options.addProperty("apiVersion", "v1");
    options.addProperty("kind", "DeleteOptions");
    // Background: the object goes at once, its ControllerRevisions (and pods, none left) after.
    options.addProperty("propagationPolicy", "Background");
    options.add("preconditions", preconditions);
    send(
        "DELETE",
        statefulSets(target.namespace()) + "/" + escape(target.statefulSet()),
        JSON,
        options,
        "delete",
        "statefulsets",
        target.namespace(),
        target.statefulSet(),
        deadline);
  }

  private Optional<JsonObject> get(
      String path, String resource, String namespace, String name, Deadline deadline) {
    try {
      JsonElement body = execute(call("GET", path, null, null, false, deadline));
      if (body == null || !body.isJsonObject()) {
        throw new KubernetesApiException(
            Reason.KUBERNETES_BAD_RESPONSE,
            200,
            "the Kubernetes API answered the get of "
                + resource
                + " \""
                + name
                + "\" with JSON that is not an object",
            false);
      }
      return Optional.of(body.getAsJsonObject());
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw KubernetesStatefulSets.ApiErrors.translate(e, "get", resource, namespace, name);
    }
  }

  private void send(
      String method,
      String path,
      String contentType,
      JsonElement body,
      String verb,
      String resource,
      String namespace,
      String name,
      Deadline deadline) {
    try {
      execute(call(method, path, body, contentType, true, deadline));
    } catch (ApiException e) {
      throw KubernetesStatefulSets.ApiErrors.translate(e, verb, resource, namespace, name);
    }
  }

  private JsonElement execute(okhttp3.Call call) throws ApiException {
    try {
      return client.<JsonElement>execute(call, JsonElement.class).getData();
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      // An answer that could not be read: for a write, it may have been applied.
      throw new KubernetesApiException(
          Reason.KUBERNETES_BAD_RESPONSE,
          0,
          "the Kubernetes API's answer to "
              + call.request().method()
              + " "
              + call.request().url().encodedPath()
              + " could not be read ("
              + e.getClass().getSimpleName()
              + ")",
          true);
    }
  }

  private okhttp3.Call call(
      String method,
      String path,
      JsonElement body,
      String contentType,
      boolean write,
      Deadline deadline)
      throws ApiException {
    List<Pair> query = new ArrayList<>();
    if (write && !method.equals("DELETE")) {
      query.add(new Pair("fieldManager", KubernetesStatefulSets.FIELD_MANAGER));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", JSON);
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    okhttp3.Call call =
        client.buildCall(
            client.getBasePath(),
            path,
            method,
            query,
            new ArrayList<>(),
            body,
            headers,
            new LinkedHashMap<>(),
            new LinkedHashMap<>(),
            new String[] {"BearerToken"},
            null);
    KubernetesStatefulSets.bound(client, call, deadline);
    return call;
  }

  private static SwitchConfigMap switchOf(JsonObject configMap) {
    JsonObject metadata = object(configMap, "metadata");
    return new SwitchConfigMap(
        text(metadata, "namespace"),
        text(metadata, "name"),
        text(metadata, "uid"),
        text(metadata, "resourceVersion"),
        strings(object(metadata, "labels")),
        strings(object(configMap, "data")));
  }

  private static Map<String, String> strings(JsonObject object) {
    Map<String, String> values = new LinkedHashMap<>();
    object
        .entrySet()
        .forEach(
            entry ->
                values.put(
                    entry.getKey(),
                    entry.getValue().isJsonPrimitive()
                        ? entry.getValue().getAsString()
                        : entry.getValue().toString()));
    return values;
  }

  private static JsonObject object(JsonObject parent, String key) {
    JsonElement value = parent.get(key);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
  }

  private static String text(JsonObject parent, String key) {
    JsonElement value = parent.get(key);
    return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
  }

  private static JsonObject op(String op, String path, String value) {
    JsonObject operation = new JsonObject();
    operation.addProperty("op", op);
    operation.addProperty("path", path);
    operation.addProperty("value", value);
    return operation;
  }

  private String escape(String segment) {
    return client.escapeString(segment);
  }

  private String statefulSets(String namespace) {
    return "/apis/apps/v1/namespaces/" + escape(namespace) + "/statefulsets";
  }

  private String configMaps(String namespace) {
    return "/api/v1/namespaces/" + escape(namespace) + "/configmaps";
  }
}
