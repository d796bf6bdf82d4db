package dev.shardscaler.knative;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import dev.shardscaler.testkit.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix rows of the one-shot mode (the CronJob): the settings and a Discord that cannot
 * be reached, each a pass in-process with one environment variable changed, the figure being the
 * exit status. Every row asserts the exit status, a message naming the problem, that the cluster
 * was not written, and that the bot token is in no log line and no output. The HTTP entry points'
 * rows (Discord, the Kubernetes API, the caller's mistakes) are the conformance suite ({@link
 * KnativeConformanceIT} and its twins in the other adapters). The table lands in
 * target/fault-matrix.md (copied into docs/RELIABILITY.md).
 */
class FaultMatrixIT {
  static final String BOT_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.fault_matrix_secret_token";
  static final List<String> TABLE = new ArrayList<>();

  static DiscordFake discord;
  static KubernetesFake kube;

  /**
   * @param changes environment variables to set (a null value removes the variable)
   */
  record Row(String area, String name, Map<String, String> changes, int exit, String message) {}

  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", BOT_TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_API_URL", kube.url());
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("SCALER_RECOMMENDATION_TTL", "0");
    env.put("SCALER_MIN_INTERVAL", "0");
    return env;
  }

  @BeforeAll
  static void start() {
    discord = new DiscordFake();
    kube = new KubernetesFake();
  }

  @AfterAll
  static void stop() throws IOException {
    kube.close();
    discord.close();
    List<String> lines = new ArrayList<>();
    lines.add("| area | case | exit | cluster written | output contains |");
    lines.add("|---|---|---|---|---|");
    lines.addAll(TABLE);
    Files.write(Path.of("target", "fault-matrix.md"), lines, StandardCharsets.UTF_8);
  }

  @BeforeEach
  void reset() {
    kube.reseed(BotStatefulSet.seedExample());
    discord.reset(gatewayBot(16, 1000, 1));
  }

  static Stream<Arguments> rows() {
    return Stream.of(
            new Row(
                "Discord",
                "connection refused",
                Map.of("DISCORD_API_BASE_URL", "http://127.0.0.1:" + closedPort() + "/api/v10"),
                1,
                "could not reach Discord"),
            new Row(
                "Settings",
                "missing BOT_TOKEN",
                nullValue("BOT_TOKEN"),
                2,
                "missing required parameter \"BOT_TOKEN\""),
            new Row(
                "Settings",
                "K8S_SHARDS_PER_BOT=zero",
                Map.of("K8S_SHARDS_PER_BOT", "zero"),
                2,
                "K8S_SHARDS_PER_BOT must be an integer from 1 to 100000, got \"zero\""),
            new Row(
                "Settings",
                "K8S_SCALEUP=maybe",
                Map.of("K8S_SCALEUP", "maybe"),
                2,
                "K8S_SCALEUP must be 1 or 0"),
            new Row(
                "Settings",
                "SCALER_SCALEDOWN_WINDOW=a day",
                Map.of("SCALER_SCALEDOWN_WINDOW", "a day"),
                2,
                "SCALER_SCALEDOWN_WINDOW must be a duration"),
            new Row(
                "Settings",
                "DISCORD_API_BASE_URL without scheme",
                Map.of("DISCORD_API_BASE_URL", "discord.com/api"),
                2,
                "DISCORD_API_BASE_URL must be an http(s) URL"),
            new Row(
                "Settings",
                "min > max shards",
                Map.of("SCALER_MIN_SHARDS", "50", "SCALER_MAX_SHARDS", "10"),
                2,
                "SCALER_MAX_SHARDS must be ≥ SCALER_MIN_SHARDS"),
            new Row(
                "Settings",
                "a huge duration (was exit 1)",
                Map.of("SCALER_SCALEDOWN_WINDOW", "99999999999999999d"),
                2,
                "SCALER_SCALEDOWN_WINDOW must be a duration"),
            new Row(
                "Settings",
                "plain http to a remote Discord URL",
                Map.of("DISCORD_API_BASE_URL", "http://discord-proxy.internal:8080/api/v10"),
                2,
                "DISCORD_API_BASE_URL must be an https URL"),
            new Row(
                "Settings",
                "deadline too short for the cluster timeout",
                Map.of("SCALER_PASS_DEADLINE", "10s", "SCALER_K8S_TIMEOUT", "5s"),
                2,
                "SCALER_PASS_DEADLINE (10s) must be at least 3 × SCALER_K8S_TIMEOUT (5s)"),
            new Row(
                "Settings",
                "token with spaces",
                Map.of("BOT_TOKEN", "two words " + BOT_TOKEN),
                2,
                "BOT_TOKEN must be a bot token without spaces"))
        .map(r -> Arguments.of(Named.of(r.area() + ": " + r.name(), r)));
  }

  static Map<String, String> nullValue(String key) {
    Map<String, String> changes = new HashMap<>();
    changes.put(key, null);
    return changes;
  }

  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void row(Row row) {
    Map<String, String> env = env();
    row.changes()
        .forEach(
            (key, value) -> {
              if (value == null) {
                env.remove(key);
              } else {
                env.put(key, value);
              }
            });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit;
    List<String> logLines;
    try (LogCapture logs = new LogCapture()) {
      exit =
          OneShot.run(
              env,
              List.of("--once"),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(out, true, StandardCharsets.UTF_8));
      logLines = logs.lines();
    }
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(text).isEqualTo(row.exit());
    assertThat(text).contains(row.message());
    assertThat(kube.writes()).as("no write reached the cluster").isEmpty();
    assertThat(text).doesNotContain(BOT_TOKEN);
    assertThat(logLines).noneMatch(line -> line.contains(BOT_TOKEN));
    TABLE.add(
        "| "
            + row.area()
            + " | "
            + row.name()
            + " | "
            + row.exit()
            + " | no | `"
            + row.message().replace("|", "\\|")
            + "` |");
  }
}
