package dev.shardscaler.knative.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the container image's content as a folder (run by Maven at {@code package}, after Spring
 * Boot's repackage; Jib copies the folder to {@code /app} as it is):
 *
 * <pre>
 * runtime/                 Java runtime, jlink-ed from the JDK that runs this build
 * shardscaler.jar, lib/    the app exploded ({@code java -Djarmode=tools -jar … extract})
 * shardscaler-once.aot     AOT cache of the one-shot (CronJob)
 * shardscaler-server.aot   AOT cache of the HTTP server (Knative)
 * aot-training.txt         what made the caches: runtime, flags, jars
 * </pre>
 *
 * An AOT cache is only used by the very JVM build (and {@code lib/modules}) that made it, so the
 * image brings the runtime that trained its caches rather than a base image's JRE. The folder is
 * made anew every time: a cache must never sit beside other jars than the ones it was made from.
 *
 * <p>Arguments, {@code name=value}: {@code bootJar}, {@code layout}, {@code modules}, {@code
 * entrypoint} (comma-separated), {@code imageRoot}, {@code onceCache}, {@code serverCache}.
 */
public final class ImageLayout {
  private ImageLayout() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("expected name=value, got \"" + arg + "\"");
      }
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    Path bootJar = Path.of(option(options, "bootJar"));
    Path layout = Path.of(option(options, "layout")).toAbsolutePath();
    ImageCommand image =
        ImageCommand.of(option(options, "entrypoint"), option(options, "imageRoot"), layout);
    long start = System.nanoTime();

    deleteRecursively(layout);
    Files.createDirectories(layout);
    exec(
        layout.getParent(),
        jdkTool("java"),
        "-Djarmode=tools",
        "-jar",
        bootJar.toString(),
        "extract",
        "--destination",
        layout.toString());
    exec(
        layout.getParent(),
        jdkTool("jlink"),
        "--add-modules",
        option(options, "modules"),
        "--no-header-files",
        "--no-man-pages",
        // the runtime's own CDS archive: what a JVM falls back to when it cannot use the AOT cache
        "--generate-cds-archive",
        "--output",
        layout.resolve("runtime").toString());
    log("layout: extracted and linked in %d ms", millis(start));

    Path logs = layout.getParent().resolve("aot-training");
    deleteRecursively(logs);
    try (AotTraining training = new AotTraining(image, logs)) {
      long once = System.nanoTime();
      training.oneShot(option(options, "onceCache"));
      log("AOT cache of the one-shot trained in %d ms", millis(once));
      long server = System.nanoTime();
      training.server(option(options, "serverCache"));
      log("AOT cache of the server trained in %d ms", millis(server));
    }
    Files.writeString(
        layout.resolve("aot-training.txt"),
        summary(image, layout, options),
        StandardCharsets.UTF_8);
    log("image layout ready at %s in %d ms", layout, millis(start));
  }

  /** What made the caches, for whoever wonders later which jars and JVM they belong to. */
  private static String summary(ImageCommand image, Path layout, Map<String, String> options)
      throws IOException, InterruptedException, NoSuchAlgorithmException {
    StringBuilder out = new StringBuilder();
    out.append("# AOT caches of this image and what made them\n")
        .append("runtime: ")
        .append(runtimeVersion(layout))
        .append('\n')
        .append("entrypoint: ")
        .append(String.join(" ", image.entrypoint()))
        .append('\n')
        .append("caches: ")
        .append(option(options, "onceCache"))
        .append(" (one-shot), ")
        .append(option(options, "serverCache"))
        .append(" (server)\n")
        .append(
            "# the jars the caches were trained with (SHA-256, size); use the caches with these")
        .append(" jars and this runtime only\n");
    List<Path> jars = new ArrayList<>();
    jars.add(layout.resolve("shardscaler.jar"));
    try (Stream<Path> lib = Files.list(layout.resolve("lib"))) {
      lib.sorted().forEach(jars::add);
    }
    for (Path jar : jars) {
      out.append(sha256(jar))
          .append(' ')
          .append(Files.size(jar))
          .append(' ')
          .append(layout.relativize(jar))
          .append('\n');
    }
    return out.toString();
  }

  /** What {@code java -version} of the layout's runtime says, on one line. */
  private static String runtimeVersion(Path layout) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(layout.resolve("runtime/bin/java").toString(), "-version")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return String.join(" / ", output.strip().lines().toList());
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
  }

  private static String option(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing argument " + name + "=…");
    }
    return value;
  }

  private static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private static void exec(Path workDir, String... command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(Duration.ofMinutes(5)) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private static long millis(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  private static void log(String format, Object... args) {
    System.out.println("[image] " + String.format(format, args));
  }
}
