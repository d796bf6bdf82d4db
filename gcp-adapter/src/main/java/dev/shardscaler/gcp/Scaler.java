package dev.shardscaler.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.config.Settings;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the core function from the environment: the settings, and the cluster client with the
 * function's Google credentials. Every configuration problem is reported at once.
 */
final class Scaler {
  private static final Logger log = LoggerFactory.getLogger(Scaler.class);

  /** Where the Google credentials come from: Application Default Credentials in production. */
  @FunctionalInterface
  interface CredentialsSource {
    GoogleCredentials credentials() throws IOException;
  }

  private Scaler() {}

  /**
   * @throws ConfigException naming every bad key, or when no Google credentials can be found
   */
  static ScaleFunction build(Map<String, String> env, CredentialsSource source, Clock clock) {
    List<String> problems = new ArrayList<>();
    Settings settings = null;
    try {
      settings = Settings.fromEnv(env);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    ClusterAccess access = ClusterAccess.fromEnv(env, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    ApiClient cluster;
    if (access instanceof ClusterAccess.Gke gke) {
      GoogleCredentials credentials;
      try {
        credentials = source.credentials();
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(
            List.of(
                "no Google credentials for the GKE API server (Application Default Credentials: the"
                    + " function's service account): "
                    + e.getMessage()));
      }
      cluster =
          gke.connect(new GoogleAccessTokens(credentials, clock), settings.kubernetesTimeout());
    } else {
      log.warn(
          "{} is set: the cluster is reached without credentials (tests, kubectl proxy)",
          ClusterAccess.API_URL);
      cluster = ((ClusterAccess.PlainUrl) access).connect(settings.kubernetesTimeout());
    }
    log.info("scaler ready for {} via {}", settings.target(), access);
    return ScaleFunction.create(settings, cluster);
  }
}
