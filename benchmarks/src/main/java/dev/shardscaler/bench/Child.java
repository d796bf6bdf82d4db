package dev.shardscaler.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.shardscaler.bench.launch.LambdaLauncher;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts one child JVM for one pass and measures it. A process that exits by itself runs under GNU
 * time ({@code %M}, the kernel's peak RSS of the child); a server's peak is read from {@code
 * /proc/<pid>/status} (VmHWM, the same counter) right after its first answer, then it is stopped.
 * The clock starts just before {@link ProcessBuilder#start()}.
 */
final class Child {
  static final Path GNU_TIME = Path.of("/usr/bin/time");
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "children"));
  }

  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final Path work;
  private final Duration timeout;
  private final boolean gnuTime = Files.isExecutable(GNU_TIME);
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private int sequence;

  Child(Path work, Duration timeout) {
    this.work = work;
    this.timeout = timeout;
  }

  /**
   * @param jvmFlags the flag set, then any extra flags (-Xmx, -Xlog)
   * @param expected the outcome the pass must report
   */
  Measurement run(
      Artifact artifact, String flagSet, List<String> jvmFlags, String expected, Fakes fakes)
      throws IOException, InterruptedException {
    Path logs = work.resolve(artifact.id() + "-" + ++sequence);
    Measurement measured =
        artifact.serves()
            ? serve(artifact, flagSet, jvmFlags, expected, logs)
            : exit(artifact, flagSet, jvmFlags, expected, logs);
    return measured.withCounts(fakes.counts());
  }

  private Measurement exit(
      Artifact artifact, String flagSet, List<String> jvmFlags, String expected, Path logs)
      throws IOException, InterruptedException {
    Path rss = Path.of(logs + ".rss");
    Path stderr = Path.of(logs + ".stderr");
    List<String> command = new ArrayList<>();
    if (gnuTime) {
      command.addAll(List.of(GNU_TIME.toString(), "-f", "%M %U %S", "-o", rss.toString()));
    }
    command.add(javaOf(artifact));
    command.addAll(artifact.arguments(jvmFlags, 0));
    ProcessBuilder builder = builder(command, artifact.env()).redirectError(stderr.toFile());
    CompletableFuture<Line> result = new CompletableFuture<>();
    CompletableFuture<Line> restored = new CompletableFuture<>();
    long start = System.nanoTime();
    Process process = builder.start();
    LIVE.add(process);
    Thread reader =
        new Thread(() -> readResult(process, result, restored), "stdout-" + artifact.id());
    reader.setDaemon(true);
    reader.start();
    boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    long end = System.nanoTime();
    String failure = null;
    if (!exited) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      failure = "no exit within " + timeout.toSeconds() + " s";
    }
    LIVE.remove(process);
    reader.join(5_000);
    Line line = result.getNow(null);
    Line restoredLine = restored.getNow(null);
    double[] usage = gnuTime ? readTimeUsage(rss) : new double[] {-1, Double.NaN};
    String outcome = line == null ? null : outcome(line.text());
    if (failure == null) {
      failure = check(outcome, expected, line == null ? null : line.text(), stderr);
    }
    return new Measurement(
        artifact.id(),
        flagSet,
        outcome,
        restoredLine == null ? Double.NaN : millis(restoredLine.nanos() - start),
        line == null ? Double.NaN : millis(line.nanos() - start),
        exited ? millis(end - start) : Double.NaN,
        (long) usage[0],
        usage[1],
        null,
        failure,
        line == null ? null : line.text());
  }

  private Measurement serve(
      Artifact artifact, String flagSet, List<String> jvmFlags, String expected, Path logs)
      throws IOException, InterruptedException {
    int port = freePort();
    Path output = Path.of(logs + ".out");
    List<String> command = new ArrayList<>();
    command.add(javaOf(artifact));
    command.addAll(artifact.arguments(jvmFlags, port));
    ProcessBuilder builder =
        builder(command, artifact.env()).redirectErrorStream(true).redirectOutput(output.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    LIVE.add(process);
    try {
      long deadline = start + timeout.toNanos();
      long ready = awaitPort(process, port, deadline);
      if (ready < 0) {
        String why = process.isAlive() ? "port " + port + " never opened" : "exited early";
        return failed(artifact, flagSet, why + tail(output));
      }
      HttpResponse<String> answer;
      try {
        answer =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        return failed(artifact, flagSet, "POST / failed: " + e + tail(output));
      }
      long answered = System.nanoTime();
      long rss = vmHwmKb(process.pid());
      double cpu = cpuMillis(process.pid());
      String outcome = outcome(answer.body());
      String failure = check(outcome, expected, answer.body(), output);
      if (failure == null && answer.statusCode() != 200) {
        failure = "HTTP " + answer.statusCode() + ": " + abbreviate(answer.body());
      }
      return new Measurement(
          artifact.id(),
          flagSet,
          outcome,
          millis(ready - start),
          millis(answered - start),
          Double.NaN,
          rss,
          cpu,
          null,
          failure,
          answer.body());
    } finally {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      LIVE.remove(process);
    }
  }

  private String javaOf(Artifact artifact) {
    return artifact.java() != null ? artifact.java() : java;
  }

  private ProcessBuilder builder(List<String> command, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> childEnv = builder.environment();
    childEnv.clear();
    childEnv.put("HOME", work.toString());
    childEnv.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    childEnv.put("LANG", "C.UTF-8");
    childEnv.putAll(env);
    return builder;
  }

  private record Line(long nanos, String text) {}

  /**
   * The line a launcher prints when it stands in for a SnapStart restore: the moment the restored
   * function would start its invocation.
   */
  static final String RESTORED = LambdaLauncher.RESTORED;

  /**
   * Completes with the first stdout line that is a result (JSON with an outcome), or null; {@code
   * restored} with the {@value #RESTORED} line, if any.
   */
  private static void readResult(
      Process process, CompletableFuture<Line> result, CompletableFuture<Line> restored) {
    try (BufferedReader in = process.inputReader(StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        long now = System.nanoTime();
        if (!restored.isDone() && line.equals(RESTORED)) {
          restored.complete(new Line(now, line));
        } else if (!result.isDone() && line.startsWith("{") && line.contains("\"outcome\"")) {
          result.complete(new Line(now, line));
        }
      }
    } catch (IOException e) {
      // the process is gone; whatever was read counts
    } finally {
      result.complete(null);
      restored.complete(null);
    }
  }

  /**
   * The nanoTime when the port accepted a connection, or -1 if the process died or time ran out.
   */
  private static long awaitPort(Process process, int port, long deadline)
      throws InterruptedException {
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return System.nanoTime();
      } catch (IOException e) {
        if (!process.isAlive()) {
          return -1;
        }
        Thread.sleep(5);
      }
    }
    return -1;
  }

  static String outcome(String json) {
    try {
      JsonElement parsed = JsonParser.parseString(json.strip());
      if (parsed.isJsonObject() && parsed.getAsJsonObject().has("outcome")) {
        return parsed.getAsJsonObject().get("outcome").getAsString();
      }
    } catch (RuntimeException e) {
      // not a result
    }
    return null;
  }

  private static String check(String outcome, String expected, String text, Path log)
      throws IOException {
    if (outcome == null) {
      return "no result" + (text == null ? "" : ": " + abbreviate(text)) + tail(log);
    }
    if (!outcome.equals(expected)) {
      return "outcome " + outcome + ", expected " + expected + ": " + abbreviate(text);
    }
    return null;
  }

  private static Measurement failed(Artifact artifact, String flagSet, String failure) {
    return new Measurement(
        artifact.id(),
        flagSet,
        null,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        -1,
        Double.NaN,
        null,
        failure,
        null);
  }

  /** The last lines of a child's log, for a failure message; an OutOfMemoryError is named. */
  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    if (lines.stream().anyMatch(line -> line.contains("OutOfMemoryError"))) {
      return " | java.lang.OutOfMemoryError";
    }
    List<String> last = lines.subList(Math.max(0, lines.size() - 3), lines.size());
    return last.isEmpty() ? "" : " | " + abbreviate(String.join(" / ", last));
  }

  private static String abbreviate(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  /**
   * GNU time's {@code %M %U %S}: peak RSS in KB and CPU seconds, from the last line of its output
   * (a note on a signal may precede it); {-1, NaN} when there is none.
   */
  static double[] readTimeUsage(Path file) throws IOException {
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String[] fields = lines.get(i).strip().split("\\s+");
        if (fields.length == 3 && fields[0].matches("\\d+")) {
          double cpu = (Double.parseDouble(fields[1]) + Double.parseDouble(fields[2])) * 1000;
          return new double[] {Long.parseLong(fields[0]), cpu};
        }
      }
    }
    return new double[] {-1, Double.NaN};
  }

  /** User + system CPU of a live process from /proc/<pid>/stat (USER_HZ 100), or NaN. */
  static double cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** VmHWM of a live process in KB, or -1 where /proc is not there. */
  static long vmHwmKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
