package dev.shardscaler.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading GKE_CLUSTER_ENDPOINT, GKE_CLUSTER_CA and the K8S_API_URL test escape. */
class ClusterAccessTest {
  static final String DNS_ENDPOINT =
      "gke-0123456789abcdef0123456789abcdef0123-123456789012.europe-west1.gke.goog";

  static ClusterAccess read(List<String> problems, String... keysAndValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return ClusterAccess.fromEnv(env, problems);
  }

  static Stream<Arguments> endpoints() {
    return Stream.of(
        Arguments.of("DNS endpoint as gcloud prints it", DNS_ENDPOINT, "https://" + DNS_ENDPOINT),
        Arguments.of("https URL", "https://" + DNS_ENDPOINT, "https://" + DNS_ENDPOINT),
        Arguments.of("IP with port", "https://34.77.1.2:443", "https://34.77.1.2:443"),
        Arguments.of("bare IP", " 34.77.1.2 ", "https://34.77.1.2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void anEndpointBecomesAnHttpsUrl(String name, String value, String url) {
    List<String> problems = new ArrayList<>();

    ClusterAccess access = read(problems, "GKE_CLUSTER_ENDPOINT", value);

    assertThat(problems).isEmpty();
    assertThat(access)
        .isInstanceOfSatisfying(
            ClusterAccess.Gke.class,
            gke -> {
              assertThat(gke.endpoint()).hasToString(url);
              assertThat(gke.caPem()).as("no CA pinned").isNull();
            });
  }

  static Stream<Arguments> badEndpoints() {
    return Stream.of(
        Arguments.of("plain http would send the token in clear", "http://34.77.1.2"),
        Arguments.of("query", "https://34.77.1.2/?x=1"),
        Arguments.of("user info", "https://me@34.77.1.2"),
        Arguments.of("not a URL", "https://exa mple"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEndpoints")
  void aBadEndpointIsNamedWithItsValue(String name, String value) {
    List<String> problems = new ArrayList<>();

    assertThat(read(problems, "GKE_CLUSTER_ENDPOINT", value)).isNull();
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("GKE_CLUSTER_ENDPOINT must be the cluster's https:// endpoint")
        .contains("\"" + value + "\"");
  }

  @Test
  void theCaIsTakenAsPemOrAsBase64OfPem() {
    String pem = TestTls.get().certificatePem;
    for (String form : List.of(pem, TestTls.get().certificateBase64())) {
      List<String> problems = new ArrayList<>();

      ClusterAccess access =
          read(problems, "GKE_CLUSTER_ENDPOINT", "34.77.1.2", "GKE_CLUSTER_CA", form);

      assertThat(problems).isEmpty();
      assertThat(((ClusterAccess.Gke) access).caPem())
          .asString(StandardCharsets.US_ASCII)
          .contains("-----BEGIN CERTIFICATE-----");
    }
  }

  @Test
  void aCaThatIsNoCertificateIsRefused() {
    String notACertificate =
        Base64.getEncoder()
            .encodeToString(
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"
                    .getBytes(StandardCharsets.US_ASCII));
    for (String value : List.of("not base64 at all!", notACertificate, "aGVsbG8=")) {
      List<String> problems = new ArrayList<>();

      assertThat(read(problems, "GKE_CLUSTER_ENDPOINT", "34.77.1.2", "GKE_CLUSTER_CA", value))
          .isNull();
      assertThat(problems)
          .singleElement()
          .asString()
          .startsWith("GKE_CLUSTER_CA must be a PEM certificate");
    }
  }

  @Test
  void theTestEscapeIsAPlainUrlWithoutCredentials() {
    List<String> problems = new ArrayList<>();

    ClusterAccess access = read(problems, "K8S_API_URL", "http://127.0.0.1:8001");

    assertThat(problems).isEmpty();
    assertThat(access).isEqualTo(new ClusterAccess.PlainUrl("http://127.0.0.1:8001"));
    assertThat(access.toString()).contains("no credentials");
  }

  @Test
  void bothOrNeitherIsAProblem() {
    List<String> both = new ArrayList<>();
    read(both, "K8S_API_URL", "http://127.0.0.1:8001", "GKE_CLUSTER_ENDPOINT", DNS_ENDPOINT);
    List<String> neither = new ArrayList<>();
    read(neither);
    List<String> caWithoutGke = new ArrayList<>();
    read(caWithoutGke, "K8S_API_URL", "http://127.0.0.1:8001", "GKE_CLUSTER_CA", "x");

    assertThat(both).singleElement().asString().contains("not both");
    assertThat(neither)
        .singleElement()
        .asString()
        .startsWith("missing required parameter \"GKE_CLUSTER_ENDPOINT\"");
    assertThat(caWithoutGke)
        .singleElement()
        .asString()
        .contains("GKE_CLUSTER_CA is only used with GKE_CLUSTER_ENDPOINT");
  }
}
