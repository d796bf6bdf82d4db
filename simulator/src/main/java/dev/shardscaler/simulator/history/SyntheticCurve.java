package dev.shardscaler.simulator.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The built-in guild histories: shapes a bot's year can take, each pointed at one risk of
 * autoscaling. Pure functions of the day, so every run of a curve is the same.
 */
public enum SyntheticCurve {
  /**
   * 20,000 → 140,000 guilds in a year (compound growth, about 0.5 % a day) with a ±0.3 % weekly
   * wobble: many small scale-ups, each a full rolling restart.
   */
  STEADY_GROWTH(
      "steady-growth",
      "steady growth: 20,000 → 140,000 guilds over 365 days (compound), ±0.3 % weekly wobble,"
          + " max_concurrency 1") {
    @Override
    double guilds(double day) {
      return 20_000 * Math.pow(7, day / 365) * (1 + 0.003 * Math.sin(2 * Math.PI * day / 7));
    }

    @Override
    int maxConcurrency(double day) {
      return 1;
    }
  },

  /**
   * 6,000 guilds growing by 10 a day; on day 120 the bot goes viral and gains 70,000 guilds in
   * about ten days; from day 135 three quarters of them leave again (churn, a 30-day time
   * constant): fast scale-ups that spend the identify budget, then scale-downs after the window.
   */
  VIRAL_SPIKE(
      "viral-spike",
      "viral spike then churn: 6,000 guilds (+10/day), +70,000 within ~10 days from day 120,"
          + " three quarters of them gone again from day 135 (30-day time constant),"
          + " max_concurrency 1") {
    @Override
    double guilds(double day) {
      double spike = 70_000 / (1 + Math.exp(-(day - 125) / 2));
      double churn = day < 135 ? 1 : 0.25 + 0.75 * Math.exp(-(day - 135) / 30);
      return 6_000 + 10 * day + spike * churn;
    }

    @Override
    int maxConcurrency(double day) {
      return 1;
    }
  },

  /**
   * 160,000 ± 2,500 guilds with a six-day period, right on a shard threshold; on day 182 Discord
   * raises {@code max_concurrency} from 1 to 16 (large bot sharding), so every count must become a
   * multiple of 16 and the recommendation jumps between 160 and 176.
   */
  OSCILLATION(
      "oscillation",
      "oscillation around a threshold: 160,000 ± 2,500 guilds, six-day period;"
          + " max_concurrency 1, then 16 from day 182") {
    @Override
    double guilds(double day) {
      return 160_000 + 2_500 * Math.sin(2 * Math.PI * day / 6);
    }

    @Override
    int maxConcurrency(double day) {
      return day < 182 ? 1 : 16;
    }
  };

  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
  public static final int DEFAULT_DAYS = 365;
  private static final double SECONDS_PER_DAY = 86_400;

  private final String id;
  private final String description;

  SyntheticCurve(String id, String description) {
    this.id = id;
    this.description = description;
  }

  abstract double guilds(double day);

  abstract int maxConcurrency(double day);

  public String id() {
    return id;
  }

  /** The curve with this id; null when there is none. */
  public static SyntheticCurve byId(String id) {
    for (SyntheticCurve curve : values()) {
      if (curve.id.equals(id.toLowerCase(Locale.ROOT))) {
        return curve;
      }
    }
    return null;
  }

  public static String ids() {
    return Arrays.stream(values()).map(SyntheticCurve::id).collect(Collectors.joining(", "));
  }

  /** The curve as a history of {@code days} days from {@code start}. */
  public GuildHistory history(Instant start, int days) {
    Instant end = start.plus(Duration.ofDays(days));
    SyntheticCurve curve = this;
    return new GuildHistory() {
      @Override
      public Instant start() {
        return start;
      }

      @Override
      public Instant end() {
        return end;
      }

      @Override
      public int guilds(Instant at) {
        return (int) Math.round(Math.max(0, curve.guilds(day(at))));
      }

      @Override
      public int maxConcurrency(Instant at) {
        return curve.maxConcurrency(day(at));
      }

      @Override
      public String description() {
        return "built-in curve " + id + ", " + days + " days from " + start + ": " + description;
      }

      private double day(Instant at) {
        return (at.getEpochSecond() - start.getEpochSecond()) / SECONDS_PER_DAY;
      }
    };
  }
}
