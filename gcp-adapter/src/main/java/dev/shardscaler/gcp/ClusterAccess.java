package dev.shardscaler.gcp;

import dev.shardscaler.core.kubernetes.KubernetesClients;
import io.kubernetes.client.openapi.ApiClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How the function reaches the cluster, read from the environment.
 *
 * <ul>
 *   <li>{@code GKE_CLUSTER_ENDPOINT} (production): the cluster's https endpoint, with a Google
 *       access token as the bearer. The DNS-based endpoint ({@code ….gke.goog}) has a publicly
 *       trusted certificate, so no CA; the IP endpoint needs {@code GKE_CLUSTER_CA}, the PEM
 *       certificate or its base64 (as {@code masterAuth.clusterCaCertificate} prints it).
 *   <li>{@code K8S_API_URL} (tests, a local {@code kubectl proxy}): a plain API URL, no credentials
 *       sent at all, so no Google token can leak to it.
 * </ul>
 *
 * Exactly one of the two must be set.
 */
sealed interface ClusterAccess {
  String ENDPOINT = "GKE_CLUSTER_ENDPOINT";
  String CA = "GKE_CLUSTER_CA";
  String API_URL = "K8S_API_URL";

  /** The GKE API server with Google credentials. */
  record Gke(URI endpoint, byte[] caPem) implements ClusterAccess {
    ApiClient connect(Supplier<String> bearer, Duration timeout) {
      return KubernetesClients.forEndpoint(endpoint.toString(), caPem, bearer, timeout);
    }

    @Override
    public String toString() {
      return "GKE endpoint " + endpoint + (caPem == null ? " (public CA)" : " (GKE_CLUSTER_CA)");
    }
  }

  /** A plain URL without credentials (see {@link KubernetesClients#fromEnvironment}). */
  record PlainUrl(String url) implements ClusterAccess {
    ApiClient connect(Duration timeout) {
      return KubernetesClients.fromEnvironment(Map.of(API_URL, url), timeout);
    }

    @Override
    public String toString() {
      return "K8S_API_URL " + url + " (no credentials)";
    }
  }

  /** The access the environment asks for, or null with the reasons added to {@code problems}. */
  static ClusterAccess fromEnv(Map<String, String> env, List<String> problems) {
    String endpoint = value(env, ENDPOINT);
    String ca = value(env, CA);
    String apiUrl = value(env, API_URL);
    if (endpoint != null && apiUrl != null) {
      problems.add(
          "set either "
              + ENDPOINT
              + " (GKE, with the function's Google credentials) or "
              + API_URL
              + " (a plain URL without credentials, for tests), not both");
      return null;
    }
    if (apiUrl != null) {
      if (ca != null) {
        problems.add(CA + " is only used with " + ENDPOINT + ", not with " + API_URL);
      }
      if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
        problems.add(API_URL + " must be an http(s) URL, got \"" + apiUrl + "\"");
        return null;
      }
      return new PlainUrl(apiUrl);
    }
    if (endpoint == null) {
      problems.add(
          "missing required parameter \""
              + ENDPOINT
              + "\" (the GKE cluster's endpoint, e.g. https://gke-….europe-west1.gke.goog)");
      return null;
    }
    URI uri = endpoint(endpoint, problems);
    byte[] caPem = ca == null ? null : caPem(ca, problems);
    return uri == null || (ca != null && caPem == null) ? null : new Gke(uri, caPem);
  }

  private static URI endpoint(String value, List<String> problems) {
    String withScheme = value.contains("://") ? value : "https://" + value;
    try {
      URI uri = new URI(withScheme);
      if ("https".equals(uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null) {
        return uri;
      }
    } catch (URISyntaxException | NullPointerException e) {
      // reported below
    }
    problems.add(
        ENDPOINT
            + " must be the cluster's https:// endpoint (DNS-based ….gke.goog or IP address), got \""
            + value
            + "\"");
    return null;
  }

  /** PEM as is, or base64 of PEM; checked to hold at least one X.509 certificate. */
  private static byte[] caPem(String value, List<String> problems) {
    byte[] pem;
    if (value.contains("-----BEGIN CERTIFICATE-----")) {
      pem = value.getBytes(StandardCharsets.US_ASCII);
    } else {
      try {
        pem = Base64.getMimeDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        pem = new byte[0];
      }
    }
    String text = new String(pem, StandardCharsets.US_ASCII);
    if (text.contains("-----BEGIN CERTIFICATE-----")) {
      try {
        if (!CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pem))
            .isEmpty()) {
          return pem;
        }
      } catch (CertificateException e) {
        // reported below
      }
    }
    problems.add(
        CA
            + " must be a PEM certificate (-----BEGIN CERTIFICATE-----) or its base64, as gcloud"
            + " prints masterAuth.clusterCaCertificate; it is neither");
    return null;
  }

  private static String value(Map<String, String> env, String key) {
    String value = env.get(key);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
