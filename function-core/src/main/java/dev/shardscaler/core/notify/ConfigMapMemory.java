package dev.shardscaler.core.notify;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.shardscaler.core.Deadline;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.util.PatchUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The memory in a ConfigMap the scaler owns ({@code SCALER_NOTIFY_STATE_CONFIGMAP}, shipped with
 * every deployment; the scaler may get and patch that one ConfigMap and never creates one, since
 * RBAC cannot limit {@code create} by name). Written with a JSON merge patch that carries the
 * resourceVersion it read, so that two passes at once cannot both think they were first; only the
 * keys that changed are sent.
 */
final class ConfigMapMemory implements MemoryStore {
  private final ApiClient client;
  private final CoreV1Api core;
  private final String namespace;
  private final String name;
  private final Duration timeout;

  ConfigMapMemory(ApiClient client, String namespace, String name, Duration timeout) {
    this.client = client;
    this.core = new CoreV1Api(client);
    this.namespace = namespace;
    this.name = name;
    this.timeout = timeout;
  }

  @Override
  public Loaded load(Deadline deadline) {
    JsonElement answer;
    try {
      okhttp3.Call call = core.readNamespacedConfigMap(name, namespace).buildCall(null);
      bound(call, deadline);
      answer = client.<JsonElement>execute(call, JsonElement.class).getData();
    } catch (ApiException e) {
      throw unavailable("get", e);
    } catch (RuntimeException e) {
      throw new MemoryUnavailableException(
          "the notification memory, ConfigMap "
              + where()
              + ", could not be read ("
              + e.getClass().getSimpleName()
              + ")");
    }
    if (answer == null || !answer.isJsonObject()) {
      throw new MemoryUnavailableException(
          "the notification memory, ConfigMap " + where() + ", is not a JSON object");
    }
    JsonObject configMap = answer.getAsJsonObject();
    Map<String, String> data = new LinkedHashMap<>();
    JsonElement dataElement = configMap.get("data");
    if (dataElement != null && dataElement.isJsonObject()) {
      dataElement
          .getAsJsonObject()
          .entrySet()
          .forEach(
              entry -> {
                if (entry.getValue().isJsonPrimitive()) {
                  data.put(entry.getKey(), entry.getValue().getAsString());
                }
              });
    }
    List<String> unreadable = new ArrayList<>();
    Memory memory = Memory.fromData(data, unreadable);
    JsonElement version =
        configMap.has("metadata") && configMap.get("metadata").isJsonObject()
            ? configMap.getAsJsonObject("metadata").get("resourceVersion")
            : null;
    return new Loaded(
        memory, version == null || version.isJsonNull() ? null : version.getAsString(), unreadable);
  }

  @Override
  public void save(Loaded before, Memory after, Deadline deadline) {
    JsonObject patch = patch(before, after);
    if (patch == null) {
      return;
    }
    try {
      PatchUtils.patch(
          JsonElement.class,
          () -> {
            okhttp3.Call call =
                core.patchNamespacedConfigMap(name, namespace, new V1Patch(patch.toString()))
                    .fieldManager("shardscaler")
                    .buildCall(null);
            bound(call, deadline);
            return call;
          },
          V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
          client);
    } catch (ApiException e) {
      throw unavailable("patch", e);
    } catch (RuntimeException e) {
      throw new MemoryUnavailableException(
          "the notification memory, ConfigMap "
              + where()
              + ", could not be written ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /** The merge patch from what was read to what should be there; null when nothing changed. */
  static JsonObject patch(Loaded before, Memory after) {
    Map<String, String> old = before.memory().toData();
    Map<String, String> now = after.toData();
    JsonObject data = new JsonObject();
    now.forEach(
        (key, value) -> {
          if (!Objects.equals(old.get(key), value)) {
            data.addProperty(key, value);
          }
        });
    old.keySet().stream()
        .filter(key -> !now.containsKey(key))
        .forEach(key -> data.add(key, JsonNull.INSTANCE));
    before.unreadable().stream()
        .filter(key -> !now.containsKey(key))
        .forEach(key -> data.add(key, JsonNull.INSTANCE));
    if (data.isEmpty()) {
      return null;
    }
    JsonObject patch = new JsonObject();
    if (before.version() != null) {
      JsonObject metadata = new JsonObject();
      metadata.addProperty("resourceVersion", before.version());
      patch.add("metadata", metadata);
    }
    patch.add("data", data);
    return patch;
  }

  private MemoryUnavailableException unavailable(String verb, ApiException e) {
    int status = e.getCode();
    String why =
        switch (status) {
          case 404 ->
              "it does not exist: create it (every deployment in infra/ ships it), until then"
                  + " messages may repeat";
          case 403 ->
              "the scaler may not "
                  + verb
                  + " it: its Role needs get and patch on configmaps \""
                  + name
                  + "\"";
          case 409 -> "another pass changed it at the same time; the next pass reads it again";
          case 0 -> "no answer from the Kubernetes API";
          default -> "HTTP " + status;
        };
    return new MemoryUnavailableException(
        "the notification memory, ConfigMap "
            + where()
            + ", could not be "
            + (verb.equals("get") ? "read" : "written")
            + ": "
            + why);
  }

  private String where() {
    return namespace + "/" + name;
  }

  private void bound(okhttp3.Call call, Deadline deadline) {
    call.timeout().timeout(deadline.cap(timeout).toMillis(), TimeUnit.MILLISECONDS);
  }
}
