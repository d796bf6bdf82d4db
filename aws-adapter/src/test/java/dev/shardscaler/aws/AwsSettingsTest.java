package dev.shardscaler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.config.EnvReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lambda's own keys: cluster, bot token source, region; every problem at once. */
class AwsSettingsTest {
  static final String PEM = pem();

  static String pem() {
    try (InputStream in = AwsSettingsTest.class.getResourceAsStream("/cluster-ca.pem")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** As infra/aws sets it: the CA base64-encoded as EKS returns it. */
  static Map<String, String> infraEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "eu-central-1");
    env.put("EKS_CLUSTER_NAME", "prod");
    env.put("EKS_CLUSTER_ENDPOINT", "https://0123456789ABCDEF.gr7.eu-central-1.eks.amazonaws.com");
    env.put(
        "EKS_CLUSTER_CA",
        Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII)));
    env.put(
        "BOT_TOKEN_SECRET_ID",
        "arn:aws:secretsmanager:eu-central-1:123456789012:secret:discord-bot-token-AbCdEf");
    return env;
  }

  static AwsSettings read(Map<String, String> env) {
    EnvReader in = new EnvReader(env);
    AwsSettings settings = AwsSettings.read(in);
    in.throwIfInvalid();
    return settings;
  }

  @Test
  void whatInfraAwsSetsIsEnoughAndNeedsNoDescribeCluster() {
    AwsSettings settings = read(infraEnv());

    assertThat(settings.region()).isEqualTo("eu-central-1");
    assertThat(settings.clusterName()).isEqualTo("prod");
    assertThat(settings.botTokenSecretId()).endsWith(":secret:discord-bot-token-AbCdEf");
    assertThat(settings.needsDescribeCluster()).isFalse();
    assertThat(AwsSettings.decodeCertificateAuthority(settings.clusterCa()))
        .asString(StandardCharsets.US_ASCII)
        .isEqualTo(PEM);
    assertThat(settings.endpointOverride()).isNull();
  }

  @Test
  void theClusterNameAloneMeansDescribeCluster() {
    Map<String, String> env = infraEnv();
    env.remove("EKS_CLUSTER_ENDPOINT");
    env.remove("EKS_CLUSTER_CA");

    assertThat(read(env).needsDescribeCluster()).isTrue();
  }

  @Test
  void anHttpsEndpointWithoutCaAsksDescribeClusterForTheCa() {
    Map<String, String> env = infraEnv();
    env.remove("EKS_CLUSTER_CA");

    assertThat(read(env).needsDescribeCluster()).isTrue();
  }

  @Test
  void aLoopbackHttpEndpointNeedsNoCa() {
    Map<String, String> env = infraEnv();
    env.remove("EKS_CLUSTER_CA");
    env.put("EKS_CLUSTER_ENDPOINT", "http://127.0.0.1:8001/");

    AwsSettings settings = read(env);

    assertThat(settings.needsDescribeCluster()).isFalse();
    assertThat(settings.clusterEndpoint()).isEqualTo("http://127.0.0.1:8001");
  }

  @Test
  void aPemGivenAsIsIsAccepted() {
    Map<String, String> env = infraEnv();
    env.put("EKS_CLUSTER_CA", PEM);

    assertThat(AwsSettings.decodeCertificateAuthority(read(env).clusterCa()))
        .asString(StandardCharsets.US_ASCII)
        .isEqualTo(PEM.strip());
  }

  @Test
  void theDefaultRegionAndAnEndpointOverrideAreRead() {
    Map<String, String> env = infraEnv();
    env.remove("AWS_REGION");
    env.put("AWS_DEFAULT_REGION", "us-west-2");
    env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");

    AwsSettings settings = read(env);

    assertThat(settings.region()).isEqualTo("us-west-2");
    assertThat(settings.endpointOverride()).isEqualTo(URI.create("http://127.0.0.1:4566"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Map<String, String> env = new HashMap<>();
    env.put("EKS_CLUSTER_ENDPOINT", "ftp://cluster");
    env.put("EKS_CLUSTER_CA", "bm90IGEgY2VydGlmaWNhdGUgYXQgYWxs");
    env.put("AWS_ENDPOINT_URL", "localhost:4566");

    assertThatThrownBy(() -> read(env))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactly(
                        "missing required parameter \"AWS_REGION\" (Lambda sets it; set it when"
                            + " running elsewhere)",
                        "missing required parameter \"EKS_CLUSTER_NAME\"",
                        "EKS_CLUSTER_ENDPOINT must be an https URL (plain http only to a loopback"
                            + " address), got \"ftp://cluster\"",
                        "EKS_CLUSTER_CA must be the cluster CA as EKS gives it (base64 of a PEM"
                            + " certificate, certificateAuthority.data), got"
                            + " \"bm90IGEgY2VydGlmaWNhdGUg…\"",
                        "missing required parameter \"BOT_TOKEN_SECRET_ID\" (the Secrets Manager"
                            + " secret holding the bot token; or BOT_TOKEN)",
                        "AWS_ENDPOINT_URL must be an http(s) URL, got \"localhost:4566\""));
  }

  @Test
  void endpointAndCaFromTheEnvironmentMeanNoAwsCall() {
    EksClusterLocator locator =
        new EksClusterLocator(
            read(infraEnv()),
            () -> {
              throw new AssertionError("DescribeCluster must not be called");
            });

    EksCluster cluster = locator.locate();

    assertThat(cluster.endpoint())
        .isEqualTo("https://0123456789ABCDEF.gr7.eu-central-1.eks.amazonaws.com");
    assertThat(cluster.certificateAuthorityPem())
        .asString(StandardCharsets.US_ASCII)
        .isEqualTo(PEM);
  }
}
