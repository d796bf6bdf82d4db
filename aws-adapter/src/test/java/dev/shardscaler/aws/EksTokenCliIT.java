package dev.shardscaler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import dev.shardscaler.testkit.TestClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Our token against {@code aws eks get-token}, the reference implementation, at the same frozen
 * time with the same fixed credentials: the query parameters and the signature must be equal. The
 * CLI's clock is frozen with libfaketime when it is installed, and by a Python wrapper that freezes
 * botocore's clock ({@code tools/frozen_aws.py}) wherever the CLI is awscli v1: each available way
 * is compared, at least one must be.
 */
class EksTokenCliIT {
  static final Instant AT = Instant.parse("2026-11-28T12:34:56Z");
  static String aws;
  @TempDir Path tmp;

  @BeforeAll
  static void findTheCli() {
    aws = onPath("aws");
    assumeTrue(
        aws != null,
        "aws CLI not installed: cannot compare the EKS token with `aws eks get-token`");
  }

  static String onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  /** How the CLI's clock is frozen at {@link #AT}: a command prefix. */
  enum Freezer {
    LIBFAKETIME,
    BOTOCORE_WRAPPER
  }

  /** Every freezer this machine has; at least one, or the comparison cannot be made. */
  static List<Freezer> freezers() throws IOException, InterruptedException {
    List<Freezer> freezers = new ArrayList<>();
    if (onPath("faketime") != null) {
      freezers.add(Freezer.LIBFAKETIME);
    }
    Process probe =
        new ProcessBuilder("python3", "-c", "import awscli.customizations.eks.get_token")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
      freezers.add(Freezer.BOTOCORE_WRAPPER);
    }
    assertThat(freezers)
        .as(
            "a way to freeze the aws CLI's clock: faketime (apt-get install faketime) or the"
                + " awscli v1 Python package for tools/frozen_aws.py")
        .isNotEmpty();
    return freezers;
  }

  String cliToken(Freezer freezer, AwsCredentials credentials, String cluster, String region)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (freezer == Freezer.LIBFAKETIME) {
      command.addAll(
          List.of(onPath("faketime"), "-f", AT.toString().replace('T', ' ').replace("Z", ""), aws));
    } else {
      Path wrapper = tmp.resolve("frozen_aws.py");
      try (InputStream in = getClass().getResourceAsStream("/tools/frozen_aws.py")) {
        Files.write(wrapper, in.readAllBytes());
      }
      command.addAll(List.of("python3", wrapper.toString(), String.valueOf(AT.getEpochSecond())));
    }
    command.addAll(
        List.of(
            "eks", "get-token", "--cluster-name", cluster, "--region", region, "--output", "json"));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("AWS_"));
    env.put("HOME", tmp.toString());
    env.put("AWS_CONFIG_FILE", tmp.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("no-credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
    if (credentials instanceof AwsSessionCredentials session) {
      env.put("AWS_SESSION_TOKEN", session.sessionToken());
    }
    Path out = tmp.resolve("out.json");
    Path err = tmp.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws eks get-token finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(err, StandardCharsets.UTF_8)).isZero();
    return JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8))
        .getAsJsonObject()
        .getAsJsonObject("status")
        .get("token")
        .getAsString();
  }

  static String ours(AwsCredentials credentials, String cluster, String region) {
    return new EksTokenSource(
            cluster, region, StaticCredentialsProvider.create(credentials), new TestClock(AT))
        .get();
  }

  void assertSameToken(AwsCredentials credentials, String cluster, String region) throws Exception {
    URI ourUrl = EksTokenSourceTest.decode(ours(credentials, cluster, region));
    for (Freezer freezer : freezers()) {
      URI cliUrl = EksTokenSourceTest.decode(cliToken(freezer, credentials, cluster, region));
      System.out.printf(
          "EKS token vs aws eks get-token (%s, clock frozen by %s): CLI signature %s, ours %s%n",
          cluster,
          freezer,
          EksTokenSourceTest.query(cliUrl).get("X-Amz-Signature"),
          EksTokenSourceTest.query(ourUrl).get("X-Amz-Signature"));

      assertThat(EksTokenSourceTest.query(cliUrl).get("X-Amz-Date"))
          .as("the CLI ran at the frozen time (" + freezer + ")")
          .isEqualTo("20261128T123456Z");
      assertThat(ourUrl.getHost()).isEqualTo(cliUrl.getHost());
      assertThat(ourUrl.getRawPath()).isEqualTo(cliUrl.getRawPath());
      // The same parameters and signature; only their order in the URL differs (botocore sorts
      // them, the SDK does not), which neither the signature nor EKS depends on.
      assertThat(EksTokenSourceTest.query(ourUrl))
          .containsExactlyInAnyOrderEntriesOf(EksTokenSourceTest.query(cliUrl));
      assertThat(EksTokenSourceTest.query(ourUrl).get("X-Amz-Signature"))
          .isEqualTo(EksTokenSourceTest.query(cliUrl).get("X-Amz-Signature"));
    }
  }

  @Test
  void staticCredentialsGiveTheCliSignature() throws Exception {
    assertSameToken(EksTokenSourceTest.STATIC, "bots", "us-east-1");
  }

  @Test
  void sessionCredentialsGiveTheCliSignature() throws Exception {
    AwsSessionCredentials session =
        AwsSessionCredentials.create(
            "ASIAEXAMPLEKEY12345",
            "session/secret+key/EXAMPLE",
            "IQoJb3JpZ2luX2VjEHYaCXVzLWVhc3QtMSJHMEUCIQ+/example==");

    assertSameToken(session, "prod-cluster_2", "eu-central-1");
  }
}
