package dev.shardscaler.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The Spring Boot jar laid out the way the container image runs it: jib copies {@code
 * BOOT-INF/classes} and {@code BOOT-INF/lib} into the image and starts {@code java -cp
 * classes:libs/… <main>}, without Boot's nested-jar launcher. Extracted once per harness run.
 */
final class Exploded {
  private Exploded() {}

  /** The classpath of the extracted jar: its classes, then its libraries in classpath.idx order. */
  static String classpath(Path bootJar, Path into) throws IOException {
    Path classes = into.resolve("classes");
    Path libs = into.resolve("libs");
    List<String> order = new ArrayList<>();
    try (JarFile jar = new JarFile(bootJar.toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        Path target = null;
        if (name.startsWith("BOOT-INF/classes/") && !entry.isDirectory()) {
          target = classes.resolve(name.substring("BOOT-INF/classes/".length()));
        } else if (name.startsWith("BOOT-INF/lib/") && !entry.isDirectory()) {
          target = libs.resolve(name.substring("BOOT-INF/lib/".length()));
        } else if (name.equals("BOOT-INF/classpath.idx")) {
          try (InputStream in = jar.getInputStream(entry)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
              String lib = line.replaceAll("^- \"|\"$", "").strip();
              if (lib.startsWith("BOOT-INF/lib/")) {
                order.add(lib.substring("BOOT-INF/lib/".length()));
              }
            }
          }
        }
        if (target != null) {
          Files.createDirectories(target.getParent());
          try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, target);
          }
        }
      }
    }
    List<String> path = new ArrayList<>();
    path.add(classes.toString());
    for (String lib : order) {
      path.add(libs.resolve(lib).toString());
    }
    try (var files = Files.list(libs)) {
      files.map(Path::toString).sorted().filter(lib -> !path.contains(lib)).forEach(path::add);
    }
    return String.join(File.pathSeparator, path);
  }
}
