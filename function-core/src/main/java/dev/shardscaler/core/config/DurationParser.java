package dev.shardscaler.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses "24h", "1h30m", "90s", "500ms", "0", or ISO-8601 ("PT24H"), up to {@link #MAX} (ten
 * years): nothing the scaler waits for is longer, and every sum of times stays far from overflow.
 */
public final class DurationParser {
  public static final Duration MAX = Duration.ofDays(3650);
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s|d)");

  private DurationParser() {}

  /** Returns null when the text is not a duration from 0 to {@link #MAX}. */
  public static Duration parse(String text) {
    try {
      Duration parsed = parseUnbounded(text);
      return parsed == null || parsed.isNegative() || parsed.compareTo(MAX) > 0 ? null : parsed;
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return null;
    }
  }

  private static Duration parseUnbounded(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    if (value.startsWith("p")) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher matcher = PART.matcher(value);
    Duration total = Duration.ZERO;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) {
        return null;
      }
      long amount;
      try {
        amount = Long.parseLong(matcher.group(1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (amount > MAX.toMillis()) {
        return null;
      }
      total =
          switch (matcher.group(2)) {
            case "ms" -> total.plusMillis(amount);
            case "s" -> total.plusSeconds(amount);
            case "m" -> total.plusMinutes(amount);
            case "h" -> total.plusHours(amount);
            default -> total.plusDays(amount);
          };
      end = matcher.end();
    }
    return end == value.length() && end > 0 ? total : null;
  }

  /** Formats a duration the way the parser reads it back, e.g. "1h30m", "45s", "0s". */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long hours = duration.toHours();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (duration.toMinutesPart() > 0) {
      out.append(duration.toMinutesPart()).append('m');
    }
    if (duration.toSecondsPart() > 0) {
      out.append(duration.toSecondsPart()).append('s');
    }
    if (duration.toMillisPart() > 0) {
      out.append(duration.toMillisPart()).append("ms");
    }
    return out.toString();
  }
}
