package dev.shardscaler.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@link ScaleRequest} from JSON strictly, for every adapter: an object with known fields
 * of the right types, each problem naming the field. An empty body is the scheduled pass.
 */
public final class ScaleRequestParser {
  public static final Set<String> FIELDS =
      Set.of("shards", "shardsPerBot", "overrideFor", "clearOverride", "dryRun", "reason");

  /** Fields of earlier versions that retargeted a pass; the target is configured now. */
  private static final Set<String> RETIRED_TARGET_FIELDS =
      Set.of("namespace", "statefulSet", "container");

  private ScaleRequestParser() {}

  /**
   * @throws InvalidRequestException naming every bad field
   */
  public static ScaleRequest parse(String json) {
    if (json == null || json.isBlank()) {
      return ScaleRequest.scheduled();
    }
    JsonElement root;
    try {
      JsonReader reader = new JsonReader(new StringReader(json));
      reader.setStrictness(Strictness.STRICT);
      root = com.google.gson.JsonParser.parseReader(reader);
      if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
        throw new JsonParseException("trailing data after the JSON value");
      }
    } catch (JsonParseException | java.io.IOException | IllegalStateException e) {
      throw new InvalidRequestException(
          List.of("body is not valid JSON: " + firstLine(e.getMessage())));
    }
    return fromJson(root);
  }

  /** The request from an already parsed JSON value (e.g. the data of a structured CloudEvent). */
  public static ScaleRequest fromJson(JsonElement root) {
    if (root == null || root.isJsonNull()) {
      return ScaleRequest.scheduled();
    }
    if (!root.isJsonObject()) {
      throw new InvalidRequestException(
          List.of("body must be a JSON object such as {\"dryRun\": true}, got " + shown(root)));
    }
    JsonObject object = root.getAsJsonObject();
    List<String> problems = new ArrayList<>();
    for (String key : object.keySet()) {
      if (RETIRED_TARGET_FIELDS.contains(key)) {
        problems.add(
            "field \""
                + key
                + "\" is not accepted: a request cannot retarget the scaler (its recommendation"
                + " and identify budget belong to the configured bot); the target is configured by"
                + " K8S_NAMESPACE, K8S_STATEFULSET and K8S_CONTAINER");
      } else if (!FIELDS.contains(key)) {
        problems.add(
            "unknown field \""
                + abbreviate(key)
                + "\" (known: "
                + String.join(", ", sorted())
                + ")");
      }
    }
    ScaleRequest request =
        new ScaleRequest(
            integer(object, "shards", problems),
            integer(object, "shardsPerBot", problems),
            duration(object, "overrideFor", problems),
            bool(object, "clearOverride", problems),
            bool(object, "dryRun", problems),
            string(object, "reason", problems));
    if (problems.isEmpty()) {
      problems.addAll(request.problems());
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return request;
  }

  private static List<String> sorted() {
    return FIELDS.stream().sorted().toList();
  }

  private static String string(JsonObject object, String field, List<String> problems) {
    JsonElement value = object.get(field);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (value instanceof JsonPrimitive primitive && primitive.isString()) {
      return primitive.getAsString();
    }
    problems.add("field \"" + field + "\" must be a string, got " + shown(value));
    return null;
  }

  private static java.time.Duration duration(
      JsonObject object, String field, List<String> problems) {
    String text = string(object, field, problems);
    if (text == null) {
      return null;
    }
    java.time.Duration parsed = dev.shardscaler.core.config.DurationParser.parse(text);
    if (parsed == null) {
      problems.add(
          "field \""
              + field
              + "\" must be a duration such as \"6h\", \"90m\" or \"2d\", got \""
              + abbreviate(text)
              + "\"");
    }
    return parsed;
  }

  private static Integer integer(JsonObject object, String field, List<String> problems) {
    JsonElement value = object.get(field);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (value instanceof JsonPrimitive primitive && primitive.isNumber()) {
      BigDecimal number = primitive.getAsBigDecimal();
      if (number.stripTrailingZeros().scale() <= 0) {
        if (number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
            && number.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0) {
          return number.intValueExact();
        }
        problems.add("field \"" + field + "\" is out of range, got " + shown(value));
        return null;
      }
    }
    problems.add("field \"" + field + "\" must be an integer, got " + shown(value));
    return null;
  }

  private static Boolean bool(JsonObject object, String field, List<String> problems) {
    JsonElement value = object.get(field);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (value instanceof JsonPrimitive primitive && primitive.isBoolean()) {
      return primitive.getAsBoolean();
    }
    problems.add("field \"" + field + "\" must be true or false, got " + shown(value));
    return null;
  }

  private static String shown(JsonElement value) {
    return abbreviate(value.toString());
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return abbreviate(line.replaceAll("\\s+See https?://\\S+", ""));
  }
}
