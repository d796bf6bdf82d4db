package dev.shardscaler.admission;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command line tool (kubectl, terraform) and returns its standard output. */
final class Processes {
  private Processes() {}

  static String run(Path workDir, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 180 s");
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(
          String.join(" ", command)
              + " exited "
              + process.exitValue()
              + ":\n"
              + Files.readString(err, UTF_8)
              + Files.readString(out, UTF_8));
    }
    return Files.readString(out, UTF_8);
  }
}
