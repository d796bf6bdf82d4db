package dev.shardscaler.core.http;

/**
 * Text that came from a caller (a field name, a CloudEvent id, a path), made safe to put into a log
 * line or a message: characters that would break a line or its display are written as {@code
 * \\uXXXX}, and long text is cut. Every log format stays intact whatever the caller sent, because
 * no raw control character ever reaches a formatter.
 */
public final class CallerText {
  /** How much of a caller's text a message or log line quotes. */
  public static final int SHOWN = 60;

  private CallerText() {}

  /** The text in double quotes, escaped and cut to {@link #SHOWN} characters. */
  public static String quote(String text) {
    return text == null ? "null" : "\"" + safe(text, SHOWN) + "\"";
  }

  /**
   * The text escaped (backslash, double quote, unsafe characters) and cut to {@code max}
   * characters.
   */
  public static String safe(String text, int max) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    int shown = 0;
    for (int i = 0; i < text.length(); ) {
      if (shown == max) {
        return out.append('…').toString();
      }
      int c = text.codePointAt(i);
      if (c == '\\' || c == '"') {
        // escaped too, so that a quoted value cannot end early and forge what follows it
        out.append('\\').append((char) c);
      } else if (unsafe(c)) {
        out.append(String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
      shown++;
    }
    return out.toString();
  }

  /**
   * Text we built ourselves (e.g. a JSON body, where a backslash already escapes), with any unsafe
   * character escaped as a last line of defence and cut to {@code max} characters.
   */
  public static String unsafeEscaped(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    for (int i = 0; i < text.length(); ) {
      if (out.length() >= max) {
        return out.append('…').toString();
      }
      int c = text.codePointAt(i);
      if (unsafe(c)) {
        out.append(String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }

  /** The index of the first character {@link #unsafe} in {@code text}, or -1. */
  public static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (unsafe(c)) {
        return i;
      }
      i += Character.charCount(c);
    }
    return -1;
  }

  /**
   * Control characters (C0, DEL, C1: newline, tab, ESC for terminal colours, NUL), the Unicode line
   * and paragraph separators (new lines to many log viewers), the bidirectional embedding, override
   * and isolate marks (text that displays in another order than it reads), and unpaired surrogates
   * (not encodable in UTF-8).
   */
  public static boolean unsafe(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
