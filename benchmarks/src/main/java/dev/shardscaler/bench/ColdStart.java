package dev.shardscaler.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The process-level harness: starts the fakes in-process, then runs every artifact as fresh child
 * JVMs against them and reports, as Markdown on stdout, the time from process start to the first
 * result next to a bare-JVM baseline, the requests each pass made, peak RSS and the smallest heap
 * that completes a pass. Progress goes to stderr.
 */
public final class ColdStart {
  /**
   * A JVM sized for a 256 MB function, with the Lambda flags. (No {@code -Xshare:auto}: it is the
   * default, and the JVM refuses to start when it meets {@code -XX:AOTCache}, as in the image.)
   */
  static final List<String> SANDBOX_256MB =
      List.of("-XX:MaxRAM=256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final Options options;
  private final PrintStream progress;
  private final Background background;

  ColdStart(Options options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
    this.background = new Background(options.quiet(), options.patience());
  }

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(Options.USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(List.of(args), Launchers.defaultRepo());
    } catch (IllegalArgumentException e) {
      System.err.println("coldstart: " + e.getMessage());
      System.err.print(Options.USAGE);
      System.exit(2);
      return;
    }
    String machine = Machine.describe();
    Results results = new ColdStart(options, System.err).run();
    System.out.print(Report.markdown(results, options, machine));
    System.out.flush();
    System.exit(0);
  }

  Results run() throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("shardscaler-coldstart");
    try (Fakes fakes = new Fakes()) {
      Path launchers = Launchers.classpath(work);
      Path launchers17 = null;
      String why17 = null;
      if (options.artifacts().contains(Artifacts.BASELINE_17)) {
        try {
          launchers17 = Launchers.jdk17(work);
        } catch (IOException e) {
          why17 = "not available: " + e.getMessage();
        }
      }
      ImageLayout image = ImageLayout.read(options.image());
      Results results =
          new Results(Artifacts.resolve(options, launchers, launchers17, why17, image, fakes));
      fakes.warmUp();
      Child child = new Child(work, options.timeout());
      List<Artifact> runnable = new ArrayList<>();
      for (Artifact artifact : results.artifacts) {
        if (!artifact.available()) {
          log("%-15s %s", artifact.id(), artifact.missing());
        } else if (warmUp(artifact, child, fakes, results)) {
          runnable.add(artifact);
        }
      }
      timedRounds(runnable, child, fakes, results);
      if (options.scaling()) {
        for (Artifact artifact : runnable) {
          if (!artifact.noOpOutcome().equals("BASELINE")) {
            Measurement run =
                measure(
                    Fakes.SCALING_SHARDS,
                    child,
                    artifact,
                    "default",
                    List.of(),
                    "SCALED",
                    fakes,
                    null);
            log("%-15s scaling pass: %s", artifact.id(), describe(run));
            results.scaling.put(artifact.id(), run);
          }
        }
      }
      if (options.phases()) {
        coldPhases(Artifacts.phases(launchers, image, fakes), child, fakes, results);
      }
      heapLadder(runnable, child, fakes, results);
      if (options.classes()) {
        for (Artifact artifact : runnable) {
          traceClasses(artifact, work, child, fakes, results);
        }
      }
      return results;
    } finally {
      deleteRecursively(work);
    }
  }

  private boolean warmUp(Artifact artifact, Child child, Fakes fakes, Results results)
      throws IOException, InterruptedException {
    String flagSet = options.flagSets().keySet().iterator().next();
    for (int i = 0; i < options.warmups(); i++) {
      Measurement run =
          measure(
              Fakes.SEED_SHARDS,
              child,
              artifact,
              flagSet,
              options.flagSets().get(flagSet),
              artifact.noOpOutcome(),
              fakes,
              null);
      log("%-15s warm-up: %s", artifact.id(), describe(run));
      if (!run.ok() && i == options.warmups() - 1) {
        results.broken.put(artifact.id(), run.failure());
        return false;
      }
    }
    return true;
  }

  /** Round-robin: every artifact once per round, so that machine noise falls on all alike. */
  private void timedRounds(List<Artifact> runnable, Child child, Fakes fakes, Results results)
      throws IOException, InterruptedException {
    for (var flagSet : options.flagSets().entrySet()) {
      for (int round = 1; round <= options.runs(); round++) {
        for (Artifact artifact : runnable) {
          Measurement run =
              measure(
                  Fakes.SEED_SHARDS,
                  child,
                  artifact,
                  flagSet.getKey(),
                  flagSet.getValue(),
                  artifact.noOpOutcome(),
                  fakes,
                  results.background);
          log(
              "%-15s %-7s %d/%d: %s",
              artifact.id(), flagSet.getKey(), round, options.runs(), describe(run));
          results.timed.add(run);
        }
      }
    }
  }

  /** Largest -Xmx first; stops at the first size that no longer completes the pass. */
  private void heapLadder(List<Artifact> runnable, Child child, Fakes fakes, Results results)
      throws IOException, InterruptedException {
    List<String> flags = Options.KNOWN_FLAG_SETS.get(options.heapFlagSet());
    for (Artifact artifact : runnable) {
      if (options.heapSizesMb().isEmpty()) {
        break;
      }
      List<HeapStep> steps = new ArrayList<>();
      List<Integer> sizes =
          options.heapSizesMb().stream().sorted(Comparator.reverseOrder()).toList();
      for (int size : sizes) {
        List<String> jvm = new ArrayList<>(flags);
        jvm.add("-Xmx" + size + "m");
        Measurement run =
            measure(
                Fakes.SEED_SHARDS,
                child,
                artifact,
                "heap",
                jvm,
                artifact.noOpOutcome(),
                fakes,
                null);
        log("%-15s -Xmx%dm: %s", artifact.id(), size, describe(run));
        steps.add(HeapStep.of(size, run));
        if (!run.ok()) {
          break;
        }
      }
      results.heap.put(artifact.id(), steps);
      Measurement sandbox =
          measure(
              Fakes.SEED_SHARDS,
              child,
              artifact,
              "sandbox",
              SANDBOX_256MB,
              artifact.noOpOutcome(),
              fakes,
              null);
      log("%-15s 256 MB sandbox: %s", artifact.id(), describe(sandbox));
      results.sandbox.put(artifact.id(), sandbox);
    }
  }

  private void coldPhases(Artifact phases, Child child, Fakes fakes, Results results)
      throws IOException, InterruptedException {
    String flagSet = options.flagSets().keySet().iterator().next();
    for (int run = 0; run < options.warmups() + options.runs(); run++) {
      Measurement measured =
          measure(
              Fakes.SEED_SHARDS,
              child,
              phases,
              flagSet,
              options.flagSets().get(flagSet),
              "PHASES",
              fakes,
              null);
      log("%-15s %s", phases.id(), measured.ok() ? measured.result() : measured.failure());
      if (measured.ok() && run >= options.warmups()) {
        JsonObject parsed = JsonParser.parseString(measured.result()).getAsJsonObject();
        results.phases.add(numbers(parsed.getAsJsonObject("phases")));
        results.phaseCpu.add(numbers(parsed.getAsJsonObject("cpu")));
      }
    }
  }

  private static Map<String, Double> numbers(JsonObject object) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (object != null) {
      object
          .entrySet()
          .forEach(
              entry ->
                  values.put(
                      entry.getKey(),
                      entry.getValue().isJsonPrimitive()
                              && entry.getValue().getAsJsonPrimitive().isNumber()
                          ? entry.getValue().getAsDouble()
                          : Double.NaN));
    }
    return values;
  }

  private void traceClasses(Artifact artifact, Path work, Child child, Fakes fakes, Results results)
      throws IOException, InterruptedException {
    Path trace = work.resolve(artifact.id() + ".classes.log");
    String flagSet = options.flagSets().keySet().iterator().next();
    List<String> jvm = new ArrayList<>(options.flagSets().get(flagSet));
    jvm.add("-Xlog:class+load=info:file=" + trace + ":uptime");
    Measurement run =
        measure(
            Fakes.SEED_SHARDS,
            child,
            artifact,
            "classes",
            jvm,
            artifact.noOpOutcome(),
            fakes,
            null);
    log("%-15s class trace: %s", artifact.id(), describe(run));
    results.traced.put(artifact.id(), run);
    if (Files.exists(trace)) {
      results.classes.put(artifact.id(), ClassTrace.read(trace));
    }
  }

  private static String describe(Measurement run) {
    if (!run.ok()) {
      return "FAILED " + run.failure();
    }
    return String.format(
        Locale.ROOT,
        "%s in %.0f ms%s, CPU %.0f ms, peak RSS %d MB, %s",
        run.outcome(),
        run.resultMs(),
        Double.isNaN(run.readyMs())
            ? ""
            : String.format(Locale.ROOT, " (ready %.0f)", run.readyMs()),
        run.cpuMs(),
        run.peakRssKb() / 1024,
        run.counts());
  }

  /** Resets the fakes, waits for a quiet machine (noting how busy it was), runs one child. */
  private Measurement measure(
      int shards,
      Child child,
      Artifact artifact,
      String flagSet,
      List<String> jvmFlags,
      String expected,
      Fakes fakes,
      List<Double> busy)
      throws IOException, InterruptedException {
    fakes.reset(shards);
    double fraction = background.awaitQuiet();
    if (busy != null) {
      busy.add(fraction);
    }
    return child.run(artifact, flagSet, jvmFlags, expected, fakes);
  }

  private void log(String format, Object... args) {
    progress.println(String.format(Locale.ROOT, format, args));
    progress.flush();
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
