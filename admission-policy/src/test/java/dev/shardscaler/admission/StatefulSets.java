package dev.shardscaler.admission;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bot StatefulSet as the API server hands it to admission: defaulted (update strategy, pod
 * defaults, fieldRef apiVersion), with managedFields and status, a sidecar before the bot
 * container, foreign annotations and one of the scaler's. Also what the API server does to an
 * updated object before admission sees it.
 */
final class StatefulSets {
  static final String NAMESPACE = "discord";

  private StatefulSets() {}

  static JsonObject bot() {
    try (InputStream in = StatefulSets.class.getResourceAsStream("/statefulset.json")) {
      return JsonParser.parseString(new String(in.readAllBytes(), UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A changed copy. */
  static JsonObject with(JsonObject original, Consumer<JsonObject> change) {
    JsonObject copy = original.deepCopy();
    change.accept(copy);
    return copy;
  }

  static JsonObject metadata(JsonObject statefulSet) {
    return statefulSet.getAsJsonObject("metadata");
  }

  static JsonObject annotations(JsonObject statefulSet) {
    return metadata(statefulSet).getAsJsonObject("annotations");
  }

  static JsonObject spec(JsonObject statefulSet) {
    return statefulSet.getAsJsonObject("spec");
  }

  static JsonObject template(JsonObject statefulSet) {
    return spec(statefulSet).getAsJsonObject("template");
  }

  static JsonObject podSpec(JsonObject statefulSet) {
    return template(statefulSet).getAsJsonObject("spec");
  }

  static JsonObject container(JsonObject statefulSet, String name) {
    for (JsonElement container : podSpec(statefulSet).getAsJsonArray("containers")) {
      if (name.equals(container.getAsJsonObject().get("name").getAsString())) {
        return container.getAsJsonObject();
      }
    }
    throw new IllegalArgumentException("no container " + name);
  }

  static JsonObject env(JsonObject statefulSet, String container, String name) {
    for (JsonElement entry : container(statefulSet, container).getAsJsonArray("env")) {
      if (name.equals(entry.getAsJsonObject().get("name").getAsString())) {
        return entry.getAsJsonObject();
      }
    }
    throw new IllegalArgumentException("no env " + name + " in container " + container);
  }

  static JsonObject envVar(String name, String value) {
    JsonObject entry = new JsonObject();
    entry.addProperty("name", name);
    entry.addProperty("value", value);
    return entry;
  }

  static JsonArray strings(String... values) {
    JsonArray array = new JsonArray();
    List.of(values).forEach(array::add);
    return array;
  }

  /**
   * What the API server changes in an updated object before validating admission sees it: a new
   * generation when the spec changed, the writer's managedFields entry, the old status.
   */
  static JsonObject asStored(JsonObject updated, JsonObject old, String manager) {
    JsonObject stored = updated.deepCopy();
    JsonObject metadata = metadata(stored);
    if (!spec(updated).equals(spec(old))) {
      metadata.addProperty("generation", metadata(old).get("generation").getAsLong() + 1);
    }
    JsonArray managedFields = new JsonArray();
    for (JsonElement entry : metadata(old).getAsJsonArray("managedFields")) {
      if (!manager.equals(entry.getAsJsonObject().get("manager").getAsString())) {
        managedFields.add(entry);
      }
    }
    JsonObject mine = new JsonObject();
    mine.addProperty("manager", manager);
    mine.addProperty("operation", "Update");
    mine.addProperty("apiVersion", "apps/v1");
    mine.addProperty("time", "2026-11-28T12:00:00Z");
    mine.addProperty("fieldsType", "FieldsV1");
    mine.add("fieldsV1", JsonParser.parseString("{\"f:spec\":{\"f:replicas\":{}}}"));
    managedFields.add(mine);
    metadata.add("managedFields", managedFields);
    stored.add("status", old.get("status").deepCopy());
    return stored;
  }
}
