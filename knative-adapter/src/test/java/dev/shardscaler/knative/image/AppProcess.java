package dev.shardscaler.knative.image;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The app as a real process started from the image layout: a clean environment (what the image
 * would get: the variables given, plus {@code PATH}, {@code LANG} and a private {@code HOME}),
 * stdout and stderr each in a file.
 */
final class AppProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private AppProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** What a process left behind. */
  record Finished(int exit, String stdout, String stderr) {}

  static AppProcess start(List<String> command, Map<String, String> env, Path workDir, Path logs)
      throws IOException {
    Files.createDirectories(logs);
    Path home = Files.createDirectories(logs.resolve("home"));
    Path out = logs.resolve("stdout");
    Path err = logs.resolve("stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> childEnv = builder.environment();
    childEnv.clear();
    childEnv.put("HOME", home.toString());
    childEnv.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    childEnv.put("LANG", "C.UTF-8");
    childEnv.putAll(env);
    return new AppProcess(builder.start(), out, err);
  }

  /** Runs a process that exits by itself. */
  static Finished run(
      List<String> command, Map<String, String> env, Path workDir, Path logs, Duration timeout)
      throws IOException, InterruptedException {
    try (AppProcess process = start(command, env, workDir, logs)) {
      return process.awaitExit(timeout);
    }
  }

  /** Waits until the port accepts connections; fails when the process exits first. */
  void awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server exited (" + process.exitValue() + ") before listening: " + tail());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("port " + port + " not open after " + timeout + ": " + tail());
  }

  /** SIGTERM, as Kubernetes stops a container, then the exit. */
  Finished stop(Duration timeout) throws IOException, InterruptedException {
    process.destroy();
    return awaitExit(timeout);
  }

  Finished awaitExit(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("no exit within " + timeout + ": " + tail());
    }
    return new Finished(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
