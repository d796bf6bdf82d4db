package dev.shardscaler.testkit.conformance;

import java.util.List;
import java.util.Map;

/** How a module starts its entry point and reaches it: what each adapter's IT provides. */
public interface Transport {

  /** A short name for reports, e.g. "knative". */
  String name();

  AuthenticationStyle authentication();

  /**
   * Starts the entry point with this environment (the suite's fakes and settings, in the core's
   * keys: {@code K8S_API_URL} is the cluster; a transport maps keys its platform names otherwise).
   */
  EntryPoint start(Map<String, String> env) throws Exception;

  /** Headers the platform itself puts on every call (e.g. Cloud Run's identity token). */
  default List<Map.Entry<String, String>> platformHeaders() {
    return List.of();
  }

  /** Values that must never appear in an answer or a log line, beside the suite's own secrets. */
  default List<String> secrets() {
    return List.of();
  }

  /**
   * Checks that a log line is well formed in the platform's log format (e.g. one JSON object);
   * throws an AssertionError when it is not. Every line is also checked for raw control characters.
   */
  default void checkLogLine(String line) {}
}
