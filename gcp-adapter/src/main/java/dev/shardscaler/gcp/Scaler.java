package dev.shardscaler.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.targets.LocalTokens;
import dev.shardscaler.core.targets.Targets;
import dev.shardscaler.core.targets.TargetsFunction;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the core function from the environment: the targets (one bot, or a targets document;
 * tokens from variables or files, which is how Cloud Run exposes Secret Manager secrets), and the
 * cluster client with the function's Google credentials. Every configuration problem is reported at
 * once.
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
  static TargetsFunction build(Map<String, String> env, CredentialsSource source, Clock clock) {
    List<String> problems = new ArrayList<>();
    Targets targets = null;
    try {
      targets = Targets.fromEnv(env);
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
          gke.connect(new GoogleAccessTokens(credentials, clock), targets.kubernetesTimeout());
    } else {
      log.warn(
          "{} is set: the cluster is reached without credentials (tests, kubectl proxy)",
          ClusterAccess.API_URL);
      cluster = ((ClusterAccess.PlainUrl) access).connect(targets.kubernetesTimeout());
    }
    log.info("scaler ready for {} via {}", targets.specs(), access);
    return TargetsFunction.create(targets, new LocalTokens(env), cluster);
  }
}
