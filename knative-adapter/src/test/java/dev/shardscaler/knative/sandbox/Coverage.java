package dev.shardscaler.knative.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Which of the bot's guilds a Discord gateway would deliver to a pod that handles them: a guild
 * goes to shard {@code (guild_id >> 22) % total} of each session's total, so a guild is covered by
 * every active session of that shard id on that total. Sampled once a second: guilds covered by no
 * active session (their events go nowhere) and by two or more (their events are handled twice).
 */
final class Coverage {
  private final long[] guildIds;

  /** One second: how many guilds nobody serves, and how many are served twice. */
  record Second(int guilds, int uncovered, int twice) {}

  /** A run of seconds. */
  static final class Tally {
    int seconds;
    int secondsUncovered;
    long guildSecondsUncovered;
    int peakUncovered;
    int secondsTwice;

    void add(Second second) {
      seconds++;
      if (second.uncovered() > 0) {
        secondsUncovered++;
        guildSecondsUncovered += second.uncovered();
        peakUncovered = Math.max(peakUncovered, second.uncovered());
      }
      if (second.twice() > 0) {
        secondsTwice++;
      }
    }

    String describe() {
      return String.format(
          "%d s with guilds covered by no active session%s, %d s with guilds covered twice (of %d s)",
          secondsUncovered,
          secondsUncovered == 0
              ? ""
              : String.format(
                  " (peak %,d guilds, %,d guild-seconds)", peakUncovered, guildSecondsUncovered),
          secondsTwice,
          seconds);
    }
  }

  /** {@code capacity} guild ids (snowflakes created 2015–2026), the same for every run. */
  Coverage(int capacity) {
    Random random = new Random(2015);
    guildIds = new long[capacity];
    long span = 11L * 365 * 24 * 3600 * 1000;
    for (int i = 0; i < capacity; i++) {
      long created = (long) (random.nextDouble() * span);
      guildIds[i] = (created << 22) | random.nextInt(1 << 22);
    }
  }

  /** The first {@code guilds} guilds against the sessions of this second. */
  Second sample(List<PodModel.Session> sessions, int guilds) {
    Map<Integer, int[]> activeByTotal = new HashMap<>();
    for (PodModel.Session session : sessions) {
      if (session.active()) {
        activeByTotal.computeIfAbsent(session.total(), t -> new int[t])[session.shard()]++;
      }
    }
    int uncovered = 0;
    int twice = 0;
    int count = Math.min(guilds, guildIds.length);
    for (int i = 0; i < count; i++) {
      long timestamp = guildIds[i] >> 22;
      int covering = 0;
      for (Map.Entry<Integer, int[]> entry : activeByTotal.entrySet()) {
        covering += entry.getValue()[(int) (timestamp % entry.getKey())];
      }
      if (covering == 0) {
        uncovered++;
      } else if (covering > 1) {
        twice++;
      }
    }
    return new Second(count, uncovered, twice);
  }
}
