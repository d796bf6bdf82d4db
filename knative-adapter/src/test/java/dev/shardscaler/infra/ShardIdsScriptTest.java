package dev.shardscaler.infra;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs infra/examples/shard-ids.sh with {@code sh} in a clean environment. Without arguments the
 * script prints what it would export as KEY=value lines.
 */
class ShardIdsScriptTest {

  private static final Path SCRIPT =
      Path.of("..").toAbsolutePath().normalize().resolve("infra/examples/shard-ids.sh");

  @TempDir Path tmp;

  record Assigned(Map<String, String> env, Map<String, String> exports) {}

  record Refused(Map<String, String> env, int exitCode, List<String> messageParts) {}

  // Each env is "KEY=value KEY=value ..."; values never contain spaces here.

  static Stream<Named<Assigned>> assignments() {
    return Stream.of(
        ok("12/4: bot-0 runs 0-3", "SHARDS=12 SHARDS_PER_BOT=4 POD_INDEX=0", "0,1,2,3", 12),
        ok("12/4: bot-1 runs 4-7", "SHARDS=12 SHARDS_PER_BOT=4 POD_INDEX=1", "4,5,6,7", 12),
        ok("12/4: bot-2 runs 8-11", "SHARDS=12 SHARDS_PER_BOT=4 POD_INDEX=2", "8,9,10,11", 12),
        ok("10/4: bot-0 runs 0-3", "SHARDS=10 SHARDS_PER_BOT=4 POD_INDEX=0", "0,1,2,3", 10),
        ok("10/4: bot-1 runs 4-7", "SHARDS=10 SHARDS_PER_BOT=4 POD_INDEX=1", "4,5,6,7", 10),
        ok("10/4: bot-2 runs the tail 8-9", "SHARDS=10 SHARDS_PER_BOT=4 POD_INDEX=2", "8,9", 10),
        ok("1/1: bot-0 runs 0", "SHARDS=1 SHARDS_PER_BOT=1 POD_INDEX=0", "0", 1),
        ok("SHARDS_PER_BOT defaults to 1", "SHARDS=3 POD_INDEX=2", "2", 3),
        ok(
            "perBot above the total: bot-0 runs all",
            "SHARDS=3 SHARDS_PER_BOT=8 POD_INDEX=0",
            "0,1,2",
            3),
        ok(
            "ordinal from POD_NAME bot-2",
            "SHARDS=12 SHARDS_PER_BOT=4 POD_NAME=bot-2",
            "8,9,10,11",
            12),
        ok(
            "ordinal from POD_NAME when POD_INDEX is empty (Kubernetes < 1.28)",
            "SHARDS=12 SHARDS_PER_BOT=4 POD_INDEX= POD_NAME=bot-2",
            "8,9,10,11",
            12),
        ok(
            "POD_INDEX wins over POD_NAME",
            "SHARDS=12 SHARDS_PER_BOT=4 POD_INDEX=0 POD_NAME=bot-2",
            "0,1,2,3",
            12),
        ok(
            "ordinal after the last dash",
            "SHARDS=12 SHARDS_PER_BOT=4 POD_NAME=my-bot-1",
            "4,5,6,7",
            12),
        ok(
            "ordinal from HOSTNAME last",
            "SHARDS=12 SHARDS_PER_BOT=4 HOSTNAME=bot-1",
            "4,5,6,7",
            12),
        ok(
            "total from another variable",
            "SHARD_TOTAL_VAR=TOTAL_SHARDS TOTAL_SHARDS=6 SHARDS_PER_BOT=4 POD_INDEX=1",
            "4,5",
            6),
        named(
            "discord.js convention: total from SHARD_COUNT, SHARDS becomes the id list",
            new Assigned(
                env(
                    "SHARD_TOTAL_VAR=SHARD_COUNT SHARD_COUNT=12 SHARDS=12 SHARDS_PER_BOT=4"
                        + " POD_INDEX=1"),
                exports("4,5,6,7", 12, "SHARDS=[4,5,6,7]"))));
  }

  static Stream<Named<Refused>> refusals() {
    return Stream.of(
        no(
            "12/4: bot-3 has no shards",
            "SHARDS=12 SHARDS_PER_BOT=4 POD_INDEX=3",
            3,
            "pod ordinal 3 has no shards: ids would start at 12 but SHARDS=12"),
        no(
            "10/4: bot-3 has no shards",
            "SHARDS=10 SHARDS_PER_BOT=4 POD_INDEX=3",
            3,
            "pod ordinal 3 has no shards: ids would start at 12 but SHARDS=10"),
        no("SHARDS missing", "SHARDS_PER_BOT=4 POD_INDEX=0", 2, "SHARDS"),
        no("SHARDS not a number", "SHARDS=twelve POD_INDEX=0", 2, "SHARDS", "\"twelve\""),
        no("SHARDS zero", "SHARDS=0 POD_INDEX=0", 2, "SHARDS", "\"0\""),
        no("SHARDS negative", "SHARDS=-12 POD_INDEX=0", 2, "SHARDS", "\"-12\""),
        no("SHARDS absurd", "SHARDS=99999999999 POD_INDEX=0", 2, "SHARDS", "\"99999999999\""),
        no(
            "SHARDS_PER_BOT zero",
            "SHARDS=12 SHARDS_PER_BOT=0 POD_INDEX=0",
            2,
            "SHARDS_PER_BOT",
            "\"0\""),
        no(
            "SHARDS_PER_BOT 1.5",
            "SHARDS=12 SHARDS_PER_BOT=1.5 POD_INDEX=0",
            2,
            "SHARDS_PER_BOT",
            "\"1.5\""),
        no(
            "SHARDS_PER_BOT empty",
            "SHARDS=12 SHARDS_PER_BOT= POD_INDEX=0",
            2,
            "SHARDS_PER_BOT",
            "\"\""),
        no("POD_INDEX negative", "SHARDS=12 POD_INDEX=-1", 2, "POD_INDEX", "\"-1\""),
        no("POD_NAME without ordinal", "SHARDS=12 POD_NAME=bot", 2, "POD_NAME", "\"bot\""),
        no("POD_NAME suffix not a number", "SHARDS=12 POD_NAME=bot-x", 2, "POD_NAME", "\"bot-x\""),
        no("HOSTNAME of a laptop", "SHARDS=12 HOSTNAME=laptop", 2, "HOSTNAME", "\"laptop\""),
        no(
            "SHARD_TOTAL_VAR not a name",
            "SHARD_TOTAL_VAR=X;id POD_INDEX=0",
            2,
            "SHARD_TOTAL_VAR",
            "\"X;id\""),
        no(
            "SHARD_TOTAL_VAR names unset var",
            "SHARD_TOTAL_VAR=SHARD_COUNT SHARDS=12 POD_INDEX=0",
            2,
            "SHARD_COUNT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("assignments")
  void exportsThisPodsShardIds(Assigned assigned) throws Exception {
    Run run = run(assigned.env());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).isEmpty();
    assertThat(keyValues(run.stdout())).isEqualTo(assigned.exports());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWithAMessageNamingTheVariable(Refused refused) throws Exception {
    Run run = run(refused.env());

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(refused.exitCode());
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).startsWith("shard-ids: ");
    assertThat(run.stderr()).contains(refused.messageParts());
  }

  @Test
  void execsTheCommandWithTheExportsAndPassesItsExitStatusThrough() throws Exception {
    Run run =
        run(
            env("SHARDS=12 SHARDS_PER_BOT=4 POD_INDEX=1"),
            "sh",
            "-c",
            "echo \"$SHARD_IDS|$SHARD_IDS_JSON|$SHARD_COUNT|$1\"; exit 7",
            "bot",
            "a b");

    assertThat(run.exitCode()).isEqualTo(7);
    assertThat(run.stdout()).isEqualTo("4,5,6,7|[4,5,6,7]|12|a b\n");
    assertThat(run.stderr()).isEqualTo("shard-ids: pod 1 runs shards 4-7 of 12\n");
  }

  // --- helpers ---

  private record Run(int exitCode, String stdout, String stderr) {}

  private Run run(Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    assertThat(SCRIPT)
        .as("run with the working directory one level below the repository root")
        .isRegularFile();
    List<String> argv = new ArrayList<>(List.of("sh", SCRIPT.toString()));
    argv.addAll(List.of(command));
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().clear(); // nothing from the machine running the tests leaks in
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().putAll(env);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("shard-ids.sh did not finish");
    }
    return new Run(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
  }

  private static Map<String, String> keyValues(String stdout) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      if (!line.isEmpty()) {
        int eq = line.indexOf('=');
        assertThat(eq).as("KEY=value line: %s", line).isPositive();
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return values;
  }

  private static Named<Assigned> ok(String name, String env, String ids, int total) {
    return named(name, new Assigned(env(env), exports(ids, total)));
  }

  private static Named<Refused> no(String name, String env, int exitCode, String... messageParts) {
    return named(name, new Refused(env(env), exitCode, List.of(messageParts)));
  }

  private static Map<String, String> exports(String ids, int total, String... extra) {
    String[] list = ids.split(",");
    Map<String, String> exports = new LinkedHashMap<>();
    exports.put("SHARD_IDS", ids);
    exports.put("SHARD_IDS_JSON", "[" + ids + "]");
    exports.put("SHARD_ID_FIRST", list[0]);
    exports.put("SHARD_ID_LAST", list[list.length - 1]);
    exports.put("SHARD_COUNT", Integer.toString(total));
    exports.putAll(env(String.join(" ", extra)));
    return exports;
  }

  /** "A=1 B= C=x" to an ordered map; an empty value stays an empty string. */
  private static Map<String, String> env(String keyValues) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String pair : keyValues.trim().split(" +")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        env.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return env;
  }
}
