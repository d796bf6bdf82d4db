package dev.shardscaler.simulator.history;

import dev.shardscaler.core.config.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

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

  CsvHistory(String source, long[] seconds, int[] guilds, int[] maxConcurrency) {
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
    return new CsvHistoryParser(source).parse(new BufferedReader(reader));
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
}
