package dev.shardscaler.knative;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The process environment, completed with what a pod knows about itself. */
final class ScalerEnvironment {
  static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  private ScalerEnvironment() {}

  static Map<String, String> from(Map<String, String> env) {
    return withNamespaceFrom(env, SERVICE_ACCOUNT_NAMESPACE);
  }

  /** K8S_NAMESPACE defaults to the pod's own namespace when running in a cluster. */
  static Map<String, String> withNamespaceFrom(Map<String, String> env, Path namespaceFile) {
    String namespace = env.get("K8S_NAMESPACE");
    if ((namespace == null || namespace.isBlank()) && Files.isReadable(namespaceFile)) {
      try {
        Map<String, String> completed = new HashMap<>(env);
        completed.put(
            "K8S_NAMESPACE", Files.readString(namespaceFile, StandardCharsets.UTF_8).strip());
        return completed;
      } catch (IOException e) {
        return env;
      }
    }
    return env;
  }
}
