package dev.shardscaler.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The function in the real Functions Framework invoker (the runtime Cloud Run functions uses for
 * Java), as a child process on a free loopback port, loading the shaded deploy jar. Its environment
 * is exactly what the test gives it (plus PATH, LANG and a temporary HOME).
 */
final class InvokerProcess implements AutoCloseable {
  static final String TARGET = "dev.shardscaler.gcp.ScalerFunction";

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final String url;
  final Duration startup;

  private InvokerProcess(Process process, Path stdout, Path stderr, int port, Duration startup) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.url = "http://127.0.0.1:" + port + "/";
    this.startup = startup;
  }

  static Path jar(String property) {
    String value = System.getProperty(property);
    assertThat(value).as("system property %s (set by the pom for failsafe)", property).isNotNull();
    Path path = Path.of(value);
    assertThat(path).as(property).exists();
    return path;
  }

  /** Starts the invoker and waits until it answers HTTP (a GET, which the function refuses). */
  static InvokerProcess start(Map<String, String> env, Path workDir) throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar("shardscaler.invoker.jar").toString(),
            "--classpath",
            jar("shardscaler.function.jar").toString(),
            "--target",
            TARGET,
            "--port",
            String.valueOf(port));
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("HOME", workDir.toString());
    builder.environment().put("LANG", "C.UTF-8"); // as on Cloud Run: UTF-8 logs
    builder.environment().putAll(env);
    Path out = Files.createTempFile(workDir, "invoker", ".stdout");
    Path err = Files.createTempFile(workDir, "invoker", ".stderr");
    long started = System.nanoTime();
    Process process =
        builder
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    InvokerProcess invoker = new InvokerProcess(process, out, err, port, Duration.ZERO);
    invoker.awaitReady();
    return new InvokerProcess(
        process, out, err, port, Duration.ofNanos(System.nanoTime() - started));
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the invoker exited " + process.exitValue() + ":\n" + output());
      }
      try {
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (ConnectException notYet) {
        pause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    close();
    throw new IllegalStateException("the invoker did not answer within 30 s:\n" + output());
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  HttpResponse<String> send(String method, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + url + " failed:\n" + output(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String stdout() {
    return read(stdout);
  }

  String output() {
    return read(stdout) + read(stderr);
  }

  List<String> stdoutLines() {
    return stdout().lines().toList();
  }

  List<String> stderrLines() {
    return read(stderr).lines().toList();
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
