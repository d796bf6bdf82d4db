package dev.shardscaler.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

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

  /** Where the build puts the baseline's source (benchmarks/pom.xml). */
  static final String BASELINE_SOURCE =
      "baseline-source/dev/shardscaler/bench/launch/BareBaseline.java";

  /**
   * The bare baseline compiled for Java 17 into {@code work/launchers-17}, so that JDK 17 can run
   * it: the project builds for 25. Returns the classpath entry, or throws naming why not.
   */
  static Path jdk17(Path work) throws IOException {
    Path source = work.resolve("baseline-17-src/BareBaseline.java");
    Path classes = work.resolve("launchers-17");
    Files.createDirectories(source.getParent());
    Files.createDirectories(classes);
    try (InputStream in = Launchers.class.getClassLoader().getResourceAsStream(BASELINE_SOURCE)) {
      if (in == null) {
        throw new IOException("the baseline's source " + BASELINE_SOURCE + " is not in the jar");
      }
      Files.copy(in, source);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IOException("the harness runs on a JRE: no compiler for the JDK 17 baseline");
    }
    int status =
        javac.run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
    if (status != 0) {
      throw new IOException("compiling the baseline for Java 17 failed (javac " + status + ")");
    }
    return classes;
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
