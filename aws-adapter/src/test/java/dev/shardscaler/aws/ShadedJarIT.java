package dev.shardscaler.aws;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable jar, {@code target/aws-adapter-lambda.jar}: what is (not) in it, and the handler
 * run from it as a real process ({@link LocalInvoke}, no test classes on the class path) with the
 * production constructor: process environment, default credential chain (static keys in the
 * environment, as Lambda provides them), EKS token path, against the testkit fakes. Prints the cold
 * start, process start → first result (no timing assertions: speed is reported, not tested).
 */
class ShadedJarIT {
  static final String TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.shaded_jar_secret_token";
  static final long LAMBDA_DIRECT_UPLOAD_LIMIT = 50L * 1024 * 1024;

  DiscordFake discord;
  KubernetesFake kube;
  @TempDir Path home;

  record Run(int exit, String stdout, String stderr, long firstResultMillis) {
    JsonObject result() {
      return JsonParser.parseString(stdout.strip()).getAsJsonObject();
    }
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("lambda.jar", "target/aws-adapter-lambda.jar"));
    assertThat(jar).as("the packaged Lambda jar").exists();
    return jar;
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

  Map<String, String> lambdaEnv() {
    Map<String, String> env = ScalerHandlerIT.env(discord.baseUrl(), kube.url());
    env.put("BOT_TOKEN", TOKEN);
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    env.put("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLE");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
    return env;
  }

  Run run(Map<String, String> env, String event, String... jvmFlags)
      throws IOException, InterruptedException {
    Path eventFile = home.resolve("event.json");
    Files.writeString(eventFile, event);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmFlags));
    command.addAll(List.of("-jar", jar().toString(), eventFile.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("HOME", home.toString());
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().putAll(env);
    Path err = home.resolve("stderr");
    long started = System.nanoTime();
    Process process = builder.redirectError(err.toFile()).start();
    String firstLine;
    StringBuilder stdout = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      firstLine = out.readLine();
      long firstResult = (System.nanoTime() - started) / 1_000_000;
      stdout.append(firstLine == null ? "" : firstLine).append('\n');
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        stdout.append(line).append('\n');
      }
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished in time").isTrue();
      Run run =
          new Run(
              process.exitValue(),
              stdout.toString(),
              Files.readString(err, StandardCharsets.UTF_8),
              firstResult);
      assertThat(run.stdout() + run.stderr()).doesNotContain(TOKEN).doesNotContain("k8s-aws-v1.");
      return run;
    }
  }

  @Test
  void theJarFitsLambdasDirectUploadAndCarriesNoUnusedStacks() throws IOException {
    Path jar = jar();
    long size = Files.size(jar);
    System.out.printf("aws-adapter-lambda.jar: %d bytes (%.1f MB)%n", size, size / 1048576.0);

    assertThat(size).isLessThan(LAMBDA_DIRECT_UPLOAD_LIMIT);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> names = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
      assertThat(names)
          .contains(
              "dev/shardscaler/aws/ScalerHandler.class",
              "dev/shardscaler/core/ScaleFunction.class",
              "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
              "dev/shardscaler/aws/LogSetup.class",
              "META-INF/services/ch.qos.logback.classic.spi.Configurator")
          .noneMatch(name -> name.startsWith("com/google/protobuf/"))
          .noneMatch(name -> name.startsWith("org/bouncycastle/"))
          .noneMatch(name -> name.startsWith("io/netty/"))
          .noneMatch(
              name -> name.startsWith("org/apache/hc/") || name.startsWith("org/apache/http/"))
          .noneMatch(name -> name.startsWith("org/springframework/"))
          .noneMatch(name -> name.startsWith("dev/shardscaler/testkit/"))
          .noneMatch(name -> name.equals("logback-test.xml"))
          .noneMatch(name -> name.equals("logback.xml"));
    }
  }

  @Test
  void theJarRunsAScheduledPassAndReportsItsColdStart() throws Exception {
    discord.respondByDefault(gatewayBot(16, 1000, 1));

    Run run = run(lambdaEnv(), "{\"reason\":\"scheduled\"}");

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.result().get("outcome").getAsString()).isEqualTo("SCALED");
    assertThat(
            kube.getStatefulSet("discord", "bot")
                .getAsJsonObject("spec")
                .get("replicas")
                .getAsInt())
        .isEqualTo(4);
    assertThat(run.stderr() + run.stdout()).contains("INFO").contains("SCALED SCALED_UP");
    // LogSetup's Lambda line (level, empty request id outside Lambda, logger) on stderr, the
    // answer alone on stdout: the logging is configured in code, not logback's default
    assertThat(run.stderr())
        .containsPattern("(?m)^INFO   dev\\.shardscaler\\.core\\.ScaleFunction - pass on ");
    assertThat(run.stdout()).doesNotContain("ScaleFunction");
    System.out.printf(
        "cold start (process start → first result, default JVM flags): %d ms%n",
        run.firstResultMillis());
  }

  @Test
  void theColdStartWithLambdasJvmFlags() throws Exception {
    discord.respondByDefault(gatewayBot(12, 1000, 1));

    // what the Lambda Java runtimes set by default (tiered compilation stopped at C1)
    Run run =
        run(
            lambdaEnv(),
            "{\"reason\":\"scheduled\"}",
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1");

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.result().get("outcome").getAsString()).isEqualTo("UNCHANGED");
    System.out.printf(
        "cold start (process start → first result, -XX:TieredStopAtLevel=1): %d ms%n",
        run.firstResultMillis());
  }

  @Test
  void aFailedPassExitsNonZeroWithTheSummary() throws Exception {
    discord.respondByDefault(DiscordFake.unauthorized());

    Run run = run(lambdaEnv(), "{}");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.stderr())
        .contains("dev.shardscaler.aws.PassFailedException: FAILED DISCORD_UNAUTHORIZED");
    assertThat(kube.writes()).isEmpty();
  }

  @Test
  void aFunctionUrlCallFromTheJarIsAnswered() throws Exception {
    Run run =
        run(
            lambdaEnv(),
            new String(TestEvents.bytes("function-url-get.json"), StandardCharsets.UTF_8));

    assertThat(run.exit()).isZero();
    assertThat(run.result().get("statusCode").getAsInt()).isEqualTo(405);
  }
}
