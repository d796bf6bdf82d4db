package dev.shardscaler.simulator.history;

import dev.shardscaler.core.config.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A guild history from a CSV file: a header naming the columns {@code timestamp} and {@code
 * guilds}, optionally {@code max_concurrency}, in any order; then one row per sample, in time
 * order. Between two samples the guild count is interpolated linearly; {@code max_concurrency}
 * holds from its row until the next. Blank lines and lines starting with {@code #} are skipped.
 * Read strictly: every problem is reported with its line and column, and nothing is guessed.
 */
public final class CsvHistory implements GuildHistory {
  static final int MAX_PROBLEMS = 20;

  /** Above this Discord would recommend more shards than the scaler accepts anywhere. */
  static final long MAX_GUILDS = Settings.MAX_SHARDS_LIMIT * 1000L;

  static final int MAX_CONCURRENCY_LIMIT = 1024;

  private final String source;
  private final long[] seconds;
  private final int[] guilds;
  private final int[] maxConcurrency;
  private int cursor;

  private CsvHistory(String source, long[] seconds, int[] guilds, int[] maxConcurrency) {
    this.source = source;
    this.seconds = seconds;
    this.guilds = guilds;
    this.maxConcurrency = maxConcurrency;
  }

  /**
   * Reads a history file.
   *
   * @throws HistoryException naming every problem (line, column, value)
   */
  public static CsvHistory read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, file.toString());
    } catch (IOException e) {
      throw new HistoryException(List.of("cannot read " + file + ": " + e.getMessage()));
    }
  }

  public static CsvHistory parse(Reader reader, String source) throws IOException {
    return new Parser(source).parse(new BufferedReader(reader));
  }

  @Override
  public Instant start() {
    return Instant.ofEpochSecond(seconds[0]);
  }

  /** One second after the last sample, so that a pass at the last timestamp still runs. */
  @Override
  public Instant end() {
    return Instant.ofEpochSecond(seconds[seconds.length - 1] + 1);
  }

  @Override
  public int guilds(Instant at) {
    long t = at.getEpochSecond();
    int i = indexAtOrBefore(t);
    if (i < 0) {
      return guilds[0];
    }
    if (i == seconds.length - 1 || t == seconds[i]) {
      return guilds[i];
    }
    double fraction = (double) (t - seconds[i]) / (seconds[i + 1] - seconds[i]);
    return (int) Math.round(guilds[i] + fraction * (guilds[i + 1] - guilds[i]));
  }

  @Override
  public int maxConcurrency(Instant at) {
    int i = indexAtOrBefore(at.getEpochSecond());
    return maxConcurrency[Math.max(i, 0)];
  }

  @Override
  public String description() {
    return source
        + " ("
        + seconds.length
        + " samples, "
        + start()
        + " to "
        + Instant.ofEpochSecond(seconds[seconds.length - 1])
        + ")";
  }

  public int samples() {
    return seconds.length;
  }

  /** The last sample at or before {@code t}; -1 before the first. Passes move forward: a cursor. */
  private int indexAtOrBefore(long t) {
    int i = cursor;
    if (seconds[i] <= t && (i + 1 == seconds.length || seconds[i + 1] > t)) {
      return i;
    }
    if (i + 1 < seconds.length
        && seconds[i + 1] <= t
        && (i + 2 == seconds.length || seconds[i + 2] > t)) {
      cursor = i + 1;
      return cursor;
    }
    int found = Arrays.binarySearch(seconds, t);
    int index = found >= 0 ? found : -found - 2;
    if (index >= 0) {
      cursor = index;
    }
    return index;
  }

  /** One pass over the lines, collecting problems instead of stopping at the first. */
  private static final class Parser {
    private final String source;
    private final List<String> problems = new ArrayList<>();
    private int hidden;
    private int timestampColumn = -1;
    private int guildsColumn = -1;
    private int concurrencyColumn = -1;
    private int columns;

    Parser(String source) {
      this.source = source;
    }

    CsvHistory parse(BufferedReader in) throws IOException {
      List<Long> times = new ArrayList<>();
      List<Integer> counts = new ArrayList<>();
      List<Integer> concurrency = new ArrayList<>();
      boolean header = false;
      int lineNumber = 0;
      long previous = Long.MIN_VALUE;
      int previousLine = 0;
      String line;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] fields = trimmed.split(",", -1);
        for (int i = 0; i < fields.length; i++) {
          fields[i] = fields[i].strip();
        }
        if (!header) {
          header = true;
          if (!header(lineNumber, fields)) {
            break;
          }
          continue;
        }
        if (fields.length != columns) {
          problem(
              "line "
                  + lineNumber
                  + ": expected "
                  + columns
                  + " fields ("
                  + headerNames()
                  + "), got "
                  + fields.length);
          continue;
        }
        Long time = timestamp(lineNumber, fields[timestampColumn]);
        Integer count =
            integer(lineNumber, "guilds", fields[guildsColumn], 0, MAX_GUILDS, "an integer");
        Integer buckets =
            concurrencyColumn < 0
                ? Integer.valueOf(1)
                : integer(
                    lineNumber,
                    "max_concurrency",
                    fields[concurrencyColumn],
                    1,
                    MAX_CONCURRENCY_LIMIT,
                    "an integer");
        if (time != null) {
          if (time <= previous) {
            problem(
                "line "
                    + lineNumber
                    + ", column timestamp: "
                    + Instant.ofEpochSecond(time)
                    + " is not after "
                    + Instant.ofEpochSecond(previous)
                    + " (line "
                    + previousLine
                    + "); rows must be in time order, one per timestamp");
          } else {
            previous = time;
            previousLine = lineNumber;
          }
        }
        if (time != null && count != null && buckets != null) {
          times.add(time);
          counts.add(count);
          concurrency.add(buckets);
        }
      }
      if (!header) {
        problem("no header: the first line must name the columns, e.g. timestamp,guilds");
      } else if (problems.isEmpty() && times.size() < 2) {
        problem(
            "need at least two rows to span some time, got "
                + times.size()
                + (times.size() == 1 ? " row" : " rows"));
      }
      if (!problems.isEmpty()) {
        List<String> all = new ArrayList<>();
        problems.forEach(p -> all.add(source + ": " + p));
        if (hidden > 0) {
          all.add(source + ": … and " + hidden + " more problems");
        }
        throw new HistoryException(all);
      }
      return new CsvHistory(
          source,
          times.stream().mapToLong(Long::longValue).toArray(),
          counts.stream().mapToInt(Integer::intValue).toArray(),
          concurrency.stream().mapToInt(Integer::intValue).toArray());
    }

    private boolean header(int lineNumber, String[] fields) {
      columns = fields.length;
      for (int i = 0; i < fields.length; i++) {
        String name = fields[i].toLowerCase(Locale.ROOT);
        switch (name) {
          case "timestamp" -> timestampColumn = column(lineNumber, name, timestampColumn, i);
          case "guilds" -> guildsColumn = column(lineNumber, name, guildsColumn, i);
          case "max_concurrency" ->
              concurrencyColumn = column(lineNumber, name, concurrencyColumn, i);
          default ->
              problem(
                  "line "
                      + lineNumber
                      + ", column "
                      + (i + 1)
                      + ": unknown column \""
                      + fields[i]
                      + "\"; the columns are timestamp, guilds and optionally max_concurrency");
        }
      }
      if (timestampColumn < 0 || guildsColumn < 0) {
        problem(
            "line "
                + lineNumber
                + ": the header must name the columns timestamp and guilds"
                + " (optionally max_concurrency), got \""
                + String.join(",", fields)
                + "\"");
      }
      return problems.isEmpty();
    }

    private int column(int lineNumber, String name, int existing, int index) {
      if (existing >= 0) {
        problem("line " + lineNumber + ": column " + name + " appears twice in the header");
      }
      return index;
    }

    private String headerNames() {
      String[] names = new String[columns];
      names[timestampColumn] = "timestamp";
      names[guildsColumn] = "guilds";
      if (concurrencyColumn >= 0) {
        names[concurrencyColumn] = "max_concurrency";
      }
      return String.join(",", names);
    }

    private Long timestamp(int lineNumber, String text) {
      Instant parsed = Timestamps.parse(text);
      if (parsed == null) {
        problem(
            "line "
                + lineNumber
                + ", column timestamp: must be an RFC 3339 time such as 2026-01-31T12:00:00Z"
                + " (or +02:00 for an offset) or a date such as 2026-01-31 (midnight UTC), got \""
                + text
                + "\"");
        return null;
      }
      return parsed.getEpochSecond();
    }

    private Integer integer(
        int lineNumber, String column, String text, long min, long max, String what) {
      try {
        long value = Long.parseLong(text);
        if (value >= min && value <= max) {
          return (int) value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(
          "line "
              + lineNumber
              + ", column "
              + column
              + ": must be "
              + what
              + " from "
              + min
              + " to "
              + max
              + ", got \""
              + text
              + "\"");
      return null;
    }

    private void problem(String message) {
      if (problems.size() < MAX_PROBLEMS) {
        problems.add(message);
      } else {
        hidden++;
      }
    }
  }
}
