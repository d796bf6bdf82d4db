package dev.shardscaler.knative;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run as a real process, as the CronJob runs it: the seed's environment, one pass,
 * the result on stdout, the outcome in the exit status.
 */
class OneShotIT {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.one_shot_secret_token";

  DiscordFake discord;
  KubernetesFake kube;
  @TempDir Path home;

  record Run(int exit, String stdout, String stderr) {
    JsonObject result() {
      return JsonParser.parseString(stdout.strip()).getAsJsonObject();
    }
  }

  @BeforeEach
  void start() {
    discord = new DiscordFake();
    kube = new KubernetesFake();
    kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
  }

  @AfterEach
  void stop() {
    kube.close();
    discord.close();
  }

  /** The seed's cronjob.yml environment, plus where the fakes are. */
  Map<String, String> seedEnv() {
    return Map.of(
        "BOT_TOKEN", TOKEN,
        "K8S_NAMESPACE", "discord",
        "K8S_STATEFULSET", "bot",
        "K8S_CONTAINER", "bot",
        "K8S_SHARDS_PER_BOT", "4",
        "K8S_SCALEUP", "1",
        "K8S_SCALEDOWN", "0",
        "K8S_API_URL", kube.url(),
        "DISCORD_API_BASE_URL", discord.baseUrl());
  }

  Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    String jar = System.getProperty("shardscaler.jar");
    assertThat(Path.of(jar)).as("the packaged jar").exists();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("HOME", home.toString());
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().putAll(env);
    Path out = home.resolve("stdout");
    Path err = home.resolve("stderr");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished in time").isTrue();
    Run run =
        new Run(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    assertThat(run.stdout() + run.stderr()).doesNotContain(TOKEN);
    return run;
  }

  @Test
  void theSeedsCronJobEnvironmentScalesAndExitsZero() throws Exception {
    discord.respondByDefault(gatewayBot(16, 1000, 1));

    Run run = run(seedEnv());

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.result().get("outcome").getAsString()).isEqualTo("SCALED");
    assertThat(
            kube.getStatefulSet("discord", "bot")
                .getAsJsonObject("spec")
                .get("replicas")
                .getAsInt())
        .isEqualTo(4);
    assertThat(run.stderr()).contains("\"log.level\":\"INFO\"").contains("SCALED SCALED_UP");
  }

  @Test
  void aBlockedPassIsASuccess() throws Exception {
    discord.respondByDefault(gatewayBot(8, 1000, 1));

    Run run = run(seedEnv(), "--once");

    assertThat(run.exit()).isZero();
    assertThat(run.result().get("outcome").getAsString()).isEqualTo("BLOCKED");
    assertThat(kube.writes()).isEmpty();
  }

  @Test
  void aFailedPassExitsOne() throws Exception {
    discord.respondByDefault(DiscordFake.unauthorized());

    Run run = run(seedEnv(), "--once");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.result().get("reason").getAsString()).isEqualTo("DISCORD_UNAUTHORIZED");
    assertThat(kube.writes()).isEmpty();
  }

  @Test
  void dryRunFromALaptopWritesNothing() throws Exception {
    discord.respondByDefault(gatewayBot(16, 1000, 1));

    Run run = run(seedEnv(), "--once", "--dry-run");

    assertThat(run.exit()).isZero();
    assertThat(run.result().get("outcome").getAsString()).isEqualTo("DRY_RUN");
    assertThat(kube.writes()).isEmpty();
  }

  @Test
  void aKubeconfigIsUsedWhenNoApiUrlIsGiven() throws Exception {
    discord.respondByDefault(gatewayBot(12, 1000, 1));
    Path kubeconfig = home.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster:
            server: %s
        users:
        - name: me
          user:
            token: kube-user-token
        contexts:
        - name: fake
          context: {cluster: fake, user: me}
        current-context: fake
        """
            .formatted(kube.url()));
    Map<String, String> env = new java.util.HashMap<>(seedEnv());
    env.remove("K8S_API_URL");
    env.put("KUBECONFIG", kubeconfig.toString());

    Run run = run(env, "--once");

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.result().get("outcome").getAsString()).isEqualTo("UNCHANGED");
    assertThat(kube.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.method()).isEqualTo("GET"));
  }

  @Test
  void badConfigurationExitsTwoNamingEveryKey() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(seedEnv());
    env.put("K8S_SHARDS_PER_BOT", "zero");
    env.remove("K8S_STATEFULSET");

    Run run = run(env, "--once");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.stderr())
        .contains("K8S_SHARDS_PER_BOT must be an integer from 1 to 100000, got \"zero\"")
        .contains("missing required parameter \"K8S_STATEFULSET\"");
    assertThat(kube.requests()).isEmpty();
    assertThat(discord.requests()).isEmpty();
  }

  @Test
  void anUnknownFlagExitsTwoWithUsage() throws Exception {
    Run run = run(seedEnv(), "--shardz", "3");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.stderr()).contains("unknown argument \"--shardz\"").contains("usage:");
    assertThat(kube.requests()).isEmpty();
  }

  @Test
  void theReasonIsLoggedAsOneSafeLine() throws Exception {
    discord.respondByDefault(gatewayBot(16, 1000, 1));

    Run run = run(seedEnv(), "--once", "--dry-run", "--reason", "launch day, ops ticket 42");

    assertThat(run.exit()).isZero();
    assertThat(run.result().get("requestReason").getAsString())
        .isEqualTo("launch day, ops ticket 42");
    assertThat(run.stderr().lines())
        .anyMatch(
            line ->
                line.contains("trigger one-shot reason=\\\"launch day, ops ticket 42\\\"")
                    && line.contains("\"log.level\":\"INFO\""));
  }

  @Test
  void aReasonWithControlCharactersExitsTwo() throws Exception {
    Run run = run(seedEnv(), "--once", "--reason", "tick\u001b[31m forged");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.stderr())
        .contains("--reason must be plain text without control characters: U+001B at character 5")
        .doesNotContain("\u001b");
    assertThat(kube.requests()).isEmpty();
    assertThat(discord.requests()).isEmpty();
  }
}
