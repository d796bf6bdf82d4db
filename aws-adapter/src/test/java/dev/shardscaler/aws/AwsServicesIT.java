package dev.shardscaler.aws;

import static dev.shardscaler.testkit.DiscordFake.gatewayBot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.shardscaler.core.config.EnvReader;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import dev.shardscaler.testkit.LogCapture;
import dev.shardscaler.testkit.TestClock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager and EKS DescribeCluster for real over HTTP: LocalStack where Docker runs,
 * moto_server on loopback otherwise (see {@link AwsBackend}); the same assertions either way.
 */
class AwsServicesIT {
  static final StaticCredentialsProvider TEST_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  static AwsBackend secretsBackend;
  static AwsBackend eksBackend;
  static SecretsManagerClient secrets;
  static EksClient eks;

  @BeforeAll
  static void startBackends() {
    secretsBackend = AwsBackend.forSecretsManager();
    eksBackend = secretsBackend.name().startsWith("moto") ? secretsBackend : AwsBackend.forEks();
    System.out.println(
        "AWS backends: Secrets Manager on "
            + secretsBackend.name()
            + ", EKS on "
            + eksBackend.name());
    secrets = clients(secretsBackend).secretsManager();
    eks = clients(eksBackend).eks();
  }

  @AfterAll
  static void stopBackends() {
    secrets.close();
    eks.close();
    if (eksBackend != secretsBackend) {
      eksBackend.close();
    }
    secretsBackend.close();
  }

  static AwsClients clients(AwsBackend backend) {
    return new AwsClients("us-east-1", TEST_CREDENTIALS, backend.endpoint());
  }

  static String createSecret(String value) {
    return secrets
        .createSecret(
            request -> request.name("discord-bot-token-" + UUID.randomUUID()).secretString(value))
        .arn();
  }

  static SecretsManagerBotToken botToken(String secretId) {
    return new SecretsManagerBotToken(secretId, clients(secretsBackend)::secretsManager);
  }

  // ---- Secrets Manager ----------------------------------------------------------------------

  @Test
  void aSecretHoldingTheRawTokenGivesIt() {
    String arn = createSecret("MTA5.raw.secret-token\n");

    assertThat(botToken(arn).token()).isEqualTo("MTA5.raw.secret-token");
  }

  @Test
  void aJsonSecretGivesItsTokenField() {
    String arn = createSecret("{\"token\": \"MTA5.json.secret-token\", \"owner\": \"ops\"}");

    assertThat(botToken(arn).token()).isEqualTo("MTA5.json.secret-token");
  }

  @Test
  void aJsonSecretWithoutTokenIsRefusedWithoutShowingIt() {
    String arn = createSecret("{\"BOT_TOKEN\": \"MTA5.misnamed.secret-token\"}");

    assertThatThrownBy(() -> botToken(arn).token())
        .isInstanceOf(AwsSetupException.class)
        .hasMessageContaining("BOT_TOKEN_SECRET_ID")
        .hasMessageContaining(arn)
        .hasMessageContaining("without a string field \"token\"")
        .hasMessageNotContaining("MTA5.misnamed.secret-token");
  }

  @Test
  void aMissingSecretIsNamed() {
    String id = "arn:aws:secretsmanager:us-east-1:000000000000:secret:absent-" + UUID.randomUUID();

    assertThatThrownBy(() -> botToken(id).token())
        .isInstanceOf(AwsSetupException.class)
        .hasMessageContaining("BOT_TOKEN_SECRET_ID")
        .hasMessageContaining(id);
  }

  @Test
  void theTokenIsReadOnceUntilInvalidated() {
    String arn = createSecret("MTA5.first.secret-token");
    SecretsManagerBotToken source = botToken(arn);
    assertThat(source.token()).isEqualTo("MTA5.first.secret-token");

    secrets.putSecretValue(request -> request.secretId(arn).secretString("MTA5.rotated.token"));

    assertThat(source.token())
        .as("cached across warm invocations")
        .isEqualTo("MTA5.first.secret-token");
    source.invalidate();
    assertThat(source.token()).isEqualTo("MTA5.rotated.token");
  }

  @Test
  void theHandlerTakesTheBotTokenFromSecretsManagerAndRereadsItAfterA401() {
    String first = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.from_secrets_manager";
    String rotated = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.rotated_in_secrets_manager";
    String arn = createSecret("{\"token\":\"" + first + "\"}");
    try (DiscordFake discord = new DiscordFake();
        KubernetesFake kube = new KubernetesFake();
        LogCapture logs = new LogCapture()) {
      kube.createStatefulSet(BotStatefulSet.seedExample().toJson());
      Map<String, String> env = ScalerHandlerIT.env(discord.baseUrl(), kube.url());
      env.remove("BOT_TOKEN");
      env.put("BOT_TOKEN_SECRET_ID", arn);
      env.put("AWS_ENDPOINT_URL", secretsBackend.endpoint().toString());
      ScalerHandler handler =
          new ScalerHandler(env, TEST_CREDENTIALS, new TestClock(ScalerHandlerIT.NOW));
      discord.enqueue(DiscordFake.unauthorized());
      discord.respondByDefault(gatewayBot(16, 1000, 1));

      Invoked refused = Invoked.run(handler, TestEvents.bytes("scheduler-input.json"));
      secrets.putSecretValue(
          request -> request.secretId(arn).secretString("{\"token\":\"" + rotated + "\"}"));
      Invoked scaled = Invoked.run(handler, TestEvents.bytes("scheduler-input.json"));

      assertThat(refused.error()).isInstanceOf(PassFailedException.class);
      JsonObject result = scaled.json();
      assertThat(result.get("outcome").getAsString()).isEqualTo("SCALED");
      assertThat(
              kube.getStatefulSet("discord", "bot")
                  .getAsJsonObject("spec")
                  .get("replicas")
                  .getAsInt())
          .isEqualTo(4);
      assertThat(discord.requests())
          .extracting(request -> request.header("Authorization"))
          .containsExactly("Bot " + first, "Bot " + rotated);
      for (String token : List.of(first, rotated)) {
        assertThat(logs.lines()).noneMatch(line -> line.contains(token));
        assertThat(refused.visible() + scaled.visible()).doesNotContain(token);
      }
    }
  }

  // ---- EKS DescribeCluster ------------------------------------------------------------------

  static Cluster createCluster(String name) {
    return eks.createCluster(
            request ->
                request
                    .name(name)
                    .roleArn("arn:aws:iam::123456789012:role/eks-cluster")
                    .resourcesVpcConfig(vpc -> vpc.subnetIds("subnet-0123456789abcdef0")))
        .cluster();
  }

  static AwsSettings settings(Map<String, String> env) {
    EnvReader in = new EnvReader(env);
    AwsSettings settings = AwsSettings.read(in);
    in.throwIfInvalid();
    return settings;
  }

  static EksClusterLocator locator(Map<String, String> env) {
    return new EksClusterLocator(settings(env), clients(eksBackend)::eks);
  }

  static Map<String, String> eksEnv(String cluster) {
    return new java.util.HashMap<>(
        Map.of("AWS_REGION", "us-east-1", "EKS_CLUSTER_NAME", cluster, "BOT_TOKEN", "x"));
  }

  @Test
  void describeClusterGivesTheEndpointAndTheCertificateAuthority() {
    String name = "bots-" + UUID.randomUUID().toString().substring(0, 8);
    Cluster created = createCluster(name);

    EksCluster located = locator(eksEnv(name)).locate();

    String endpoint = created.endpoint().replaceAll("/$", "");
    assertThat(located.name()).isEqualTo(name);
    assertThat(located.endpoint()).isEqualTo(endpoint).startsWith("https://").doesNotEndWith("/");
    assertThat(located.certificateAuthority()).isEqualTo(created.certificateAuthority().data());
  }

  @Test
  void theClusterIsDescribedOncePerInstance() {
    String name = "bots-" + UUID.randomUUID().toString().substring(0, 8);
    createCluster(name);
    EksClusterLocator locator = locator(eksEnv(name));
    EksCluster first = locator.locate();

    eks.deleteCluster(request -> request.name(name));

    assertThat(locator.locate()).isSameAs(first);
    assertThatThrownBy(() -> locator(eksEnv(name)).locate())
        .as("a new instance asks again")
        .isInstanceOf(AwsSetupException.class);
  }

  @Test
  void anEndpointFromTheEnvironmentWinsAndTheCaComesFromDescribeCluster() {
    String name = "bots-" + UUID.randomUUID().toString().substring(0, 8);
    Cluster created = createCluster(name);
    Map<String, String> env = eksEnv(name);
    env.put("EKS_CLUSTER_ENDPOINT", "https://private.example.eks.amazonaws.com/");

    EksCluster located = locator(env).locate();

    assertThat(located.endpoint()).isEqualTo("https://private.example.eks.amazonaws.com");
    assertThat(located.certificateAuthority()).isEqualTo(created.certificateAuthority().data());
  }

  @Test
  void anUnknownClusterIsNamed() {
    assertThatThrownBy(() -> locator(eksEnv("no-such-cluster")).locate())
        .isInstanceOf(AwsSetupException.class)
        .hasMessage("EKS_CLUSTER_NAME: no EKS cluster \"no-such-cluster\" in us-east-1");
  }

  @Test
  void aCertificateAuthorityThatIsNoPemIsRefusedBeforeTheClientIsBuilt() {
    String name = "bots-" + UUID.randomUUID().toString().substring(0, 8);
    Cluster created = createCluster(name);
    EksCluster located = locator(eksEnv(name)).locate();

    assertThat(AwsSettings.decodeCertificateAuthority(created.certificateAuthority().data()))
        .as("moto's CA is random text")
        .isNull();
    assertThatThrownBy(located::certificateAuthorityPem)
        .isInstanceOf(AwsSetupException.class)
        .hasMessageContaining("is not a base64 PEM certificate");
  }
}
