package dev.shardscaler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.testkit.TestClock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The EKS token's structure: what EKS accepts (the aws-adapter README lists it). */
class EksTokenSourceTest {
  static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  static final AwsBasicCredentials STATIC =
      AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

  /** What {@code aws eks get-token --cluster-name bots --region us-east-1} signed at AT. */
  static final String CLI_SIGNATURE =
      "7dc1aeb78634f216b572b6f780547791c81be02a8179181c0dfcbf68f948a802";

  static EksTokenSource source(AwsCredentials credentials, TestClock clock) {
    return new EksTokenSource(
        "bots", "us-east-1", StaticCredentialsProvider.create(credentials), clock);
  }

  /** The presigned URL inside a token. */
  static URI decode(String token) {
    assertThat(token).startsWith(EksTokenSource.PREFIX);
    byte[] url = Base64.getUrlDecoder().decode(token.substring(EksTokenSource.PREFIX.length()));
    return URI.create(new String(url, StandardCharsets.UTF_8));
  }

  /** Query parameters in order, values URL-decoded. */
  static Map<String, String> query(URI url) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      params.put(
          pair.substring(0, equals),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  @Test
  void theTokenIsThePrefixAndUnpaddedBase64Url() {
    String token = source(STATIC, new TestClock(AT)).get();

    String encoded = token.substring(EksTokenSource.PREFIX.length());
    assertThat(token).startsWith("k8s-aws-v1.");
    assertThat(encoded).matches("[A-Za-z0-9_-]+").doesNotContain("=");
    assertThat(token.length()).isLessThan(4096);
  }

  @Test
  void itIsAPresignedGetCallerIdentityWithTheClusterAsSignedHeader() {
    URI url = decode(source(STATIC, new TestClock(AT)).get());
    Map<String, String> query = query(url);

    assertThat(url.getScheme()).isEqualTo("https");
    assertThat(url.getHost()).isEqualTo("sts.us-east-1.amazonaws.com");
    assertThat(url.getPort()).isEqualTo(-1);
    assertThat(url.getRawPath()).isEqualTo("/");
    assertThat(query)
        .containsOnlyKeys(
            "Action",
            "Version",
            "X-Amz-Algorithm",
            "X-Amz-Credential",
            "X-Amz-Date",
            "X-Amz-Expires",
            "X-Amz-SignedHeaders",
            "X-Amz-Signature")
        .containsEntry("Action", "GetCallerIdentity")
        .containsEntry("Version", "2011-06-15")
        .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
        .containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20260101/us-east-1/sts/aws4_request")
        .containsEntry("X-Amz-Date", "20260101T000000Z")
        .containsEntry("X-Amz-Expires", "60")
        .containsEntry("X-Amz-SignedHeaders", "host;x-k8s-aws-id");
    assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    assertThat(url.getRawQuery()).contains("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id");
  }

  @Test
  void theSignatureIsTheOneTheAwsCliMadeForTheSameInputs() {
    URI url = decode(source(STATIC, new TestClock(AT)).get());

    assertThat(query(url).get("X-Amz-Signature")).isEqualTo(CLI_SIGNATURE);
  }

  @Test
  void theClusterNameIsSignedNotSent() {
    URI bots = decode(source(STATIC, new TestClock(AT)).get());
    URI other =
        decode(
            new EksTokenSource(
                    "other",
                    "us-east-1",
                    StaticCredentialsProvider.create(STATIC),
                    new TestClock(AT))
                .get());

    assertThat(bots.toString()).doesNotContain("bots");
    assertThat(query(bots).get("X-Amz-Signature"))
        .isNotEqualTo(query(other).get("X-Amz-Signature"));
  }

  @Test
  void sessionCredentialsAddTheSecurityToken() {
    String sessionToken = "IQoJb3JpZ2luX2VjE" + "A".repeat(1200) + "/+=";
    AwsSessionCredentials session =
        AwsSessionCredentials.create("ASIAEXAMPLE", "secretkeyexample", sessionToken);

    String token = source(session, new TestClock(AT)).get();
    Map<String, String> query = query(decode(token));

    assertThat(query)
        .containsEntry("X-Amz-Security-Token", sessionToken)
        .containsEntry("X-Amz-Credential", "ASIAEXAMPLE/20260101/us-east-1/sts/aws4_request");
    assertThat(token.length()).isLessThan(4096);
  }

  @Test
  void theRegionNamesTheStsEndpointAndTheCredentialScope() {
    EksTokenSource frankfurt =
        new EksTokenSource(
            "bots", "eu-central-1", StaticCredentialsProvider.create(STATIC), new TestClock(AT));

    URI url = decode(frankfurt.get());

    assertThat(url.getHost()).isEqualTo("sts.eu-central-1.amazonaws.com");
    assertThat(query(url).get("X-Amz-Credential")).contains("/eu-central-1/sts/");
  }

  @Test
  void nothingIsSignedBeforeFirstUseThenTheTokenIsKeptForTenMinutes() {
    AtomicInteger resolved = new AtomicInteger();
    AwsCredentialsProvider counting =
        () -> {
          resolved.incrementAndGet();
          return STATIC;
        };
    TestClock clock = new TestClock(AT);

    EksTokenSource source = new EksTokenSource("bots", "us-east-1", counting, clock);
    assertThat(resolved).hasValue(0);

    String first = source.get();
    clock.advance(Duration.ofMinutes(9).plusSeconds(59));
    String stillFirst = source.get();
    clock.advance(Duration.ofSeconds(1));
    String second = source.get();

    assertThat(stillFirst).isEqualTo(first);
    assertThat(second).isNotEqualTo(first);
    assertThat(query(decode(second))).containsEntry("X-Amz-Date", "20260101T001000Z");
    assertThat(resolved).hasValue(2);
  }

  @Test
  void aClockThatWentBackSignsAgain() {
    TestClock clock = new TestClock(AT);
    EksTokenSource source = source(STATIC, clock);
    String first = source.get();

    clock.advance(Duration.ofMinutes(-5));

    assertThat(source.get()).isNotEqualTo(first);
  }
}
