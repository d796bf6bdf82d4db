package dev.shardscaler.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the two SDK clients the function may need, each on the JDK's HttpURLConnection (the
 * url-connection-client: no Apache or Netty in the jar), with timeouts well inside the Lambda's.
 * Clients are built on first use only.
 */
final class AwsClients {
  static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(20);

  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final URI endpointOverride;
  private SdkHttpClient http;

  AwsClients(String region, AwsCredentialsProvider credentials, URI endpointOverride) {
    this.region = Region.of(region);
    this.credentials = credentials;
    this.endpointOverride = endpointOverride;
  }

  SecretsManagerClient secretsManager() {
    return configured(SecretsManagerClient.builder());
  }

  EksClient eks() {
    return configured(EksClient.builder());
  }

  /** Region, credentials, the url-connection HTTP client, overrides and the test endpoint. */
  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configured(
      B builder) {
    builder
        .region(region)
        .credentialsProvider(credentials)
        .httpClient(http())
        .overrideConfiguration(overrides());
    if (endpointOverride != null) {
      builder.endpointOverride(endpointOverride);
    }
    return builder.build();
  }

  private synchronized SdkHttpClient http() {
    if (http == null) {
      http =
          UrlConnectionHttpClient.builder()
              .connectionTimeout(Duration.ofSeconds(5))
              .socketTimeout(Duration.ofSeconds(10))
              .build();
    }
    return http;
  }

  private static ClientOverrideConfiguration overrides() {
    return ClientOverrideConfiguration.builder().apiCallTimeout(API_CALL_TIMEOUT).build();
  }
}
