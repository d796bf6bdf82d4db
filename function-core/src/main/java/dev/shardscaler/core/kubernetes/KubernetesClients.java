package dev.shardscaler.core.kubernetes;

import dev.shardscaler.core.config.ConfigException;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Builds the cluster client: from in-cluster config, a kubeconfig, or an explicit endpoint + CA +
 * bearer-token supplier (what the cloud adapters use). Every client gets connect/read/write
 * timeouts.
 */
public final class KubernetesClients {
  private KubernetesClients() {}

  /**
   * The client for where the process runs: {@code K8S_API_URL} if set (e.g. {@code kubectl proxy}
   * at http://127.0.0.1:8001, no credentials sent), else {@code KUBECONFIG}, else the pod's service
   * account inside a cluster, else {@code ~/.kube/config}.
   */
  public static ApiClient fromEnvironment(Map<String, String> env, Duration timeout) {
    String url = env.get("K8S_API_URL");
    if (url != null && !url.isBlank()) {
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw new ConfigException(
            List.of("K8S_API_URL must be an http(s) URL, got \"" + url + "\""));
      }
      return forEndpoint(url.strip(), null, null, timeout);
    }
    String kubeconfig = env.get("KUBECONFIG");
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      String first = kubeconfig.split(java.io.File.pathSeparator)[0];
      return fromKubeconfig(Path.of(first), timeout);
    }
    if (env.get("KUBERNETES_SERVICE_HOST") != null) {
      try {
        return withTimeouts(ClientBuilder.cluster().build(), timeout);
      } catch (IOException e) {
        throw new ConfigException(
            List.of("cannot read the in-cluster service account (" + e.getMessage() + ")"));
      }
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    Path fallback = Path.of(home, ".kube", "config");
    if (Files.isReadable(fallback)) {
      return fromKubeconfig(fallback, timeout);
    }
    throw new ConfigException(
        List.of(
            "no Kubernetes connection: set KUBECONFIG, run inside a cluster, or create "
                + fallback));
  }

  public static ApiClient fromKubeconfig(Path path, Duration timeout) {
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      KubeConfig config = KubeConfig.loadKubeConfig(reader);
      config.setFile(path.toFile());
      return withTimeouts(ClientBuilder.kubeconfig(config).build(), timeout);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          List.of("KUBECONFIG \"" + path + "\" cannot be used: " + e.getMessage()));
    }
  }

  /**
   * A client for an explicit API endpoint.
   *
   * @param certificateAuthorityPem the cluster CA, or null to trust the JVM's default CAs (a
   *     publicly trusted endpoint such as GKE's DNS endpoint)
   * @param bearerToken called for every request, so that it can refresh; null for no auth header
   */
  public static ApiClient forEndpoint(
      String endpoint,
      byte[] certificateAuthorityPem,
      Supplier<String> bearerToken,
      Duration timeout) {
    ClientBuilder builder = new ClientBuilder().setBasePath(endpoint).setVerifyingSsl(true);
    if (certificateAuthorityPem != null) {
      builder.setCertificateAuthority(certificateAuthorityPem);
    }
    ApiClient client;
    try {
      client = builder.build();
    } catch (RuntimeException e) {
      throw new ConfigException(
          List.of("cannot build a client for the cluster endpoint \"" + endpoint + "\": " + e));
    }
    if (bearerToken != null) {
      OkHttpClient http =
          client
              .getHttpClient()
              .newBuilder()
              .addInterceptor(
                  chain -> {
                    String token;
                    try {
                      token = bearerToken.get();
                    } catch (RuntimeException e) {
                      // Credentials that cannot be had (expired role, metadata server down): the
                      // request fails as an I/O error, so the pass reports the cluster as
                      // unavailable (503) instead of failing unexpectedly.
                      throw new java.io.IOException(
                          "no credentials for the cluster: " + e.getMessage(), e);
                    }
                    return chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .header("Authorization", "Bearer " + token)
                            .build());
                  })
              .build();
      client.setHttpClient(http);
    }
    return withTimeouts(client, timeout);
  }

  private static ApiClient withTimeouts(ApiClient client, Duration timeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    client.setConnectTimeout(millis);
    client.setReadTimeout(millis);
    client.setWriteTimeout(millis);
    return client;
  }
}
