package dev.shardscaler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine and JVM the figures were taken on, for the report's header. */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
    String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
    String load = firstLine(Path.of("/proc/loadavg"));
    return String.join(
        "\n",
        "- CPUs: "
            + Runtime.getRuntime().availableProcessors()
            + (cpu == null ? "" : " × " + cpu)
            + (memory == null ? "" : ", memory " + memory),
        "- JVM: "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + "), "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch"),
        "- load average at the start: " + (load == null ? "unknown" : load));
  }

  private static String firstValue(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return null;
  }

  private static String firstLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.isEmpty() ? null : lines.get(0);
    } catch (IOException e) {
      return null;
    }
  }
}
