package dev.shardscaler.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command in-process: exit status, where the timeline and the summary go, what is refused. */
class SimulateCommandTest {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.simulate_secret_token";
  static final String GROWTH =
      "timestamp,guilds\n2026-01-01T00:00:00Z,12000\n2026-01-01T06:00:00Z,16500\n";

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  Run run(Map<String, String> env, String... args) {
    return run(env, dev.shardscaler.core.ScaleFunction::new, args);
  }

  Run run(Map<String, String> env, Simulation.Scaler scaler, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        SimulateCommand.run(
            env,
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            scaler);
    Run run =
        new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    assertThat(run.out() + run.err()).doesNotContain(TOKEN);
    return run;
  }

  Path csv(String text) throws IOException {
    Path file = dir.resolve("history.csv");
    Files.writeString(file, text);
    return file;
  }

  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void helpIsAnswerNotAnError() {
    Run run = run(Map.of(), "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("usage: shardscaler simulate (--csv FILE | --curve NAME)");
  }

  @Test
  void aSafeRunExitsZeroWithTheTimelineOnStdoutAndTheSummaryOnStderr() throws IOException {
    Run run =
        run(env("BOT_TOKEN", TOKEN, "K8S_SHARDS_PER_BOT", "4"), "--csv", csv(GROWTH).toString());

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(38);
    assertThat(lines.get(0)).startsWith("time,guilds,recommended");
    assertThat(run.err())
        .contains(
            "not set, so simulated as K8S_CONTAINER=bot K8S_NAMESPACE=default K8S_STATEFULSET=bot")
        .contains("reshards     SCALED_UP 5")
        .contains("invariants   11 checked on every pass, none broken")
        .containsPattern("wall time    [0-9.]+ s for 37 passes");
  }

  @Test
  void notableRowsAsJsonLinesGoToAFileAndTheSummaryToStdout() throws IOException {
    Path timeline = dir.resolve("timeline.jsonl");

    Run run =
        run(
            env("K8S_SHARDS_PER_BOT", "4", "SCALER_DRY_RUN", "1"),
            "--csv",
            csv(GROWTH).toString(),
            "--timeline",
            timeline.toString(),
            "--format",
            "jsonl",
            "--rows",
            "notable");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("SCALER_DRY_RUN=1 ignored: a simulation writes only to its own StatefulSet")
        .contains("outcomes     SCALED 5, UNCHANGED 32");
    List<JsonObject> rows =
        Files.readAllLines(timeline).stream()
            .map(l -> JsonParser.parseString(l).getAsJsonObject())
            .toList();
    assertThat(rows).hasSize(5);
    assertThat(rows)
        .allSatisfy(row -> assertThat(row.get("outcome").getAsString()).isEqualTo("SCALED"));
    assertThat(rows.get(0).get("event").getAsString()).startsWith("Resharded 12→13 shards");
    assertThat(rows.get(0).get("rollout").getAsBoolean()).isFalse();
  }

  @Test
  void aBrokenInvariantExitsOne() throws IOException {
    String rush = "timestamp,guilds\n2026-01-01T00:00:00Z,30000\n2026-01-02T00:00:00Z,130000\n";

    Run run =
        run(
            env("K8S_SHARDS_PER_BOT", "1", "SCALER_MIN_INTERVAL", "0"),
            RolloutBlindScaler.SCALER,
            "--csv",
            csv(rush).toString(),
            "--pod-start",
            "60s",
            "--timeline",
            "none");

    assertThat(run.exit()).isEqualTo(SimulateCommand.EXIT_INVARIANT_BROKEN);
    assertThat(run.out()).contains("BROKEN: no-change-during-rollout");
  }

  @Test
  void aBadHistoryIsRefusedNamingLineAndColumn() throws IOException {
    Run run =
        run(Map.of(), "--csv", csv("timestamp,guilds\n2026-01-01,5\n2026-01-02,lots\n").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("cannot run, 1 problem:")
        .contains(
            "history.csv: line 3, column guilds: must be an integer from 0 to 100000000, got \"lots\"");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void badSettingsAndAMissingFileAreReportedTogether() {
    Run run =
        run(
            env("K8S_SHARDS_PER_BOT", "zero", "BOT_TOKEN", TOKEN),
            "--csv",
            dir.resolve("nope.csv").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("cannot run, 2 problems:")
        .contains("K8S_SHARDS_PER_BOT must be an integer from 1 to 100000, got \"zero\"")
        .contains("cannot read " + dir.resolve("nope.csv"));
  }

  @Test
  void theBlueGreenStrategyIsRefusedNamingWhereToTryIt() {
    Run run = run(env("SCALER_STRATEGY", "bluegreen"), "--curve", "oscillation", "--days", "1");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("SCALER_STRATEGY=bluegreen is not simulated")
        .contains("SANDBOX_STRATEGY=bluegreen");
  }

  @Test
  void badUsageExitsTwo() {
    Run run = run(Map.of(), "--curve", "oscillation", "--interval", "10");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("--interval must be a duration from 1m to 24h")
        .contains("--help");
  }
}
