package dev.shardscaler.core.targets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.shardscaler.core.InvalidRequestException;
import dev.shardscaler.core.config.Names;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.http.CallerText;
import dev.shardscaler.core.http.StrictJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The targets document as written ({@code SCALER_TARGETS} or the file of {@code
 * SCALER_TARGETS_FILE}), read strictly: a JSON object {@code {"targets": [...]}} whose entries have
 * known fields of the right types. Every problem is collected and names the entry and the field;
 * what the fields mean together is {@link Targets}' business.
 */
final class TargetsDocument {
  /** More targets than this in one scaler is a configuration to split. */
  static final int MAX_TARGETS = 50;

  static final Set<String> FIELDS =
      Set.of("name", "namespace", "statefulSet", "container", "shardsPerBot", "token", "settings");

  /**
   * The settings a target may set for itself; everything else is global (one cluster client, one
   * pass deadline) or has a field of its own.
   */
  static final Set<String> PER_TARGET_KEYS =
      Set.of(
          "K8S_SCALEUP",
          "K8S_SCALEDOWN",
          "SCALER_MIN_SHARDS",
          "SCALER_MAX_SHARDS",
          "SCALER_GUILDS_PER_SHARD",
          "SCALER_SHARD_MULTIPLE",
          "SCALER_IDENTIFY_RESERVE",
          "SCALER_SCALEDOWN_WINDOW",
          "SCALER_MIN_INTERVAL",
          "SCALER_ROLLOUT_TIMEOUT",
          "SCALER_OVERRIDE_TTL",
          "SCALER_DRY_RUN",
          "DISCORD_API_BASE_URL",
          "SCALER_SHARDS_ENV",
          "SCALER_SHARDS_PER_BOT_ENV",
          "SCALER_DISCORD_CONNECT_TIMEOUT",
          "SCALER_DISCORD_READ_TIMEOUT",
          "SCALER_DISCORD_MAX_RETRY_WAIT",
          "SCALER_RECOMMENDATION_TTL",
          "SCALER_BLUEGREEN_PROPAGATION",
          "SCALER_BLUEGREEN_GRACE");

  private static final Map<String, String> KEYS_WITH_A_FIELD =
      Map.of(
          "K8S_NAMESPACE", "namespace",
          "K8S_STATEFULSET", "statefulSet",
          "K8S_CONTAINER", "container",
          "K8S_SHARDS_PER_BOT", "shardsPerBot",
          "BOT_TOKEN", "token",
          "BOT_TOKEN_SECRET_ID", "token");

  private static final Set<String> WHOLE_PASS_KEYS =
      Set.of("SCALER_PASS_DEADLINE", "SCALER_K8S_TIMEOUT", "K8S_API_URL", "KUBECONFIG");

  /** Keys the deployment's rights depend on: the same for every target. */
  private static final Map<String, String> DEPLOYMENT_KEYS =
      Map.of(
          "SCALER_STRATEGY",
          "the deployment grants the blue/green rights to every target or to none");

  /** One entry as written; null fields were absent or unusable (a problem says which). */
  record Entry(
      int index,
      String name,
      String namespace,
      String statefulSet,
      String container,
      Integer shardsPerBot,
      TokenSource token,
      Map<String, String> settings) {

    /** How problems name the entry: by its name when it has a usable one. */
    String label() {
      return name == null ? "targets[" + index + "]" : "target \"" + name + "\"";
    }
  }

  private final String source;
  private final List<String> problems;

  private TargetsDocument(String source, List<String> problems) {
    this.source = source;
    this.problems = problems;
  }

  /**
   * The entries of the document; problems are added to {@code problems}, each naming {@code source}
   * (the key or file it came from) when it is about the document as a whole.
   */
  static List<Entry> read(String json, String source, List<String> problems) {
    return new TargetsDocument(source, problems).entries(json);
  }

  private List<Entry> entries(String json) {
    JsonElement root;
    try {
      root = StrictJson.parse(json, source);
    } catch (InvalidRequestException e) {
      problems.addAll(e.problems());
      return List.of();
    }
    if (!root.isJsonObject()) {
      problems.add(source + " must be a JSON object {\"targets\": [...]}, got " + kind(root));
      return List.of();
    }
    JsonObject document = root.getAsJsonObject();
    for (String key : document.keySet()) {
      if (!key.equals("targets")) {
        problems.add(
            source
                + ": unknown field "
                + CallerText.quote(key)
                + " (the document has \"targets\")");
      }
    }
    JsonElement targets = document.get("targets");
    if (targets == null || !targets.isJsonArray() || targets.getAsJsonArray().isEmpty()) {
      problems.add(
          source
              + ": \"targets\" must be a non-empty array of targets, got "
              + (targets == null ? "nothing" : kind(targets)));
      return List.of();
    }
    if (targets.getAsJsonArray().size() > MAX_TARGETS) {
      problems.add(
          source
              + ": at most "
              + MAX_TARGETS
              + " targets, got "
              + targets.getAsJsonArray().size()
              + " (split them between scalers)");
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    int index = 0;
    for (JsonElement element : targets.getAsJsonArray()) {
      Entry entry = entry(index++, element);
      if (entry != null) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private Entry entry(int index, JsonElement element) {
    if (!element.isJsonObject()) {
      problems.add(source + ": targets[" + index + "] must be an object, got " + kind(element));
      return null;
    }
    JsonObject object = element.getAsJsonObject();
    String name = text(object, "name", "targets[" + index + "]");
    if (name != null && !Names.isDnsLabel(name)) {
      problems.add(
          "targets["
              + index
              + "]: \"name\" must be a DNS label (lowercase letters, digits and '-', at most 63),"
              + " got "
              + CallerText.quote(name));
      name = null;
    } else if (name == null && !object.has("name")) {
      problems.add("targets[" + index + "]: \"name\" is missing");
    }
    String label = name == null ? "targets[" + index + "]" : "target \"" + name + "\"";
    for (String key : object.keySet()) {
      if (!FIELDS.contains(key)) {
        problems.add(
            label
                + ": unknown field "
                + CallerText.quote(key)
                + " (known: "
                + String.join(", ", new TreeSet<>(FIELDS))
                + ")");
      }
    }
    return new Entry(
        index,
        name,
        text(object, "namespace", label),
        text(object, "statefulSet", label),
        text(object, "container", label),
        integer(object, "shardsPerBot", label),
        token(object.get("token"), label),
        settings(object.get("settings"), label));
  }

  private TokenSource token(JsonElement value, String label) {
    if (value == null || value.isJsonNull()) {
      problems.add(
          label
              + ": \"token\" is missing: each bot has its own token, e.g. {\"env\":"
              + " \"MAIN_BOT_TOKEN\"}, {\"file\": \"/var/run/secrets/main/token\"} or"
              + " {\"awsSecret\": \"<secret ARN>\"}");
      return null;
    }
    if (!value.isJsonObject() || value.getAsJsonObject().size() != 1) {
      problems.add(
          label
              + ": \"token\" must be an object with exactly one of \"env\", \"file\" or"
              + " \"awsSecret\", got "
              + shown(value));
      return null;
    }
    Map.Entry<String, JsonElement> only = value.getAsJsonObject().entrySet().iterator().next();
    String where = label + ": token." + only.getKey();
    if (!(only.getValue() instanceof JsonPrimitive primitive)
        || !primitive.isString()
        || primitive.getAsString().isBlank()) {
      problems.add(where + " must be a non-empty string, got " + shown(only.getValue()));
      return null;
    }
    String text = primitive.getAsString().strip();
    switch (only.getKey()) {
      case "env" -> {
        if (!Names.isEnvName(text)) {
          problems.add(where + " must be an environment variable name, got " + shown(primitive));
          return null;
        }
        return new TokenSource.Env(text);
      }
      case "file" -> {
        if (!text.startsWith("/")) {
          problems.add(where + " must be an absolute path, got " + shown(primitive));
          return null;
        }
        return new TokenSource.File(text);
      }
      case "awsSecret" -> {
        return new TokenSource.AwsSecret(text);
      }
      default -> {
        problems.add(
            label
                + ": unknown token source "
                + CallerText.quote(only.getKey())
                + " (known: env, file, awsSecret)");
        return null;
      }
    }
  }

  private Map<String, String> settings(JsonElement value, String label) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (value == null || value.isJsonNull()) {
      return settings;
    }
    if (!value.isJsonObject()) {
      problems.add(label + ": \"settings\" must be an object of keys, got " + kind(value));
      return settings;
    }
    for (Map.Entry<String, JsonElement> setting : value.getAsJsonObject().entrySet()) {
      String key = setting.getKey();
      String problem = keyProblem(key);
      if (problem != null) {
        problems.add(label + ": " + problem);
        continue;
      }
      JsonElement v = setting.getValue();
      if (!(v instanceof JsonPrimitive primitive)) {
        problems.add(
            label + ": setting " + key + " must be a string, number or boolean, got " + kind(v));
        continue;
      }
      settings.put(key, primitive.getAsString());
    }
    return settings;
  }

  /** Why a key cannot be set for one target, or null when it can. */
  static String keyProblem(String key) {
    if (PER_TARGET_KEYS.contains(key)) {
      return null;
    }
    if (KEYS_WITH_A_FIELD.containsKey(key)) {
      return "setting "
          + key
          + " is the target's field \""
          + KEYS_WITH_A_FIELD.get(key)
          + "\": set that instead";
    }
    if (WHOLE_PASS_KEYS.contains(key)) {
      return "setting " + key + " applies to the whole pass: set it in the environment";
    }
    if (DEPLOYMENT_KEYS.containsKey(key)) {
      return "setting "
          + key
          + " applies to every target ("
          + DEPLOYMENT_KEYS.get(key)
          + "): set it in the environment";
    }
    return "unknown setting "
        + CallerText.quote(key)
        + " (a target may set: "
        + String.join(", ", new TreeSet<>(PER_TARGET_KEYS))
        + ")";
  }

  private String text(JsonObject object, String field, String label) {
    JsonElement value = object.get(field);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (value instanceof JsonPrimitive primitive && primitive.isString()) {
      return primitive.getAsString().strip();
    }
    problems.add(label + ": \"" + field + "\" must be a string, got " + shown(value));
    return null;
  }

  private Integer integer(JsonObject object, String field, String label) {
    JsonElement value = object.get(field);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (value instanceof JsonPrimitive primitive && primitive.isNumber()) {
      try {
        int number = new java.math.BigDecimal(primitive.getAsString()).intValueExact();
        if (number >= 1 && number <= Settings.MAX_SHARDS_LIMIT) {
          return number;
        }
      } catch (ArithmeticException | NumberFormatException e) {
        // reported below
      }
    }
    problems.add(
        label
            + ": \""
            + field
            + "\" must be an integer from 1 to "
            + Settings.MAX_SHARDS_LIMIT
            + ", got "
            + shown(value));
    return null;
  }

  private static String shown(JsonElement value) {
    if (value instanceof JsonPrimitive primitive && primitive.isString()) {
      return CallerText.quote(primitive.getAsString());
    }
    return CallerText.unsafeEscaped(value.toString(), CallerText.SHOWN);
  }

  private static String kind(JsonElement value) {
    if (value.isJsonObject()) {
      return "an object";
    }
    if (value.isJsonArray()) {
      return "an array";
    }
    if (value.isJsonNull()) {
      return "null";
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    return primitive.isString() ? "a string" : primitive.isNumber() ? "a number" : "a boolean";
  }
}
