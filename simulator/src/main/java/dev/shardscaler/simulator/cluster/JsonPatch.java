package dev.shardscaler.simulator.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Patch (RFC 6902) on a Gson tree, as the API server applies a {@code
 * application/json-patch+json} body: operations in order, the first failing one fails the whole
 * patch. Supports {@code add}, {@code remove}, {@code replace} and {@code test}; {@code move} and
 * {@code copy} are refused (the scaler never sends them).
 */
public final class JsonPatch {
  private JsonPatch() {}

  /** A patch the document cannot take; the message names the operation and its path. */
  public static final class PatchException extends RuntimeException {
    PatchException(String message) {
      super(message);
    }
  }

  /** Applies {@code operations} to {@code document} in place; callers patch a copy. */
  public static void apply(JsonObject document, JsonArray operations) {
    for (int i = 0; i < operations.size(); i++) {
      JsonElement element = operations.get(i);
      if (!element.isJsonObject()) {
        throw new PatchException("operation " + i + " is not an object");
      }
      JsonObject operation = element.getAsJsonObject();
      String op = text(operation, "op", i);
      String path = text(operation, "path", i);
      List<String> tokens = pointer(path, i);
      if (tokens.isEmpty()) {
        throw new PatchException(
            "operation " + i + " (" + op + "): the whole document is not patched");
      }
      JsonElement parent = resolve(document, tokens.subList(0, tokens.size() - 1), op, path);
      String last = tokens.get(tokens.size() - 1);
      switch (op) {
        case "add" -> add(parent, last, value(operation, i), path);
        case "remove" -> remove(parent, last, path);
        case "replace" -> {
          JsonElement value = value(operation, i);
          remove(parent, last, path);
          add(parent, last, value, path);
        }
        case "test" -> {
          JsonElement actual = get(parent, last, path, "test");
          if (!actual.equals(value(operation, i))) {
            throw new PatchException("test failed at " + path + ": the value is " + actual);
          }
        }
        default ->
            throw new PatchException(
                "operation " + i + ": \"" + op + "\" is not an operation the simulator applies");
      }
    }
  }

  private static void add(JsonElement parent, String token, JsonElement value, String path) {
    if (parent.isJsonObject()) {
      parent.getAsJsonObject().add(token, value);
    } else if (parent.isJsonArray()) {
      JsonArray array = parent.getAsJsonArray();
      if (token.equals("-")) {
        array.add(value);
        return;
      }
      int index = index(token, array.size(), path);
      // Gson's JsonArray has no insert: rebuild the tail.
      List<JsonElement> tail = new ArrayList<>();
      while (array.size() > index) {
        tail.add(array.remove(index));
      }
      array.add(value);
      tail.forEach(array::add);
    } else {
      throw new PatchException("add at " + path + ": the parent is not an object or an array");
    }
  }

  private static void remove(JsonElement parent, String token, String path) {
    if (parent.isJsonObject()) {
      if (parent.getAsJsonObject().remove(token) == null) {
        throw new PatchException("nothing to remove or replace at " + path);
      }
    } else if (parent.isJsonArray()) {
      JsonArray array = parent.getAsJsonArray();
      array.remove(index(token, array.size() - 1, path));
    } else {
      throw new PatchException("nothing to remove or replace at " + path);
    }
  }

  private static JsonElement get(JsonElement parent, String token, String path, String op) {
    JsonElement child = null;
    if (parent.isJsonObject()) {
      child = parent.getAsJsonObject().get(token);
    } else if (parent.isJsonArray()) {
      JsonArray array = parent.getAsJsonArray();
      child = array.get(index(token, array.size() - 1, path));
    }
    if (child == null) {
      throw new PatchException(op + " at " + path + ": no such member");
    }
    return child;
  }

  private static JsonElement resolve(
      JsonObject document, List<String> tokens, String op, String path) {
    JsonElement at = document;
    for (String token : tokens) {
      at = get(at, token, path, op);
    }
    return at;
  }

  /** An array index from 0 to {@code max}. */
  private static int index(String token, int max, String path) {
    if (!token.matches("0|[1-9][0-9]{0,8}")) {
      throw new PatchException("\"" + token + "\" in " + path + " is not an array index");
    }
    int index = Integer.parseInt(token);
    if (index > max) {
      throw new PatchException("index " + index + " in " + path + " is out of bounds");
    }
    return index;
  }

  /** RFC 6901: "/a/b" → [a, b]; "~1" is "/", "~0" is "~". */
  static List<String> pointer(String path, int operation) {
    List<String> tokens = new ArrayList<>();
    if (path.isEmpty()) {
      return tokens;
    }
    if (!path.startsWith("/")) {
      throw new PatchException(
          "operation " + operation + ": path \"" + path + "\" must start with /");
    }
    for (String token : path.substring(1).split("/", -1)) {
      tokens.add(token.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  private static String text(JsonObject operation, String key, int index) {
    JsonElement value = operation.get(key);
    if (value == null || !value.isJsonPrimitive()) {
      throw new PatchException("operation " + index + " has no \"" + key + "\"");
    }
    return value.getAsString();
  }

  private static JsonElement value(JsonObject operation, int index) {
    if (!operation.has("value")) {
      throw new PatchException("operation " + index + " has no \"value\"");
    }
    return operation.get("value").deepCopy();
  }
}
