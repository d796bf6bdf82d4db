package dev.shardscaler.simulator;

import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.simulator.SimulateOptions.UsageException;
import dev.shardscaler.simulator.cluster.StartState;
import dev.shardscaler.simulator.discord.SimulatedDiscord;
import dev.shardscaler.simulator.history.CsvHistory;
import dev.shardscaler.simulator.history.GuildHistory;
import dev.shardscaler.simulator.history.HistoryException;
import dev.shardscaler.simulator.report.Report;
import dev.shardscaler.simulator.report.Timeline;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code shardscaler simulate}: the what-if run from the command line, with the scaler's own
 * environment. Exit status 0 when no invariant broke, 1 when one did, 2 for bad usage,
 * configuration or input (every problem printed, nothing run).
 */
public final class SimulateCommand {
  public static final int EXIT_SAFE = 0;
  public static final int EXIT_INVARIANT_BROKEN = 1;
  public static final int EXIT_USAGE = 2;

  /** Stand-ins for what a real pass needs and a simulation never contacts. */
  static final Map<String, String> PLACEHOLDERS =
      Map.of(
          "BOT_TOKEN", "simulated-token-never-sent",
          "K8S_NAMESPACE", "default",
          "K8S_STATEFULSET", "bot",
          "K8S_CONTAINER", "bot");

  private SimulateCommand() {}

  public static int run(
      Map<String, String> env, List<String> args, PrintStream out, PrintStream err) {
    return run(env, args, out, err, dev.shardscaler.core.ScaleFunction::new);
  }

  static int run(
      Map<String, String> env,
      List<String> args,
      PrintStream out,
      PrintStream err,
      Simulation.Scaler scaler) {
    SimulateOptions options;
    try {
      options = SimulateOptions.parse(args);
    } catch (UsageException e) {
      return refuse(err, e.problems());
    }
    if (options.help()) {
      usage(out);
      return EXIT_SAFE;
    }
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Settings settings = null;
    try {
      settings = Settings.fromEnv(simulationEnv(env, notes));
      if (settings.strategy().blueGreen()) {
        // The model has one StatefulSet and its controller; the sandbox shows blue/green.
        problems.add(
            "SCALER_STRATEGY=bluegreen is not simulated (the simulator models the rolling"
                + " strategy's one StatefulSet); unset it, or try blue/green in the sandbox"
                + " (SANDBOX_STRATEGY=bluegreen)");
      }
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    GuildHistory history = null;
    try {
      history =
          options.csv() != null
              ? CsvHistory.read(options.csv())
              : options.curve().history(options.start(), options.days());
    } catch (HistoryException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      return refuse(err, problems);
    }
    Setup setup =
        new Setup(
            settings,
            history,
            startState(options, settings, history),
            options.interval(),
            options.podStart());
    boolean timelineOnStdout = options.timeline().equals("-");
    PrintStream summary = timelineOnStdout ? err : out;
    Report report;
    long started = System.nanoTime();
    try (Writer writer = timelineWriter(options.timeline(), out);
        Timeline timeline = timeline(options, writer)) {
      notes.forEach(note -> summary.println("shardscaler simulate: " + note));
      report = Simulation.run(setup, timeline, scaler);
    } catch (IOException | UncheckedIOException e) {
      return refuse(
          err,
          List.of("cannot write the timeline to " + options.timeline() + ": " + e.getMessage()));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    summary.print(report.toText());
    summary.printf(
        Locale.ROOT, "%-12s %.1f s for %,d passes%n", "wall time", seconds, report.passes());
    summary.flush();
    return report.safe() ? EXIT_SAFE : EXIT_INVARIANT_BROKEN;
  }

  /**
   * The scaler's environment for a run that contacts nothing: placeholders where a real pass needs
   * the token or the target, and no dry run (the run writes only to its own StatefulSet).
   */
  static Map<String, String> simulationEnv(Map<String, String> env, List<String> notes) {
    Map<String, String> completed = new HashMap<>(env);
    List<String> filled = new ArrayList<>();
    PLACEHOLDERS.forEach(
        (key, value) -> {
          String given = env.get(key);
          if (given == null || given.isBlank()) {
            completed.put(key, value);
            if (!key.equals("BOT_TOKEN")) {
              filled.add(key + "=" + value);
            }
          }
        });
    if (!filled.isEmpty()) {
      notes.add("not set, so simulated as " + String.join(" ", filled.stream().sorted().toList()));
    }
    String dryRun = env.get("SCALER_DRY_RUN");
    if (dryRun != null && !dryRun.isBlank()) {
      completed.remove("SCALER_DRY_RUN");
      notes.add(
          "SCALER_DRY_RUN="
              + dryRun.strip()
              + " ignored: a simulation writes only to its own StatefulSet");
    }
    return completed;
  }

  static StartState startState(SimulateOptions options, Settings settings, GuildHistory history) {
    int shards =
        options.shards() != null
            ? options.shards()
            : SimulatedDiscord.recommendedShards(
                history.guilds(history.start()), history.maxConcurrency(history.start()));
    int perBot = options.shardsPerBot() != null ? options.shardsPerBot() : settings.shardsPerBot();
    StartState start = StartState.of(shards, perBot);
    if (options.replicas() != null) {
      start = start.withReplicas(options.replicas());
    }
    return start
        .withUpdateStrategy(options.updateStrategy(), options.partition())
        .withPodManagementPolicy(options.podManagementPolicy())
        .withPaused(options.paused());
  }

  private static Writer timelineWriter(String destination, PrintStream out) throws IOException {
    if (destination.equals("none")) {
      return Writer.nullWriter();
    }
    if (destination.equals("-")) {
      // Not closed with the writer: stdout stays open.
      return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16) {
        @Override
        public void close() throws IOException {
          flush();
        }
      };
    }
    return Files.newBufferedWriter(Path.of(destination), StandardCharsets.UTF_8);
  }

  private static Timeline timeline(SimulateOptions options, Writer writer) {
    if (options.timeline().equals("none")) {
      return Timeline.none();
    }
    return options.jsonLines()
        ? Timeline.jsonLines(writer, options.notableOnly())
        : Timeline.csv(writer, options.notableOnly());
  }

  private static int refuse(PrintStream err, List<String> problems) {
    err.println(
        "shardscaler simulate: cannot run, "
            + problems.size()
            + (problems.size() == 1 ? " problem:" : " problems:"));
    problems.forEach(problem -> err.println("  - " + problem));
    err.println("see: shardscaler simulate --help");
    return EXIT_USAGE;
  }

  static void usage(PrintStream out) {
    out.println(
        """
        usage: shardscaler simulate (--csv FILE | --curve NAME) [options]

        Replays a bot's guild history through the real scaling pass, with Discord, the
        StatefulSet controller and the clock simulated, and checks the scaler's safety
        invariants on every pass. Settings: the scaler's environment variables, as for a
        real pass (nothing is contacted, so BOT_TOKEN and the K8S_ target may be absent).

        history
          --csv FILE             timestamp,guilds[,max_concurrency] rows; timestamps RFC 3339
                                 (2026-01-31T12:00:00Z) or dates (2026-01-31, midnight UTC)
          --curve NAME           a built-in year: steady-growth, viral-spike, oscillation
          --start TIME           start of the curve (default 2026-01-01T00:00:00Z)
          --days N               length of the curve in days (default 365)
        passes and pods
          --interval DURATION    time between passes, as scheduled (default 10m)
          --pod-start DURATION   from a pod's creation to its first IDENTIFY (default 10s)
        the StatefulSet at the start (all pods running and Ready)
          --shards N             SHARDS (default: Discord's recommendation at the start)
          --shards-per-bot N     SHARDS_PER_BOT (default: K8S_SHARDS_PER_BOT)
          --replicas N           spec.replicas (default: ceil(shards / shards per bot))
          --update-strategy S    RollingUpdate (default) or OnDelete
          --partition N          rollingUpdate.partition (default 0)
          --pod-management P     OrderedReady (default) or Parallel
          --paused               annotate shardscaler.dev/paused: "true"
        output
          --timeline FILE        where the timeline goes: a file, - for stdout (default), none
          --format F             csv (default) or jsonl (one JSON object per pass)
          --rows R               all (default) or notable (passes that were not quietly in sync)
        The summary goes to stdout, or to stderr when the timeline does.

        exit status: 0 no invariant broken, 1 an invariant broken, 2 bad usage, settings or input
        formulas, model and invariants: docs/SAFETY.md""");
  }
}
