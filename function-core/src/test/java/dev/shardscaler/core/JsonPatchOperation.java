package dev.shardscaler.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one JSON Patch operation (RFC 6902: add, replace, remove) the way the API server does: a
 * path that does not exist in the object fails, here with an AssertionError, since a patch that
 * does not apply to the object it was built from is a bug of the patch.
 */
final class JsonPatchOperation {
  private JsonPatchOperation() {}

  static void apply(JsonObject root, JsonObject operation) {
    String op = operation.get("op").getAsString();
    List<String> tokens = pointer(operation.get("path").getAsString());
    JsonElement parent = root;
    for (String token : tokens.subList(0, tokens.size() - 1)) {
      parent = child(parent, token, operation);
    }
    String last = tokens.getLast();
    JsonElement value = operation.get("value");
    if (parent.isJsonObject()) {
      JsonObject object = parent.getAsJsonObject();
      if (!op.equals("add") && !object.has(last)) {
        throw doesNotApply(operation);
      }
      if (op.equals("remove")) {
        object.remove(last);
      } else {
        object.add(last, value);
      }
      return;
    }
    if (!parent.isJsonArray()) {
      throw doesNotApply(operation);
    }
    List<JsonElement> array = parent.getAsJsonArray().asList();
    if (op.equals("add") && last.equals("-")) {
      array.add(value);
      return;
    }
    int index = index(last, operation);
    if (index > array.size() || index == array.size() && !op.equals("add")) {
      throw doesNotApply(operation);
    }
    switch (op) {
      case "add" -> array.add(index, value);
      case "replace" -> array.set(index, value);
      case "remove" -> array.remove(index);
      default -> throw doesNotApply(operation);
    }
  }

  private static JsonElement child(JsonElement parent, String token, JsonObject operation) {
    JsonElement child = null;
    if (parent.isJsonObject()) {
      child = parent.getAsJsonObject().get(token);
    } else if (parent.isJsonArray()) {
      JsonArray array = parent.getAsJsonArray();
      int index = index(token, operation);
      child = index < array.size() ? array.get(index) : null;
    }
    if (child == null) {
      throw doesNotApply(operation);
    }
    return child;
  }

  /** The reference tokens of a JSON Pointer (RFC 6901), unescaped. */
  private static List<String> pointer(String path) {
    List<String> tokens = new ArrayList<>();
    for (String token : path.substring(1).split("/", -1)) {
      tokens.add(token.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  private static int index(String token, JsonObject operation) {
    if (!token.matches("0|[1-9][0-9]{0,8}")) {
      throw doesNotApply(operation);
    }
    return Integer.parseInt(token);
  }

  private static AssertionError doesNotApply(JsonObject operation) {
    return new AssertionError(
        "the patch does not apply to the object it was built from: " + operation);
  }
}
