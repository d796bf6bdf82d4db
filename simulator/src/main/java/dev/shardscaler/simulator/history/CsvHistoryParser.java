package dev.shardscaler.simulator.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a {@link CsvHistory} in one pass over the lines, collecting every problem it finds. */
final class CsvHistoryParser {
  private final String source;
  private final List<String> problems = new ArrayList<>();
  private int hidden;
  private int timestampColumn = -1;
  private int guildsColumn = -1;
  private int concurrencyColumn = -1;
  private int columns;

  CsvHistoryParser(String source) {
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
          integer(
              lineNumber, "guilds", fields[guildsColumn], 0, CsvHistory.MAX_GUILDS, "an integer");
      Integer buckets =
          concurrencyColumn < 0
              ? Integer.valueOf(1)
              : integer(
                  lineNumber,
                  "max_concurrency",
                  fields[concurrencyColumn],
                  1,
                  CsvHistory.MAX_CONCURRENCY_LIMIT,
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
    if (problems.size() < CsvHistory.MAX_PROBLEMS) {
      problems.add(message);
    } else {
      hidden++;
    }
  }
}
