package dev.shardscaler.bench;

import dev.shardscaler.bench.launch.ColdPhases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The harness's results as Markdown tables, ready for docs/PERFORMANCE.md. */
final class Report {
  private Report() {}

  static String markdown(Results results, Options options, String machine) {
    StringBuilder out = new StringBuilder();
    out.append("## Cold start, ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append("\n\n")
        .append(machine)
        .append("\n- flag sets: ");
    out.append(
        options.flagSets().entrySet().stream()
            .map(set -> "`" + set.getKey() + "` = " + flags(set.getValue()))
            .collect(Collectors.joining("; ")));
    out.append("\n- ")
        .append(options.runs())
        .append(" measured runs per artifact and flag set, round-robin, after ")
        .append(options.warmups())
        .append(" unmeasured warm-up run(s); times in ms from just before the process starts\n")
        .append("- CPUs busy with other work just before each measured run: ")
        .append(busy(results.background))
        .append("\n\n");
    timeTable(results, options, out);
    restoredTable(results, options, out);
    requestTable(results, out);
    phaseTable(results, options, out);
    memoryTable(results, options, out);
    classTable(results, out);
    problems(results, out);
    return out.toString();
  }

  private static void timeTable(Results results, Options options, StringBuilder out) {
    out.append("### Time to first result (median (min–max), ms)\n\n")
        .append(
            "Wall time from process start; CPU = user + system time of the child up to its result")
        .append(
            " (servers) or exit, which competition for the cores moves far less than wall time.")
        .append("\n\n| artifact |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String set : options.flagSets().keySet()) {
      out.append(" `")
          .append(set)
          .append("` first result | × baseline | ready / exit | CPU ms | × baseline |");
      rule.append("---:|---:|---:|---:|---:|");
    }
    out.append('\n').append(rule).append('\n');
    for (Artifact artifact : results.artifacts) {
      out.append("| ").append(artifact.id()).append(" |");
      if (!results.runnable(artifact)) {
        out.append(' ').append(unavailable(results, artifact)).append(" |\n");
        continue;
      }
      for (String set : options.flagSets().keySet()) {
        List<Measurement> runs = ok(results.timed(artifact.id(), set));
        Stats result = stats(runs, Measurement::resultMs);
        List<Measurement> baseRuns = ok(results.timed(Artifacts.BASELINE, set));
        Stats base = stats(baseRuns, Measurement::resultMs);
        Stats cpu = stats(runs, Measurement::cpuMs);
        Stats baseCpu = stats(baseRuns, Measurement::cpuMs);
        boolean restored = !artifact.serves() && !stats(runs, Measurement::readyMs).isEmpty();
        Stats second =
            artifact.serves() || restored
                ? stats(runs, Measurement::readyMs)
                : stats(runs, Measurement::exitMs);
        out.append(' ')
            .append(result.describe())
            .append(" | ")
            .append(ratio(result, base))
            .append(" | ")
            .append(artifact.serves() ? "ready " : restored ? "restored " : "exit ")
            .append(second.describe())
            .append(" | ")
            .append(cpu.describe())
            .append(" | ")
            .append(ratio(cpu, baseCpu))
            .append(" |");
      }
      out.append('\n');
    }
    out.append('\n');
  }

  /** For SnapStart stand-ins: the invocation alone, from the restore to the result. */
  private static void restoredTable(Results results, Options options, StringBuilder out) {
    StringBuilder rows = new StringBuilder();
    for (Artifact artifact : results.artifacts) {
      if (artifact.serves() || !results.runnable(artifact)) {
        continue;
      }
      for (String set : options.flagSets().keySet()) {
        List<Measurement> runs =
            ok(results.timed(artifact.id(), set)).stream()
                .filter(run -> !Double.isNaN(run.readyMs()))
                .toList();
        if (runs.isEmpty()) {
          continue;
        }
        Stats invoke = stats(runs, run -> run.resultMs() - run.readyMs());
        Stats base = stats(ok(results.timed(Artifacts.BASELINE, set)), Measurement::resultMs);
        rows.append("| ")
            .append(artifact.id())
            .append(" | `")
            .append(set)
            .append("` | ")
            .append(invoke.describe())
            .append(" | ")
            .append(ratio(invoke, base))
            .append(" |\n");
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    out.append("### After a SnapStart restore (stand-in)\n\n")
        .append("The handler's `beforeCheckpoint` and `afterRestore` run in the process before the")
        .append(" clock for this table starts; the figure is the invocation alone, from the")
        .append(" restore to the result (ms). The restore itself (Lambda maps the snapshot in)")
        .append(" is not in it. × baseline = against the whole baseline process.\n\n")
        .append("| artifact | flags | restore → result | × baseline |\n|---|---|---:|---:|\n")
        .append(rows)
        .append('\n');
  }

  private static void requestTable(Results results, StringBuilder out) {
    out.append("### Requests per pass, as the fakes logged them\n\n")
        .append("| artifact | no-op pass (Discord at 12 shards), every timed run | ")
        .append("scaling pass (Discord at 16 shards) |\n|---|---|---|\n");
    for (Artifact artifact : results.artifacts) {
      out.append("| ").append(artifact.id()).append(" | ");
      if (!results.runnable(artifact)) {
        out.append(unavailable(results, artifact)).append(" | |\n");
        continue;
      }
      Map<String, Integer> seen = new LinkedHashMap<>();
      boolean allNoOp = true;
      int runs = 0;
      for (Measurement run : results.timed) {
        if (run.artifact().equals(artifact.id()) && run.counts() != null) {
          seen.merge(run.counts().toString(), 1, Integer::sum);
          allNoOp &= run.counts().isNoOp();
          runs++;
        }
      }
      out.append(allNoOp && runs > 0 ? "✔ " : "✘ ")
          .append(
              seen.entrySet().stream()
                  .map(entry -> entry.getKey() + " (" + entry.getValue() + " runs)")
                  .collect(Collectors.joining("; ")))
          .append(" | ");
      Measurement scaling = results.scaling.get(artifact.id());
      if (scaling == null) {
        out.append(artifact.id().equals(Artifacts.BASELINE) ? "n/a" : "not run");
      } else {
        out.append(scaling.counts() != null && scaling.counts().isScaling() ? "✔ " : "✘ ")
            .append(scaling.counts())
            .append(scaling.ok() ? ", " + scaling.outcome() : ", " + scaling.failure());
      }
      out.append(" |\n");
    }
    out.append('\n');
  }

  private static void phaseTable(Results results, Options options, StringBuilder out) {
    if (results.phases.isEmpty()) {
      return;
    }
    out.append("### A cold pass taken apart (ColdPhases, `")
        .append(options.flagSets().keySet().iterator().next())
        .append("` flags, ")
        .append(results.phases.size())
        .append(" runs; median (min–max))\n\n")
        .append("On the knative image's classpath, each step of a pass timed on its own; the first")
        .append(" step that needs a library pays for loading it. Main-thread CPU is the time the")
        .append(" main thread itself ran (not waiting for a core, not JIT or GC threads).\n\n")
        .append(
            "| step | what it pays for | wall ms | main-thread CPU ms |\n|---|---|---:|---:|\n");
    double wallTotal = 0;
    double cpuTotal = 0;
    for (var step : ColdPhases.STEPS.entrySet()) {
      Stats wall = column(results.phases, step.getKey());
      Stats cpu = column(results.phaseCpu, step.getKey());
      wallTotal += wall.isEmpty() ? 0 : wall.median();
      cpuTotal += cpu.isEmpty() ? 0 : cpu.median();
      out.append("| ")
          .append(step.getKey())
          .append(" | ")
          .append(step.getValue())
          .append(" | ")
          .append(wall.describe())
          .append(" | ")
          .append(cpu.describe())
          .append(" |\n");
    }
    out.append("| **sum of medians** | | **")
        .append(Math.round(wallTotal))
        .append("** | **")
        .append(Math.round(cpuTotal))
        .append("** |\n\n");
  }

  private static Stats column(List<Map<String, Double>> runs, String key) {
    return Stats.of(runs.stream().map(run -> run.getOrDefault(key, Double.NaN)).toList());
  }

  private static void memoryTable(Results results, Options options, StringBuilder out) {
    out.append("### Peak RSS and heap\n\n| artifact |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String set : options.flagSets().keySet()) {
      out.append(" peak RSS `").append(set).append("` (MB) |");
      rule.append("---:|");
    }
    out.append(" -Xmx ladder (`")
        .append(options.heapFlagSet())
        .append("`): first result ms | smallest -Xmx that completes |")
        .append(" 256 MB sandbox: result ms, peak RSS MB | fits a 256 MB Lambda? |\n")
        .append(rule)
        .append("---|---:|---|---|\n");
    for (Artifact artifact : results.artifacts) {
      out.append("| ").append(artifact.id()).append(" |");
      if (!results.runnable(artifact)) {
        out.append(' ').append(unavailable(results, artifact)).append(" |\n");
        continue;
      }
      for (String set : options.flagSets().keySet()) {
        Stats rss =
            stats(
                ok(results.timed(artifact.id(), set)),
                run -> run.peakRssKb() < 0 ? Double.NaN : run.peakRssKb() / 1024.0);
        out.append(' ').append(rss.describe()).append(" |");
      }
      List<HeapStep> steps = results.heap.getOrDefault(artifact.id(), List.of());
      out.append(' ')
          .append(
              steps.stream()
                  .map(
                      step ->
                          step.xmxMb()
                              + "m: "
                              + (step.ok() ? Math.round(step.resultMs()) : "✘ " + why(step)))
                  .collect(Collectors.joining(", ")))
          .append(" | ");
      int smallest = -1;
      for (HeapStep step : steps) {
        if (step.ok()) {
          smallest = step.xmxMb();
        }
      }
      boolean bottom = !steps.isEmpty() && steps.get(steps.size() - 1).ok();
      out.append(smallest < 0 ? "–" : (bottom ? "≤ " : "") + smallest + "m").append(" | ");
      Measurement sandbox = results.sandbox.get(artifact.id());
      if (sandbox == null) {
        out.append("– | – |\n");
      } else if (!sandbox.ok()) {
        out.append("✘ ").append(sandbox.failure()).append(" | no |\n");
      } else {
        long mb = sandbox.peakRssKb() / 1024;
        out.append(Math.round(sandbox.resultMs()))
            .append(" ms, ")
            .append(mb)
            .append(" MB | ")
            .append(mb < 256 ? "yes, " + (256 - mb) + " MB spare" : "no")
            .append(" |\n");
      }
    }
    out.append("\n256 MB sandbox = ").append(flags(ColdStart.SANDBOX_256MB)).append("\n\n");
  }

  private static void classTable(Results results, StringBuilder out) {
    if (results.classes.isEmpty()) {
      return;
    }
    out.append("### Classes loaded in one pass (`-Xlog:class+load`)\n\n")
        .append("| artifact | classes: CDS/AOT archive + JDK image + generated + jars = total |")
        .append(" first class of each")
        .append(" library (ms of JVM uptime) | biggest app packages |\n|---|---|---|---|\n");
    for (var entry : results.classes.entrySet()) {
      ClassTrace trace = entry.getValue();
      out.append("| ")
          .append(entry.getKey())
          .append(" | ")
          .append(trace.archived())
          .append(" + ")
          .append(trace.jdk())
          .append(" + ")
          .append(trace.generated())
          .append(" + ")
          .append(trace.application())
          .append(" = ")
          .append(trace.total())
          .append(" | ")
          .append(
              trace.firstSeenMs().entrySet().stream()
                  .sorted(Map.Entry.comparingByValue())
                  .map(seen -> seen.getKey() + " " + Math.round(seen.getValue()))
                  .collect(Collectors.joining(" · ")))
          .append(" · last class ")
          .append(Math.round(trace.lastMs()))
          .append(" | ")
          .append(
              trace.topPackages().stream()
                  .map(pkg -> pkg.getKey() + " " + pkg.getValue())
                  .collect(Collectors.joining(", ")))
          .append(" |\n");
    }
    out.append('\n');
  }

  private static void problems(Results results, StringBuilder out) {
    List<String> lines = new ArrayList<>();
    results.broken.forEach((id, why) -> lines.add("- " + id + ": failed in warm-up, " + why));
    for (Measurement run : results.timed) {
      if (!run.ok()) {
        lines.add("- " + run.artifact() + " (" + run.flagSet() + "): " + run.failure());
      }
    }
    for (Artifact artifact : results.artifacts) {
      if (!artifact.available()) {
        lines.add("- " + artifact.id() + ": " + artifact.missing());
      }
    }
    if (!lines.isEmpty()) {
      out.append("### Not measured or failed\n\n").append(String.join("\n", lines)).append("\n\n");
    }
  }

  private static String unavailable(Results results, Artifact artifact) {
    return artifact.available() ? "failed (see below)" : "not built";
  }

  private static String why(HeapStep step) {
    String failure = step.failure() == null ? "" : step.failure();
    if (failure.contains("OutOfMemoryError")) {
      return "OutOfMemoryError";
    }
    return failure.length() > 60 ? failure.substring(0, 60) + "…" : failure;
  }

  private static List<Measurement> ok(List<Measurement> runs) {
    return runs.stream().filter(Measurement::ok).toList();
  }

  private static Stats stats(List<Measurement> runs, ToDoubleFunction<Measurement> figure) {
    return Stats.of(runs.stream().map(run -> figure.applyAsDouble(run)).toList());
  }

  private static String ratio(Stats value, Stats baseline) {
    if (value.isEmpty() || baseline.isEmpty() || baseline.median() <= 0) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.1f×", value.median() / baseline.median());
  }

  private static String busy(List<Double> fractions) {
    Stats stats = Stats.of(fractions.stream().map(fraction -> fraction * 100).toList());
    return stats.isEmpty()
        ? "unknown"
        : "median " + Math.round(stats.median()) + " %, max " + Math.round(stats.max()) + " %";
  }

  private static String flags(List<String> flags) {
    return flags.isEmpty() ? "(none)" : "`" + String.join(" ", flags) + "`";
  }
}
