package dev.shardscaler.core.notify;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * Notices as one Discord webhook message within Discord's limits (the execute-webhook and embed
 * documentation): content at most 2,000 characters; at most 10 embeds; a title at most 256, a
 * description at most 4,096, a field name 256 and value 1,024, a footer 2,048, at most 25 fields;
 * and at most 6,000 characters across every embed's title, description, fields, footer and author.
 * Text is cut with "…" rather than refused. Mentions are disabled: a request's reason could hold
 * "@everyone".
 */
final class DiscordMessage {
  static final int MAX_EMBEDS = 10;
  static final int MAX_CONTENT = 2000;
  static final int MAX_TITLE = 256;
  static final int MAX_DESCRIPTION = 4096;
  static final int MAX_FIELD_NAME = 256;
  static final int MAX_FIELD_VALUE = 1024;
  static final int MAX_FOOTER = 2048;
  static final int MAX_FIELDS = 25;
  static final int MAX_EMBED_TOTAL = 6000;

  /** Colours by kind: green, red, amber, blue. */
  private static int colour(Notice.Kind kind) {
    return switch (kind) {
      case RESHARDED -> 0x3498DB;
      case FAILED -> 0xE74C3C;
      case BLOCKED -> 0xF1C40F;
      case RECOVERED -> 0x2ECC71;
    };
  }

  private DiscordMessage() {}

  /**
   * The body of one execute-webhook request for the first {@link #MAX_EMBEDS} notices (the caller
   * sends the rest later).
   */
  static JsonObject body(List<Notice> notices) {
    List<Notice> shown = notices.subList(0, Math.min(notices.size(), MAX_EMBEDS));
    JsonObject body = new JsonObject();
    body.addProperty("username", "shardscaler");
    StringBuilder content = new StringBuilder();
    for (Notice notice : shown) {
      content.append(content.isEmpty() ? "" : "\n").append(notice.title());
    }
    body.addProperty("content", cut(content.toString(), MAX_CONTENT));
    // An equal share of the 6,000 characters per embed (less a margin for rounding).
    int share = (MAX_EMBED_TOTAL - 100) / shown.size();
    JsonArray embeds = new JsonArray();
    shown.forEach(notice -> embeds.add(embed(notice, share)));
    body.add("embeds", embeds);
    JsonObject mentions = new JsonObject();
    mentions.add("parse", new JsonArray());
    body.add("allowed_mentions", mentions);
    return body;
  }

  /** One embed using at most {@code budget} of the characters Discord counts. */
  static JsonObject embed(Notice notice, int budget) {
    JsonObject embed = new JsonObject();
    String title = cut(notice.title(), Math.min(MAX_TITLE, budget / 4));
    String footer = cut(notice.statefulSet() + " · " + notice.reason(), Math.min(200, budget / 8));
    int left = budget - title.length() - footer.length();
    JsonArray fields = new JsonArray();
    // The fields first get what they need up to half of what is left; the description the rest.
    int fieldBudget = left / 2;
    if (notice.advice() != null) {
      fieldBudget -= field(fields, "What to do", notice.advice(), fieldBudget);
    }
    if (notice.from() != null && notice.to() != null) {
      fieldBudget -= field(fields, "Layout", notice.from() + " → " + notice.to(), fieldBudget);
    }
    if (!notice.pods().isEmpty()) {
      fieldBudget -= field(fields, "Pods", String.join("\n", notice.pods()), fieldBudget);
    }
    if (notice.since() != null && notice.kind() != Notice.Kind.RESHARDED) {
      field(fields, "Since", notice.since(), fieldBudget);
    }
    int used = title.length() + footer.length() + lengthOf(fields);
    String description = cut(notice.text(), Math.min(MAX_DESCRIPTION, budget - used));
    embed.addProperty("title", title);
    if (!description.isEmpty()) {
      embed.addProperty("description", description);
    }
    embed.addProperty("color", colour(notice.kind()));
    if (!fields.isEmpty()) {
      embed.add("fields", fields);
    }
    JsonObject foot = new JsonObject();
    foot.addProperty("text", footer);
    embed.add("footer", foot);
    embed.addProperty("timestamp", notice.at());
    return embed;
  }

  /** Adds a field cut to what is left; returns the characters it took (0 when none fit). */
  private static int field(JsonArray fields, String name, String value, int budget) {
    int room = Math.min(MAX_FIELD_VALUE, budget - name.length());
    if (room < 16 || fields.size() >= MAX_FIELDS) {
      return 0;
    }
    JsonObject field = new JsonObject();
    field.addProperty("name", cut(name, MAX_FIELD_NAME));
    String shown = cut(value, room);
    field.addProperty("value", shown);
    fields.add(field);
    return name.length() + shown.length();
  }

  private static int lengthOf(JsonArray fields) {
    int total = 0;
    for (var field : fields) {
      JsonObject object = field.getAsJsonObject();
      total +=
          object.get("name").getAsString().length() + object.get("value").getAsString().length();
    }
    return total;
  }

  /**
   * The text cut to at most {@code max} UTF-16 units (what Java counts; never fewer than Discord's
   * characters), ending in "…" when cut, never splitting a surrogate pair.
   */
  static String cut(String text, int max) {
    if (text == null) {
      return "";
    }
    if (text.length() <= max) {
      return text;
    }
    if (max <= 1) {
      return max == 1 ? "…" : "";
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
