package dev.shardscaler.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The container image's content as {@code package} leaves it in {@code
 * knative-adapter/target/image} (its own Java runtime, the app exploded, one AOT cache per mode),
 * and the image's entrypoint as that build wrote it into {@code aot-training.txt}: the harness runs
 * it exactly as the image does, with the image's root ({@code /app}) pointing into the folder.
 *
 * @param entrypoint the image's entrypoint, paths as in the image
 * @param onceCache the one-shot's cache file (the image's default), serverCache the server's
 */
record ImageLayout(
    Path folder, String imageRoot, List<String> entrypoint, String onceCache, String serverCache) {
  static final String SUMMARY = "aot-training.txt";
  static final String RUNTIME_JAVA = "/runtime/bin/java";

  /** The layout in {@code folder}, or null when it was not built. */
  static ImageLayout read(Path folder) throws IOException {
    Path summary = folder.resolve(SUMMARY);
    if (!Files.isReadable(summary)) {
      return null;
    }
    List<String> entrypoint = null;
    String once = null;
    String server = null;
    for (String line : Files.readAllLines(summary, StandardCharsets.UTF_8)) {
      if (line.startsWith("entrypoint: ")) {
        entrypoint = Arrays.asList(line.substring("entrypoint: ".length()).strip().split(" "));
      } else if (line.startsWith("caches: ")) {
        // caches: shardscaler-once.aot (one-shot), shardscaler-server.aot (server)
        String[] parts = line.substring("caches: ".length()).split(",");
        once = parts[0].strip().split(" ")[0];
        server = parts[1].strip().split(" ")[0];
      }
    }
    if (entrypoint == null || once == null || !entrypoint.get(0).endsWith(RUNTIME_JAVA)) {
      throw new IOException(summary + " does not name the image's entrypoint and caches");
    }
    String root =
        entrypoint.get(0).substring(0, entrypoint.get(0).length() - RUNTIME_JAVA.length());
    return new ImageLayout(folder.toAbsolutePath(), root, entrypoint, once, server);
  }

  /** A path of the image ({@code /app/…}) as a path in the folder. */
  String local(String imagePath) {
    return imagePath.replace(imageRoot + "/", folder + "/");
  }

  /** The image's {@code java}, in the folder. */
  String java() {
    return local(entrypoint.get(0));
  }

  /**
   * The entrypoint after {@code java}, the harness's flags before {@code -jar}, then {@code args}.
   */
  List<String> arguments(String... args) {
    List<String> result = new ArrayList<>();
    for (String arg : entrypoint.subList(1, entrypoint.size())) {
      if (arg.equals("-jar")) {
        result.add(Artifact.FLAGS);
      }
      result.add(local(arg));
    }
    result.addAll(List.of(args));
    return result;
  }

  /** What selects a cache in the image: {@code JDK_JAVA_OPTIONS}. */
  Map<String, String> cacheEnv(String cache) {
    return Map.of("JDK_JAVA_OPTIONS", "-XX:AOTCache=" + folder.resolve(cache));
  }

  /** The app as a classpath entry (its manifest names the libraries). */
  Path applicationJar() {
    return Path.of(local(entrypoint.get(entrypoint.indexOf("-jar") + 1)));
  }
}
