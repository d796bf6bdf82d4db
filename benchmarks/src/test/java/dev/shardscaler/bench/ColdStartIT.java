package dev.shardscaler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness end to end on the one artifact that needs no other module: the bare baseline as real
 * child processes against the fakes. Checks what was measured and counted, never how fast.
 */
class ColdStartIT {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @Test
  void measuresTheBaselineAndCountsItsRequests() throws Exception {
    Options options =
        Options.parse(
            List.of(
                "--artifacts",
                "baseline,baseline-jdk17,lambda",
                "--aws-jar",
                "/nonexistent/aws-adapter-lambda.jar",
                "--runs",
                "2",
                "--warmup",
                "1",
                "--flags",
                "default",
                "--heap",
                "64",
                "--classes",
                "--patience",
                "0"),
            REPO);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    Results results =
        new ColdStart(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

    // the JDK 17 row runs the same program compiled for 17 where that JDK is installed
    boolean jdk17 = java.nio.file.Files.isExecutable(Options.DEFAULT_JDK17.resolve("bin/java"));
    assertThat(results.timed).hasSize(jdk17 ? 4 : 2);
    assertThat(results.timed)
        .allSatisfy(
            run -> {
              assertThat(run.failure()).isNull();
              assertThat(run.outcome()).isEqualTo("BASELINE");
              assertThat(run.counts().isNoOp()).as(run.counts().toString()).isTrue();
              assertThat(run.resultMs()).isPositive();
            });
    assertThat(results.heap.get("baseline"))
        .singleElement()
        .satisfies(s -> assertThat(s.ok()).isTrue());
    assertThat(results.classes.get("baseline").firstSeenMs()).containsKey("shardscaler");
    String report = Report.markdown(results, options, "- machine");
    assertThat(report)
        .contains("| baseline | ")
        .contains("1.0×")
        .contains("| lambda | not built |")
        .contains("lambda: not built (/nonexistent/aws-adapter-lambda.jar does not exist)");
    if (jdk17) {
      assertThat(results.timed(Artifacts.BASELINE_17, "default")).hasSize(2);
      assertThat(report).contains("| baseline-jdk17 | ");
    } else {
      assertThat(report).contains("baseline-jdk17: not built");
    }
  }
}
