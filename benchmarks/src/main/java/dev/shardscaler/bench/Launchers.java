package dev.shardscaler.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Where the child launchers (the bare baseline, the Lambda launcher) come from. They must run on a
 * classpath of their own: the shaded benchmarks jar also holds Gson, client-java and the rest,
 * which would shadow or duplicate the artifact's own copies. From the jar they are copied out into
 * a folder of their own; from a classes folder (tests) that folder holds no library and is used as
 * it is.
 */
final class Launchers {
  static final String PACKAGE = "dev/shardscaler/bench/launch/";

  private Launchers() {}

  static Path classpath(Path work) throws IOException {
    Path home = codeSource();
    if (Files.isDirectory(home)) {
      return home;
    }
    Path target = work.resolve("launchers");
    try (JarFile jar = new JarFile(home.toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (entry.getName().startsWith(PACKAGE) && entry.getName().endsWith(".class")) {
          Path file = target.resolve(entry.getName());
          Files.createDirectories(file.getParent());
          try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, file);
          }
        }
      }
    }
    return target;
  }

  /**
   * The checkout this harness belongs to: two levels above {@code benchmarks/target/…}, else the
   * working directory.
   */
  static Path defaultRepo() {
    Path home = codeSource().toAbsolutePath();
    for (Path dir = home; dir != null; dir = dir.getParent()) {
      if (dir.getFileName() != null
          && dir.getFileName().toString().equals("target")
          && dir.getParent() != null
          && dir.getParent().getParent() != null
          && Files.exists(dir.getParent().getParent().resolve("mvnw"))) {
        return dir.getParent().getParent();
      }
    }
    return Path.of(".").toAbsolutePath().normalize();
  }

  private static Path codeSource() {
    try {
      return Path.of(Launchers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the harness's own classes", e);
    }
  }
}
