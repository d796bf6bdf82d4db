package dev.shardscaler.core.http;

import java.util.Locale;

/**
 * A {@code Content-Type} value: {@code type/subtype} and its {@code charset} parameter (RFC 9110
 * §8.3: case-insensitive names, parameters as tokens or quoted strings). Other parameters are
 * allowed and ignored; anything that is not exactly one media type does not parse.
 *
 * @param type lower case, e.g. {@code application/json}
 * @param charset lower case, without quotes; null when not given
 */
public record MediaType(String type, String charset) {
  public static final String JSON = "application/json";
  public static final String CLOUDEVENT = "application/cloudevents+json";
  public static final String CLOUDEVENT_BATCH = "application/cloudevents-batch+json";

  /** The media type, or null when {@code value} is not one well-formed media type. */
  public static MediaType parse(String value) {
    if (value == null) {
      return null;
    }
    String[] parts = value.split(";", -1);
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    int slash = type.indexOf('/');
    if (slash <= 0
        || slash == type.length() - 1
        || !token(type.substring(0, slash))
        || !token(type.substring(slash + 1))) {
      return null;
    }
    String charset = null;
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      int equals = parameter.indexOf('=');
      if (equals <= 0) {
        return null;
      }
      String name = parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT);
      String raw = parameter.substring(equals + 1).strip();
      boolean quoted = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
      String parameterValue = quoted ? raw.substring(1, raw.length() - 1) : raw;
      if (!token(name) || (!quoted && !token(raw))) {
        return null;
      }
      if (name.equals("charset")) {
        if (charset != null) {
          return null;
        }
        charset = parameterValue.toLowerCase(Locale.ROOT);
      }
    }
    return new MediaType(type, charset);
  }

  /** True when the charset is UTF-8 or not given (JSON is UTF-8, RFC 8259 §8.1). */
  public boolean utf8() {
    return charset == null || charset.equals("utf-8");
  }

  /** An RFC 9110 token: visible ASCII without separators. */
  private static boolean token(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7F || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }
}
