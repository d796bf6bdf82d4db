package dev.shardscaler.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads typed values from a string map, collecting every problem instead of stopping at the first.
 * Each problem quotes the key and the value it had.
 */
public final class EnvReader {
  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  public EnvReader(Map<String, String> env) {
    this.env = env;
  }

  /** The trimmed value, or null when the key is absent or blank. */
  public String raw(String key) {
    String value = env.get(key);
    return value == null || value.isBlank() ? null : value.strip();
  }

  public String required(String key, Predicate<String> valid, String expectation) {
    String value = raw(key);
    if (value == null) {
      problems.add("missing required parameter \"" + key + "\"");
      return null;
    }
    return check(key, value, valid, expectation);
  }

  public String string(String key, String fallback, Predicate<String> valid, String expectation) {
    String value = raw(key);
    return value == null ? fallback : check(key, value, valid, expectation);
  }

  public int integer(String key, int fallback, int min, int max) {
    Integer value = optionalInteger(key, min, max);
    return value == null ? fallback : value;
  }

  /** Null when absent; otherwise an integer within [min, max] or a recorded problem. */
  public Integer optionalInteger(String key, int min, int max) {
    String value = raw(key);
    if (value == null) {
      return null;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(key + " must be " + range(min, max) + ", got \"" + value + "\"");
    return null;
  }

  public boolean bool(String key, boolean fallback) {
    String value = raw(key);
    if (value == null) {
      return fallback;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on":
        return true;
      case "0", "false", "no", "off":
        return false;
      default:
        problems.add(key + " must be 1 or 0 (or true/false), got \"" + value + "\"");
        return fallback;
    }
  }

  /** A duration within [min, max]; the message names both bounds. */
  public Duration duration(String key, Duration fallback, Duration min, Duration max) {
    String value = raw(key);
    if (value == null) {
      return fallback;
    }
    Duration parsed = DurationParser.parse(value);
    if (parsed == null || parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      problems.add(
          key
              + " must be a duration from "
              + DurationParser.format(min)
              + " to "
              + DurationParser.format(max)
              + " such as 30s, 10m, 24h or PT24H, got \""
              + value
              + "\"");
      return fallback;
    }
    return parsed;
  }

  public Duration duration(String key, Duration fallback, Duration min) {
    String value = raw(key);
    if (value == null) {
      return fallback;
    }
    Duration parsed = DurationParser.parse(value);
    if (parsed == null || parsed.compareTo(min) < 0) {
      problems.add(
          key
              + " must be a duration"
              + (min.isZero() ? "" : " of at least " + DurationParser.format(min))
              + " (at most 3650d) such as 30s, 10m, 24h or PT24H, got \""
              + value
              + "\"");
      return fallback;
    }
    return parsed;
  }

  /**
   * An https URL, or http only to a loopback address (a local proxy): what a secret such as the bot
   * token may be sent to.
   */
  public URI secureUrl(String key, String fallback) {
    URI uri = httpUrl(key, fallback);
    if (uri != null && "http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
      problems.add(
          key
              + " must be an https URL (plain http is allowed only to a loopback address such as"
              + " 127.0.0.1, a local proxy): the bot token would cross the network in clear, got \""
              + uri
              + "\"");
      return null;
    }
    return uri;
  }

  private static boolean isLoopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.equals("localhost")
        || name.equals("::1")
        || name.equals("0:0:0:0:0:0:0:1")
        || name.matches("127(\\.\\d{1,3}){3}");
  }

  public URI httpUrl(String key, String fallback) {
    String value = raw(key);
    String text = value == null ? fallback : value;
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      String scheme = uri.getScheme();
      if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add(key + " must be an http(s) URL, got \"" + text + "\"");
    return null;
  }

  public void problem(String message) {
    problems.add(message);
  }

  /** Throws a {@link ConfigException} listing every problem seen, if there were any. */
  public void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private String check(String key, String value, Predicate<String> valid, String expectation) {
    if (valid.test(value)) {
      return value;
    }
    problems.add(key + " must be " + expectation + ", got \"" + value + "\"");
    return null;
  }

  private static String range(int min, int max) {
    if (max == Integer.MAX_VALUE) {
      return "an integer ≥ " + min;
    }
    return "an integer from " + min + " to " + max;
  }
}
