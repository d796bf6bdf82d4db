package dev.shardscaler.core.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.shardscaler.core.InvalidRequestException;
import java.util.List;

/**
 * Reads JSON exactly as RFC 8259 defines it, and nothing more: no comments, no single quotes, no
 * unquoted names, no trailing commas, no NaN, no second value, no field twice, at most {@link
 * #MAX_DEPTH} levels deep. A mistake is reported in our words with its line and column ("line 1,
 * column 15: expected ',' or '}' after the value of \"shards\""), never with a library's message.
 *
 * <p>Numbers keep their literal text (see {@link Literal}): {@code 1e10001} is a valid JSON number,
 * and whether it fits a field is for the field's reader to say.
 */
public final class StrictJson {
  public static final int MAX_DEPTH = 32;

  private final String text;
  private final String what;
  private int pos;
  private int depth;

  private StrictJson(String text, String what) {
    this.text = text;
    this.what = what;
  }

  /**
   * @param what how messages name the text: "body", "the event", …
   * @throws InvalidRequestException saying where the text stops being JSON, and why
   */
  public static JsonElement parse(String text, String what) {
    StrictJson reader = new StrictJson(text, what);
    JsonElement value = reader.value();
    reader.whitespace();
    if (reader.pos < text.length()) {
      throw reader.fail(
          reader.peek() == '/'
              ? "a comment after the JSON value (JSON has no comments)"
              : "unexpected " + reader.found() + " after the JSON value (one value only)");
    }
    return value;
  }

  /** A JSON number as written; {@link #toString()} is the literal. */
  public static final class Literal extends Number {
    private static final long serialVersionUID = 1L;
    private final String literal;

    Literal(String literal) {
      this.literal = literal;
    }

    @Override
    public int intValue() {
      return (int) doubleValue();
    }

    @Override
    public long longValue() {
      return (long) doubleValue();
    }

    @Override
    public float floatValue() {
      return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
      return Double.parseDouble(literal);
    }

    @Override
    public String toString() {
      return literal;
    }
  }

  private JsonElement value() {
    whitespace();
    if (pos >= text.length()) {
      throw fail("expected a JSON value, got " + found());
    }
    char c = peek();
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> new JsonPrimitive(string());
      case 't' -> literal("true", new JsonPrimitive(true));
      case 'f' -> literal("false", new JsonPrimitive(false));
      case 'n' -> literal("null", JsonNull.INSTANCE);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw fail(
            (c == '\'' ? "a string in single quotes (JSON needs double quotes): " : "")
                + "expected a JSON value (an object, array, string, number, true, false or"
                + " null), got "
                + found());
      }
    };
  }

  private JsonObject object() {
    enter();
    pos++; // {
    JsonObject object = new JsonObject();
    whitespace();
    if (at('}')) {
      pos++;
      depth--;
      return object;
    }
    while (true) {
      whitespace();
      if (!at('"')) {
        throw fail(
            at('}')
                ? "a comma before '}' (JSON allows no comma after the last field)"
                : "expected a field name in double quotes, got " + found());
      }
      int nameAt = pos;
      String name = string();
      if (object.has(name)) {
        pos = nameAt;
        throw fail("field " + CallerText.quote(name) + " appears twice");
      }
      whitespace();
      if (!at(':')) {
        throw fail(
            "expected ':' after the field name " + CallerText.quote(name) + ", got " + found());
      }
      pos++;
      object.add(name, value());
      whitespace();
      if (at(',')) {
        pos++;
      } else if (at('}')) {
        pos++;
        depth--;
        return object;
      } else {
        throw fail(
            "expected ',' or '}' after the value of "
                + CallerText.quote(name)
                + ", got "
                + found());
      }
    }
  }

  private JsonArray array() {
    enter();
    pos++; // [
    JsonArray array = new JsonArray();
    whitespace();
    if (at(']')) {
      pos++;
      depth--;
      return array;
    }
    while (true) {
      whitespace();
      if (at(']')) {
        throw fail("a comma before ']' (JSON allows no comma after the last element)");
      }
      array.add(value());
      whitespace();
      if (at(',')) {
        pos++;
      } else if (at(']')) {
        pos++;
        depth--;
        return array;
      } else {
        throw fail("expected ',' or ']' in an array, got " + found());
      }
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw fail("nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private String string() {
    pos++; // "
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw fail("a string is not closed: expected '\"', got " + found());
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return out.toString();
      }
      if (c < 0x20) {
        throw fail(
            String.format(
                "the control character U+%04X must be written as an escape (such as \\n, \\t or"
                    + " \\u%04X) inside a string",
                (int) c, (int) c));
      }
      if (c != '\\') {
        out.append(c);
        pos++;
        continue;
      }
      if (pos + 1 >= text.length()) {
        pos++;
        throw fail("a string is not closed: expected an escape after '\\', got " + found());
      }
      char escape = text.charAt(pos + 1);
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append(unicodeEscape());
          continue;
        }
        default ->
            throw fail(
                "unknown escape \\"
                    + CallerText.safe(String.valueOf(escape), 1)
                    + " in a string (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)");
      }
      pos += 2;
    }
  }

  private char unicodeEscape() {
    if (pos + 6 > text.length()) {
      throw fail("\\u must be followed by four hexadecimal digits");
    }
    int value = 0;
    for (int i = pos + 2; i < pos + 6; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0 || text.charAt(i) > 'f') {
        throw fail("\\u must be followed by four hexadecimal digits");
      }
      value = value * 16 + digit;
    }
    pos += 6;
    return (char) value;
  }

  private JsonPrimitive number() {
    int start = pos;
    if (at('-')) {
      pos++;
    }
    if (at('0')) {
      pos++;
      if (digit()) {
        throw fail("a number must not start with 0 (write 12, not 012)");
      }
    } else if (digit()) {
      digits();
    } else {
      throw fail("expected a digit in a number, got " + found());
    }
    if (at('.')) {
      pos++;
      if (!digit()) {
        throw fail("expected a digit after the decimal point, got " + found());
      }
      digits();
    }
    if (at('e') || at('E')) {
      pos++;
      if (at('+') || at('-')) {
        pos++;
      }
      if (!digit()) {
        throw fail("expected a digit in the exponent, got " + found());
      }
      digits();
    }
    return new JsonPrimitive(new Literal(text.substring(start, pos)));
  }

  private void digits() {
    while (digit()) {
      pos++;
    }
  }

  private boolean digit() {
    return pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9';
  }

  private JsonElement literal(String word, JsonElement value) {
    if (!text.startsWith(word, pos)) {
      throw fail(
          "expected a JSON value (an object, array, string, number, true, false or null), got "
              + found());
    }
    pos += word.length();
    return value;
  }

  private void whitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private boolean at(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private char peek() {
    return text.charAt(pos);
  }

  /** What stands at the current position, for a message. */
  private String found() {
    if (pos >= text.length()) {
      return "the end of the " + what;
    }
    int c = text.codePointAt(pos);
    return CallerText.unsafe(c) || Character.isWhitespace(c)
        ? String.format("U+%04X", c)
        : "'" + CallerText.safe(new String(Character.toChars(c)), 1) + "'";
  }

  private InvalidRequestException fail(String problem) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = text.codePointCount(lineStart, Math.min(pos, text.length())) + 1;
    return new InvalidRequestException(
        List.of(what + " is not valid JSON: line " + line + ", column " + column + ": " + problem));
  }
}
