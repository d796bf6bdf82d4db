package dev.shardscaler.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The bearer token EKS accepts for an IAM identity: {@code k8s-aws-v1.} + base64url (no padding) of
 * a presigned STS {@code GetCallerIdentity} URL whose signed headers include {@code x-k8s-aws-id:
 * <cluster>}. Presigning is local HMAC, no network call.
 *
 * <p>EKS honours a token for 15 minutes from its {@code X-Amz-Date}; this source signs a new one
 * after {@link #REFRESH_AFTER}, so a token in use always has minutes left. Nothing is signed or
 * resolved before the first {@link #get()}: under SnapStart the credentials of the snapshot would
 * be stale after restore.
 */
final class EksTokenSource implements Supplier<String> {
  static final String PREFIX = "k8s-aws-v1.";
  static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";
  static final Duration EXPIRES = Duration.ofSeconds(60);
  static final Duration REFRESH_AFTER = Duration.ofMinutes(10);

  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private final String clusterName;
  private final String region;
  private final AwsCredentialsProvider credentials;
  private final Clock clock;
  private String token;
  private Instant signedAt;

  EksTokenSource(
      String clusterName, String region, AwsCredentialsProvider credentials, Clock clock) {
    this.clusterName = clusterName;
    this.region = region;
    this.credentials = credentials;
    this.clock = clock;
  }

  /**
   * The cached token, signed anew when it is {@link #REFRESH_AFTER} old (or the clock went back).
   */
  @Override
  public synchronized String get() {
    Instant now = clock.instant();
    if (token == null || now.isBefore(signedAt) || !now.isBefore(signedAt.plus(REFRESH_AFTER))) {
      token = create(now);
      signedAt = now;
    }
    return token;
  }

  /** A new token signed at {@code at} with the credentials resolved now. */
  String create(Instant at) {
    return PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(presignedUrl(at).toString().getBytes(StandardCharsets.UTF_8));
  }

  URI presignedUrl(Instant at) {
    AwsCredentialsIdentity identity = credentials.resolveCredentials();
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.GET)
            .protocol("https")
            .host("sts." + region + ".amazonaws.com")
            .encodedPath("/")
            .putRawQueryParameter("Action", "GetCallerIdentity")
            .putRawQueryParameter("Version", "2011-06-15")
            .putHeader(CLUSTER_ID_HEADER, clusterName)
            .build();
    return SIGNER
        .sign(
            signing ->
                signing
                    .identity(identity)
                    .request(request)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(
                        AwsV4FamilyHttpSigner.AUTH_LOCATION,
                        AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, EXPIRES)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
        .request()
        .getUri();
  }

  @Override
  public String toString() {
    return "EksTokenSource[cluster=" + clusterName + ", region=" + region + "]";
  }
}
