package dev.shardscaler.knative.image;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The container image's entrypoint, run from the image layout on this machine: every path under the
 * image's root ({@code /app}) points into the layout folder instead. The entrypoint comes from the
 * same Maven property Jib uses ({@code image.entrypoint}), so the AOT training and the tests start
 * the app exactly as the image does.
 *
 * @param entrypoint the image's entrypoint: the runtime's {@code java}, the JVM flags, {@code -jar
 *     …/shardscaler.jar}
 * @param imageRoot where the layout lives in the image ({@code /app})
 * @param layout the layout folder on this machine
 */
record ImageCommand(List<String> entrypoint, String imageRoot, Path layout) {

  /** The JVM option that selects an AOT cache; the image sets it in {@code JDK_JAVA_OPTIONS}. */
  static final String AOT_CACHE = "-XX:AOTCache=";

  ImageCommand {
    entrypoint = List.copyOf(entrypoint);
    if (entrypoint.isEmpty()) {
      throw new IllegalArgumentException("the image entrypoint is empty");
    }
  }

  /** From the comma-separated entrypoint, as Maven hands a list property to Jib. */
  static ImageCommand of(String entrypoint, String imageRoot, Path layout) {
    return new ImageCommand(
        Arrays.stream(entrypoint.split(",")).map(String::strip).toList(),
        imageRoot,
        layout.toAbsolutePath());
  }

  /** The test run's view: the system properties the Failsafe configuration passes on. */
  static ImageCommand fromSystemProperties() {
    return of(
        required("image.entrypoint"), required("image.root"), Path.of(required("image.layout")));
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + property + " is not set (see pom.xml)");
    }
    return value;
  }

  /** A path of the image ({@code /app/…}) as a path in the layout. */
  String local(String imagePath) {
    String prefix = imageRoot.endsWith("/") ? imageRoot : imageRoot + "/";
    return imagePath.replace(prefix, layout + File.separator);
  }

  /** The file of the layout that the image has at {@code imageRoot/name}. */
  Path file(String name) {
    return layout.resolve(name);
  }

  /**
   * The entrypoint with {@code jvmFlags} after the image's own (so that they are not undone by its
   * {@code -Xlog:disable}) and before {@code -jar}, then the application's arguments.
   */
  List<String> command(List<String> jvmFlags, String... appArgs) {
    List<String> command = new ArrayList<>();
    entrypoint.forEach(arg -> command.add(local(arg)));
    int jar = entrypoint.indexOf("-jar");
    if (jar < 0) {
      throw new IllegalStateException("the image entrypoint has no -jar: " + entrypoint);
    }
    command.addAll(jar, jvmFlags);
    command.addAll(List.of(appArgs));
    return command;
  }

  /** The {@code JDK_JAVA_OPTIONS} value that selects the cache {@code name} of the layout. */
  String cacheOption(String name) {
    return AOT_CACHE + file(name);
  }
}
