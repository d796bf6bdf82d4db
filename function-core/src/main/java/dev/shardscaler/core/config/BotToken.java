package dev.shardscaler.core.config;

import java.util.Objects;

/**
 * The Discord bot token. Its only way out is {@link #reveal()}, called where the Authorization
 * header is built; {@code toString} never shows it.
 */
public final class BotToken {
  private final String value;

  private BotToken(String value) {
    this.value = value;
  }

  public static BotToken of(String value) {
    Objects.requireNonNull(value, "value");
    String trimmed = value.strip();
    if (trimmed.regionMatches(true, 0, "Bot ", 0, 4)) {
      trimmed = trimmed.substring(4).strip();
    }
    return new BotToken(trimmed);
  }

  public String reveal() {
    return value;
  }

  /** Replaces every occurrence of the token in {@code text}: a last guard for echoed bodies. */
  public String scrub(String text) {
    return text == null || value.isEmpty() ? text : text.replace(value, "[redacted]");
  }

  @Override
  public String toString() {
    return "BotToken[redacted]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BotToken token && token.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
