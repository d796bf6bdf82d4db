package dev.shardscaler.knative;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar shardscaler.jar simulate …} as a real process: the packaged jar, the scaler's
 * environment, a small guild history; nothing is contacted, so no fakes run.
 */
class SimulateIT {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.simulate_secret_token";

  /** Six hours of growth, 12,000 → 16,500 guilds: five scale-ups at 4 shards per pod. */
  static final String HISTORY =
      """
      timestamp,guilds,max_concurrency
      2026-01-01T00:00:00Z,12000,1
      2026-01-01T03:00:00Z,14250,1
      2026-01-01T06:00:00Z,16500,1
      """;

  @TempDir Path home;

  record Run(int exit, String stdout, String stderr) {}

  Run simulate(Map<String, String> env, String... args) throws IOException, InterruptedException {
    String jar = System.getProperty("shardscaler.jar");
    assertThat(Path.of(jar)).as("the packaged jar").exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar,
                "simulate"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().clear();
    builder.environment().put("HOME", home.toString());
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().putAll(env);
    Path out = home.resolve("stdout");
    Path err = home.resolve("stderr");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
    Run run =
        new Run(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    assertThat(run.stdout() + run.stderr()).doesNotContain(TOKEN);
    return run;
  }

  Path history(String text) throws IOException {
    Path file = home.resolve("history.csv");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aHistoryRunsThroughTheRealPassAndExitsZero() throws Exception {
    Run run =
        simulate(
            Map.of("BOT_TOKEN", TOKEN, "K8S_SHARDS_PER_BOT", "4"),
            "--csv",
            history(HISTORY).toString());

    assertThat(run.exit()).as(run.stderr()).isZero();
    List<String> timeline = run.stdout().lines().toList();
    assertThat(timeline).hasSize(1 + 37);
    assertThat(timeline.get(0)).startsWith("time,guilds,recommended,max_concurrency,");
    assertThat(timeline)
        .filteredOn(line -> line.contains(",SCALED,SCALED_UP,"))
        .hasSize(5)
        .first()
        .asString()
        .contains("Resharded 12→13 shards");
    assertThat(run.stderr())
        .contains("reshards     SCALED_UP 5")
        .contains("invariants   11 checked on every pass, none broken")
        .containsPattern("wall time    [0-9.]+ s for 37 passes");
    // the per-pass log lines are quieted for the run: the timeline carries every result
    assertThat(run.stderr()).doesNotContain("pass on ");
  }

  @Test
  void notableRowsGoToAFileAsJsonLines() throws Exception {
    Run run =
        simulate(
            Map.of("K8S_SHARDS_PER_BOT", "4"),
            "--csv",
            history(HISTORY).toString(),
            "--timeline",
            "changes.jsonl",
            "--format",
            "jsonl",
            "--rows",
            "notable");

    assertThat(run.exit()).as(run.stderr()).isZero();
    List<JsonObject> rows =
        Files.readAllLines(home.resolve("changes.jsonl")).stream()
            .map(line -> JsonParser.parseString(line).getAsJsonObject())
            .toList();
    assertThat(rows)
        .extracting(row -> row.get("desired_shards").getAsInt())
        .containsExactly(13, 14, 15, 16, 17);
    assertThat(run.stdout()).contains("none broken");
  }

  @Test
  void aBadHistoryExitsTwoNamingLineAndColumn() throws Exception {
    Run run =
        simulate(
            Map.of(),
            "--csv",
            history("timestamp,guilds\n2026-01-01T00:00:00Z,12000\n2026-01-02,12.5k\n").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.stderr())
        .contains("line 3, column guilds: must be an integer from 0 to 100000000, got \"12.5k\"");
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void helpExplainsTheCommand() throws Exception {
    Run run = simulate(Map.of(), "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.stdout())
        .contains("usage: shardscaler simulate (--csv FILE | --curve NAME) [options]")
        .contains("exit status: 0 no invariant broken, 1 an invariant broken, 2 bad usage");
  }
}
