package dev.shardscaler.core.http;

import dev.shardscaler.testkit.property.Source;
import dev.shardscaler.testkit.property.Weighted;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Generated scale request texts, for every property that reads requests: valid ones, right or
 * subtly wrong ones (known and unknown fields, any kind of value, absurd numbers, control
 * characters), CloudEvent envelopes around them, and broken JSON.
 */
public final class RequestTexts {
  private RequestTexts() {}

  /** Scale requests the contract accepts (the pass runs, unless credentials are missing). */
  public static String validRequests(Source s) {
    Integer shards = s.nullable(0.7, t -> t.ints(1, 100_000));
    String dryRun = s.nullable(0.4, t -> t.oneOf("true", "false"));
    String reason = s.strings(40, Source.ALPHANUMERIC + " -é");
    return "{"
        + (shards == null ? "" : "\"shards\":" + shards + ",")
        + (dryRun == null ? "" : "\"dryRun\":" + dryRun + ",")
        + "\"reason\":"
        + quoted(reason)
        + "}";
  }

  /** Scale requests, right or subtly wrong: known and unknown fields, any kind of value. */
  public static String requests(Source s) {
    return s.frequency(
        Weighted.of(8, RequestTexts::object),
        Weighted.of(2, t -> mutate(object(t))),
        Weighted.of(1, t -> t.oneOf("", " ", "null", "[]", "{}", "{\"dryRun\":true}")));
  }

  private static String object(Source s) {
    return "{" + String.join(",", s.lists(0, 4, RequestTexts::entry)) + "}";
  }

  private static String entry(Source s) {
    String field =
        s.frequency(
            Weighted.of(
                8,
                t ->
                    t.oneOf(
                        "shards",
                        "shardsPerBot",
                        "overrideFor",
                        "clearOverride",
                        "dryRun",
                        "reason",
                        "namespace")),
            Weighted.of(1, t -> t.strings(8)));
    return quoted(field) + ":" + values(s);
  }

  /** Structured CloudEvents carrying a request as data or data_base64, or something else. */
  public static String envelopes(Source s) {
    String data =
        s.frequency(
            Weighted.of(3, t -> ",\"data\":" + requests(t)),
            Weighted.of(
                2,
                t ->
                    ",\"data_base64\":\""
                        + Base64.getEncoder()
                            .encodeToString(requests(t).getBytes(StandardCharsets.UTF_8))
                        + "\""),
            Weighted.of(1, t -> t.oneOf("", ",\"data_base64\":[1]", ",\"data\":\"x\"")));
    return "{\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"/s\",\"id\":\"1\"" + data + "}";
  }

  /** JSON values of every kind, as text: numbers too large for any type, odd strings. */
  public static String values(Source s) {
    return s.frequency(
        Weighted.of(3, t -> String.valueOf(t.ints(-5, 200_000))),
        Weighted.of(
            3,
            t ->
                t.oneOf(
                    "1e10001",
                    "1e9999999999",
                    "-1e10001",
                    "1e-10001",
                    "1E400",
                    "1.5",
                    "99999999999",
                    "4.0",
                    "0",
                    "-0",
                    "1" + "0".repeat(70))),
        Weighted.of(2, t -> t.oneOf("true", "false", "null", "[]", "{}", "[1,\"x\"]")),
        Weighted.of(3, t -> quoted(t.strings(20))),
        Weighted.of(
            2,
            t ->
                t.oneOf(
                    "\"6h\"",
                    "\"a day\"",
                    "\"tick\\u001b[31m\"",
                    "\"a\\tb\"",
                    "\"\\u2028\"",
                    "\"\\ud800\"",
                    "\"" + "r".repeat(300) + "\"")));
  }

  /** The text with one character dropped, doubled or replaced. */
  public static String mutate(String text) {
    if (text.isEmpty()) {
      return "{";
    }
    int at = Math.floorMod(text.hashCode(), text.length());
    return switch (Math.floorMod(text.length(), 3)) {
      case 0 -> text.substring(0, at) + text.substring(at + 1);
      case 1 -> text.substring(0, at) + text.charAt(at) + text.substring(at);
      default -> text.substring(0, at) + "'\u0000,]}:".charAt(at % 6) + text.substring(at + 1);
    };
  }

  public static String quoted(String text) {
    return new com.google.gson.JsonPrimitive(text).toString();
  }
}
