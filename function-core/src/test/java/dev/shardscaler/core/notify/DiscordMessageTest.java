package dev.shardscaler.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever the notices, the message stays within Discord's limits. */
class DiscordMessageTest {

  static Notice notice(int size, int pods) {
    String text = "x".repeat(size);
    List<String> table =
        IntStream.range(0, pods)
            .mapToObj(i -> "bot-" + i + ": " + i * 4 + "-" + (i * 4 + 3))
            .toList();
    return new Notice(
        Notice.Kind.RESHARDED,
        "main",
        "discord/" + "b".repeat(Math.min(size, 250)),
        "SCALED_UP",
        "main scaled up " + text,
        "message " + text,
        "advice " + text,
        table,
        "12 shards / 3 pods × 4",
        "16 shards / 4 pods × 4",
        "2026-11-28T12:00:00Z",
        "2026-11-28T12:00:00Z");
  }

  @ParameterizedTest(name = "{0} notices")
  @ValueSource(ints = {1, 2, 5, 10, 14})
  void hugeNoticesStayWithinEveryLimit(int count) {
    List<Notice> notices = new ArrayList<>(Collections.nCopies(count, notice(10_000, 500)));

    JsonObject body = DiscordMessage.body(notices);

    assertThat(body.get("content").getAsString().length()).isLessThanOrEqualTo(2000);
    JsonArray embeds = body.getAsJsonArray("embeds");
    assertThat(embeds.size()).isEqualTo(Math.min(count, 10));
    int total = 0;
    for (JsonElement element : embeds) {
      JsonObject embed = element.getAsJsonObject();
      int title = embed.get("title").getAsString().length();
      int description =
          embed.has("description") ? embed.get("description").getAsString().length() : 0;
      int footer = embed.getAsJsonObject("footer").get("text").getAsString().length();
      assertThat(title).isBetween(1, 256);
      assertThat(description).isLessThanOrEqualTo(4096);
      assertThat(footer).isLessThanOrEqualTo(2048);
      total += title + description + footer;
      JsonArray fields = embed.getAsJsonArray("fields");
      if (fields != null) {
        assertThat(fields.size()).isLessThanOrEqualTo(25);
        for (JsonElement field : fields) {
          int name = field.getAsJsonObject().get("name").getAsString().length();
          int value = field.getAsJsonObject().get("value").getAsString().length();
          assertThat(name).isBetween(1, 256);
          assertThat(value).isBetween(1, 1024);
          total += name + value;
        }
      }
    }
    assertThat(total).isLessThanOrEqualTo(6000);
    assertThat(body.getAsJsonObject("allowed_mentions").getAsJsonArray("parse")).isEmpty();
  }

  @Test
  void aSmallNoticeIsShownWhole() {
    JsonObject embed = DiscordMessage.embed(notice(10, 4), 5900);

    assertThat(embed.get("title").getAsString()).isEqualTo("main scaled up " + "x".repeat(10));
    assertThat(embed.get("description").getAsString()).isEqualTo("message " + "x".repeat(10));
    assertThat(embed.getAsJsonArray("fields").toString())
        .contains("bot-0: 0-3\\nbot-1: 4-7\\nbot-2: 8-11\\nbot-3: 12-15")
        .contains("12 shards / 3 pods × 4 → 16 shards / 4 pods × 4");
  }

  @Test
  void cuttingNeverSplitsASurrogatePair() {
    String emoji = "📈".repeat(10);
    String cut = DiscordMessage.cut(emoji, 6);
    assertThat(cut).isEqualTo("📈📈…");
    assertThat(cut.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
    assertThat(DiscordMessage.cut("short", 6)).isEqualTo("short");
  }
}
