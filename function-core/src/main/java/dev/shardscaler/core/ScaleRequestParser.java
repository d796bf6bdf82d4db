package dev.shardscaler.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.shardscaler.core.config.DurationParser;
import dev.shardscaler.core.config.Names;
import dev.shardscaler.core.http.CallerText;
import dev.shardscaler.core.http.StrictJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@link ScaleRequest} from JSON strictly, for every adapter: an object with known fields
 * of the right types, each problem naming the field. An empty body is the scheduled pass. Whatever
 * the text, the only exception is {@link InvalidRequestException}, and no message carries a raw
 * control character from the caller.
 */
public final class ScaleRequestParser {
  public static final Set<String> FIELDS =
      Set.of(
          "shards", "shardsPerBot", "overrideFor", "clearOverride", "dryRun", "reason", "target");

  /** Fields of earlier versions that retargeted a pass; the target is configured now. */
  private static final Set<String> RETIRED_TARGET_FIELDS =
      Set.of("namespace", "statefulSet", "container");

  /** Longer number literals are out of range for every integer field, whatever they say. */
  private static final int LONGEST_NUMBER = 64;

  private ScaleRequestParser() {}

  /**
   * @throws InvalidRequestException naming every bad field, or where the JSON is broken
   */
  public static ScaleRequest parse(String json) {
    if (json == null || json.isBlank()) {
      return ScaleRequest.scheduled();
    }
    JsonElement root = StrictJson.parse(json, "body");
    if (root.isJsonNull()) {
      throw notAnObject(root);
    }
    return fromJson(root);
  }

  /**
   * The request from an already parsed JSON value (the data of a structured CloudEvent, a Lambda
   * event); null or JSON null is the scheduled pass.
   */
  public static ScaleRequest fromJson(JsonElement root) {
    if (root == null || root.isJsonNull()) {
      return ScaleRequest.scheduled();
    }
    if (!root.isJsonObject()) {
      throw notAnObject(root);
    }
    JsonObject object = root.getAsJsonObject();
    List<String> problems = new ArrayList<>();
    for (String key : object.keySet()) {
      if (RETIRED_TARGET_FIELDS.contains(key)) {
        problems.add(
            "field \""
                + key
                + "\" is not accepted: a request cannot retarget the scaler (a recommendation"
                + " and an identify budget belong to a configured bot); \"target\" picks one of"
                + " the configured targets by name");
      } else if (!FIELDS.contains(key)) {
        problems.add(
            "unknown field "
                + CallerText.quote(key)
                + " (known: "
                + String.join(", ", FIELDS.stream().sorted().toList())
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
            plainText(object, "reason", problems),
            targetName(object, problems));
    if (problems.isEmpty()) {
      problems.addAll(request.problems());
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return request;
  }

  /**
   * Why a reason cannot be used as given (it holds a control character, a line or paragraph
   * separator or a bidirectional override, which would forge or garble log lines), or null.
   */
  public static String reasonProblem(String reason) {
    int at = reason == null ? -1 : CallerText.firstUnsafe(reason);
    if (at < 0) {
      return null;
    }
    return String.format(
        "field \"reason\" must be plain text without control characters: U+%04X at character %d",
        reason.codePointAt(at), reason.codePointCount(0, at) + 1);
  }

  private static InvalidRequestException notAnObject(JsonElement root) {
    return new InvalidRequestException(
        List.of("body must be a JSON object such as {\"dryRun\": true}, got " + shown(root)));
  }

  /**
   * A target's name as configured targets have them (a DNS label); whether it is one of them is for
   * the function to say, which knows the configuration.
   */
  private static String targetName(JsonObject object, List<String> problems) {
    String name = string(object, "target", problems);
    if (name != null && !Names.isDnsLabel(name)) {
      problems.add(
          "field \"target\" must be the name of a configured target (lowercase letters, digits"
              + " and '-'), got "
              + CallerText.quote(name));
      return null;
    }
    return name;
  }

  private static String plainText(JsonObject object, String field, List<String> problems) {
    String text = string(object, field, problems);
    String problem = reasonProblem(text);
    if (problem != null) {
      problems.add(problem);
      return null;
    }
    return text;
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

  private static Duration duration(JsonObject object, String field, List<String> problems) {
    String text = string(object, field, problems);
    if (text == null) {
      return null;
    }
    Duration parsed = DurationParser.parse(text);
    if (parsed == null) {
      problems.add(
          "field \""
              + field
              + "\" must be a duration such as \"6h\", \"90m\" or \"2d\", got "
              + CallerText.quote(text));
    }
    return parsed;
  }

  /**
   * An integer field. Whatever the literal ({@code 1e10001}, {@code 1e9999999999}, 16 KiB of
   * digits), the answer is a value or a problem naming the field; the range itself is checked by
   * {@link ScaleRequest#problems()}.
   */
  private static Integer integer(JsonObject object, String field, List<String> problems) {
    JsonElement value = object.get(field);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (!(value instanceof JsonPrimitive primitive) || !primitive.isNumber()) {
      problems.add("field \"" + field + "\" must be an integer, got " + shown(value));
      return null;
    }
    String literal = primitive.getAsString();
    BigDecimal number = literal.length() > LONGEST_NUMBER ? null : decimal(literal);
    if (number == null) {
      problems.add(outOfRange(field, literal));
      return null;
    }
    if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
      problems.add("field \"" + field + "\" must be an integer, got " + shown(value));
      return null;
    }
    if (number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
        || number.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
      problems.add(outOfRange(field, literal));
      return null;
    }
    return number.intValueExact();
  }

  /** The literal as a number, or null when its exponent is beyond what a decimal can hold. */
  private static BigDecimal decimal(String literal) {
    try {
      return new BigDecimal(literal);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static String outOfRange(String field, String literal) {
    return "field \""
        + field
        + "\" must be from 1 to "
        + dev.shardscaler.core.config.Settings.MAX_SHARDS_LIMIT
        + ", got "
        + CallerText.safe(literal, CallerText.SHOWN);
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

  /** A value as the caller wrote it, safe for any message and cut short. */
  private static String shown(JsonElement value) {
    if (value instanceof JsonPrimitive primitive && primitive.isString()) {
      return CallerText.quote(primitive.getAsString());
    }
    return CallerText.unsafeEscaped(value.toString(), CallerText.SHOWN);
  }
}
