package dev.shardscaler.aws;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.ConnectionCounter;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import dev.shardscaler.testkit.LogCapture;
import dev.shardscaler.testkit.TestClock;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The SnapStart hooks of the real handler, called as the Lambda runtime calls them around a
 * snapshot (this JVM has no CRaC, so the test calls them itself): priming reads no secret from the
 * environment, resolves no credentials, resolves no host name and connects to nothing; a restored
 * handler runs its pass; a restore drops the EKS token a warm instance had signed.
 */
class SnapStartPrimingIT {
  static final Set<String> SECRETS =
      Set.of(
          "BOT_TOKEN",
          "BOT_TOKEN_SECRET_ID",
          "SCALER_HTTP_TOKEN",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN");

  final TestClock clock = new TestClock(ScalerHandlerIT.NOW);
  final DiscordFake discord = new DiscordFake();
  final KubernetesFake kube = new KubernetesFake();
  final List<ConnectionCounter> listeners = new java.util.ArrayList<>();
  LogCapture logs;

  @BeforeEach
  void start() {
    logs = new LogCapture();
    kube.reseed(BotStatefulSet.seedExample());
    discord.respondByDefault(gatewayBot(12, 1000, 1));
  }

  @AfterEach
  void close() {
    listeners.forEach(ConnectionCounter::close);
    kube.close();
    discord.close();
    assertThat(logs.lines())
        .noneMatch(line -> line.contains(ScalerHandlerIT.BOT_TOKEN))
        .noneMatch(line -> line.contains("secret-id-of-the-bot-token"))
        .noneMatch(line -> line.contains("k8s-aws-v1."));
    logs.close();
  }

  ConnectionCounter listener() {
    ConnectionCounter listener = new ConnectionCounter();
    listeners.add(listener);
    return listener;
  }

  /**
   * The environment, recording every key read once {@link #arm() armed}; walking it then fails
   * (that would read every value, secrets included).
   */
  static final class RecordingEnv extends AbstractMap<String, String> {
    final Map<String, String> values;
    final List<String> reads = new CopyOnWriteArrayList<>();
    volatile boolean armed;

    RecordingEnv(Map<String, String> values) {
      this.values = Map.copyOf(values);
    }

    void arm() {
      armed = true;
    }

    @Override
    public String get(Object key) {
      if (armed) {
        reads.add(String.valueOf(key));
      }
      return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      if (armed) {
        reads.add(String.valueOf(key));
      }
      return values.containsKey(key);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      if (armed) {
        throw new IllegalStateException("the environment was walked, secrets included");
      }
      return values.entrySet();
    }
  }

  /** Credentials that count how often they were resolved (signing resolves them). */
  static final class CountingCredentials implements AwsCredentialsProvider {
    final AtomicInteger resolved = new AtomicInteger();

    @Override
    public AwsCredentials resolveCredentials() {
      resolved.incrementAndGet();
      return ScalerHandlerIT.CREDENTIALS.resolveCredentials();
    }
  }

  /**
   * Everything infra/aws sets, secrets included, every endpoint a listener that counts connections;
   * the cluster at a host name that must never be looked up, or at one of the listeners.
   */
  @ParameterizedTest(name = "cluster endpoint {0}")
  @ValueSource(strings = {"https://snapstart-priming.invalid", "a listener"})
  void primingReadsNoSecretResolvesNoCredentialsAndConnectsNowhere(String endpoint)
      throws Exception {
    ConnectionCounter cluster = listener();
    ConnectionCounter aws = listener();
    ConnectionCounter discordApi = listener();
    Map<String, String> values = new HashMap<>();
    values.put("AWS_REGION", "eu-west-1");
    values.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
    values.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    values.put("AWS_SESSION_TOKEN", "session-token-of-the-function");
    values.put("AWS_ENDPOINT_URL", aws.url());
    values.put("EKS_CLUSTER_NAME", "bots");
    values.put("EKS_CLUSTER_ENDPOINT", endpoint.startsWith("https") ? endpoint : cluster.url());
    if (endpoint.startsWith("https")) {
      // as EKS gives it (base64 of the PEM): priming sets up TLS with it, as the first pass does
      values.put(
          "EKS_CLUSTER_CA",
          java.util.Base64.getEncoder()
              .encodeToString(
                  SnapStartPrimingIT.class.getResourceAsStream("/cluster-ca.pem").readAllBytes()));
    }
    values.put("BOT_TOKEN_SECRET_ID", "secret-id-of-the-bot-token");
    values.put("SCALER_HTTP_TOKEN", ScalerHandlerIT.HTTP_TOKEN);
    values.put("K8S_NAMESPACE", "discord");
    values.put("K8S_STATEFULSET", "bot");
    values.put("K8S_CONTAINER", "bot");
    values.put("DISCORD_API_BASE_URL", discordApi.url() + "/api/v10");
    RecordingEnv env = new RecordingEnv(values);
    CountingCredentials credentials = new CountingCredentials();
    new ScalerHandler(env, credentials, clock);
    SnapStartPriming priming = SnapStartPriming.registeredWith(env);
    RecordingResolver.LOOKUPS.clear();
    env.arm();

    priming.beforeCheckpoint(null);

    assertThat(priming.primed())
        .as("priming ran its passes")
        .extracting(ScaleResult::outcome)
        .containsExactly(Outcome.UNCHANGED, Outcome.DRY_RUN);
    assertThat(env.reads).isNotEmpty().allMatch(SnapStartPriming.READS::contains);
    assertThat(env.reads).doesNotContainAnyElementsOf(SECRETS);
    assertThat(credentials.resolved).as("AWS credentials resolved").hasValue(0);
    assertThat(List.of(cluster, aws, discordApi))
        .allSatisfy(listener -> assertThat(listener.connections()).isZero());
    assertThat(RecordingResolver.LOOKUPS).doesNotContain("snapstart-priming.invalid");
    // …and the resolver does see lookups (a fresh name: the JVM caches failed ones)
    String probe = "resolver-probe-" + System.nanoTime() + ".invalid";
    try {
      InetAddress.getAllByName(probe);
    } catch (java.net.UnknownHostException expected) {
      // .invalid never resolves
    }
    assertThat(RecordingResolver.LOOKUPS).contains(probe);
  }

  @Test
  void aRestoredHandlerRunsItsPassAndPrimingSentNothing() throws Exception {
    Map<String, String> env = ScalerHandlerIT.env(discord.baseUrl(), kube.url());
    ScalerHandler handler = new ScalerHandler(env, ScalerHandlerIT.CREDENTIALS, clock);
    SnapStartPriming priming = SnapStartPriming.registeredWith(env);

    priming.beforeCheckpoint(null);
    assertThat(priming.primed()).hasSize(2);
    assertThat(discord.requests()).isEmpty();
    assertThat(kube.requests()).isEmpty();
    priming.afterRestore(null);
    Invoked invoked = Invoked.run(handler, "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(invoked.json().get("outcome").getAsString()).isEqualTo("UNCHANGED");
    assertThat(discord.requests()).hasSize(1);
    assertThat(kube.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.method()).isEqualTo("GET"));
    assertThat(logs.lines()).anyMatch(line -> line.contains("SnapStart: primed"));
  }

  @Test
  void aRestoreDropsTheEksTokenAWarmInstanceSigned() throws Exception {
    Map<String, String> env = ScalerHandlerIT.env(discord.baseUrl(), kube.url());
    CountingCredentials credentials = new CountingCredentials();
    ScalerHandler handler = new ScalerHandler(env, credentials, clock);
    SnapStartPriming priming = SnapStartPriming.registeredWith(env);
    byte[] event = "{}".getBytes(StandardCharsets.UTF_8);

    Invoked.run(handler, event).json();
    int signedOnce = credentials.resolved.get();
    clock.advance(Duration.ofMinutes(1));
    Invoked.run(handler, event).json();
    assertThat(credentials.resolved).as("a warm instance reuses its token").hasValue(signedOnce);

    priming.afterRestore(null);
    clock.advance(Duration.ofMinutes(1));
    Invoked.run(handler, event).json();

    assertThat(credentials.resolved.get())
        .as("signed anew after the restore")
        .isGreaterThan(signedOnce);
  }
}
