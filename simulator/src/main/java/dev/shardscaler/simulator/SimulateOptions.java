package dev.shardscaler.simulator;

import dev.shardscaler.core.config.DurationParser;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.simulator.cluster.StartState;
import dev.shardscaler.simulator.history.SyntheticCurve;
import dev.shardscaler.simulator.history.Timestamps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code shardscaler simulate}, parsed and checked: every problem is collected,
 * each naming the flag and the value it got.
 *
 * @param timeline {@code -} for stdout, {@code none}, or a file
 * @param shards null: Discord's recommendation at the start
 * @param shardsPerBot null: K8S_SHARDS_PER_BOT
 * @param replicas null: enough pods for the shards
 */
record SimulateOptions(
    boolean help,
    Path csv,
    SyntheticCurve curve,
    Instant start,
    int days,
    Duration interval,
    Duration podStart,
    Integer shards,
    Integer shardsPerBot,
    Integer replicas,
    String updateStrategy,
    int partition,
    String podManagementPolicy,
    boolean paused,
    String timeline,
    boolean jsonLines,
    boolean notableOnly) {

  static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
  static final Duration MAX_INTERVAL = Duration.ofDays(1);
  static final Duration MAX_POD_START = Duration.ofHours(1);
  static final int MAX_DAYS = 3660;

  /** Bad usage: every problem with the command line. */
  static final class UsageException extends RuntimeException {
    private final List<String> problems;

    UsageException(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    List<String> problems() {
      return problems;
    }
  }

  static SimulateOptions parse(List<String> args) {
    return new Parser(args).parse();
  }

  private static final class Parser {
    private final List<String> args;
    private final List<String> problems = new ArrayList<>();
    private int next;

    Parser(List<String> args) {
      this.args = args;
    }

    SimulateOptions parse() {
      boolean help = false;
      Path csv = null;
      SyntheticCurve curve = null;
      Instant start = null;
      Integer days = null;
      Duration interval = Setup.DEFAULT_INTERVAL;
      Duration podStart = Setup.DEFAULT_POD_START;
      Integer shards = null;
      Integer perBot = null;
      Integer replicas = null;
      String strategy = StartState.ROLLING_UPDATE;
      Integer partition = null;
      String podManagement = StartState.ORDERED_READY;
      boolean paused = false;
      String timeline = "-";
      boolean jsonLines = false;
      boolean notableOnly = false;
      while (next < args.size()) {
        String flag = args.get(next++);
        switch (flag) {
          case "--help", "-h" -> help = true;
          case "--csv" -> csv = Path.of(value(flag));
          case "--curve" -> curve = curve(value(flag));
          case "--start" -> start = time(flag, value(flag));
          case "--days" -> days = integer(flag, value(flag), 1, MAX_DAYS);
          case "--interval" ->
              interval = duration(flag, value(flag), MIN_INTERVAL, MAX_INTERVAL, interval);
          case "--pod-start" ->
              podStart = duration(flag, value(flag), Duration.ZERO, MAX_POD_START, podStart);
          case "--shards" -> shards = integer(flag, value(flag), 1, Settings.MAX_SHARDS_LIMIT);
          case "--shards-per-bot" ->
              perBot = integer(flag, value(flag), 1, Settings.MAX_SHARDS_LIMIT);
          case "--replicas" -> replicas = integer(flag, value(flag), 0, Settings.MAX_SHARDS_LIMIT);
          case "--update-strategy" ->
              strategy =
                  oneOf(
                      flag, value(flag), StartState.ROLLING_UPDATE, StartState.ON_DELETE, strategy);
          case "--partition" ->
              partition = integer(flag, value(flag), 0, Settings.MAX_SHARDS_LIMIT);
          case "--pod-management" ->
              podManagement =
                  oneOf(
                      flag,
                      value(flag),
                      StartState.ORDERED_READY,
                      StartState.PARALLEL,
                      podManagement);
          case "--paused" -> paused = true;
          case "--timeline" -> timeline = value(flag);
          case "--format" ->
              jsonLines = oneOf(flag, value(flag), "csv", "jsonl", "csv").equals("jsonl");
          case "--rows" ->
              notableOnly = oneOf(flag, value(flag), "all", "notable", "all").equals("notable");
          default -> problems.add("unknown argument \"" + flag + "\"");
        }
      }
      if (!help) {
        if (csv == null && curve == null) {
          problems.add(
              "say what to replay: --csv FILE or --curve NAME (" + SyntheticCurve.ids() + ")");
        }
        if (csv != null && curve != null) {
          problems.add("--csv and --curve exclude each other: replay one history");
        }
        if (csv != null && (start != null || days != null)) {
          problems.add("--start and --days apply to --curve; a CSV history spans its own rows");
        }
        if (partition != null && partition > 0 && strategy.equals(StartState.ON_DELETE)) {
          problems.add("--partition applies to --update-strategy RollingUpdate, not OnDelete");
        }
      }
      if (!problems.isEmpty()) {
        throw new UsageException(problems);
      }
      return new SimulateOptions(
          help,
          csv,
          curve,
          start == null ? SyntheticCurve.DEFAULT_START : start,
          days == null ? SyntheticCurve.DEFAULT_DAYS : days,
          interval,
          podStart,
          shards,
          perBot,
          replicas,
          strategy,
          partition == null ? 0 : partition,
          podManagement,
          paused,
          timeline,
          jsonLines,
          notableOnly);
    }

    private String value(String flag) {
      if (next >= args.size() || args.get(next).startsWith("--")) {
        problems.add(flag + " needs a value");
        return null;
      }
      return args.get(next++);
    }

    private SyntheticCurve curve(String value) {
      if (value == null) {
        return null;
      }
      SyntheticCurve curve = SyntheticCurve.byId(value);
      if (curve == null) {
        problems.add("--curve must be one of " + SyntheticCurve.ids() + ", got \"" + value + "\"");
      }
      return curve;
    }

    private Instant time(String flag, String value) {
      if (value == null) {
        return null;
      }
      Instant parsed = Timestamps.parse(value);
      if (parsed == null) {
        problems.add(
            flag
                + " must be an RFC 3339 time such as 2026-01-01T00:00:00Z or a date, got \""
                + value
                + "\"");
      }
      return parsed;
    }

    private Integer integer(String flag, String value, int min, int max) {
      if (value == null) {
        return null;
      }
      try {
        int parsed = Integer.parseInt(value);
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problems.add(
          flag + " must be an integer from " + min + " to " + max + ", got \"" + value + "\"");
      return null;
    }

    private Duration duration(
        String flag, String value, Duration min, Duration max, Duration fallback) {
      if (value == null) {
        return fallback;
      }
      Duration parsed = DurationParser.parse(value);
      if (parsed == null || parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
        problems.add(
            flag
                + " must be a duration from "
                + DurationParser.format(min)
                + " to "
                + DurationParser.format(max)
                + " such as 10m, got \""
                + value
                + "\"");
        return fallback;
      }
      return parsed;
    }

    private String oneOf(String flag, String value, String first, String second, String fallback) {
      if (value == null) {
        return fallback;
      }
      if (value.equalsIgnoreCase(first)) {
        return first;
      }
      if (value.equalsIgnoreCase(second)) {
        return second;
      }
      problems.add(flag + " must be " + first + " or " + second + ", got \"" + value + "\"");
      return fallback;
    }
  }
}
