package dev.shardscaler.core.notify;

import dev.shardscaler.core.config.EnvReader;
import dev.shardscaler.core.config.Names;
import java.time.Duration;

/**
 * Where messages go and how often: an optional Discord webhook and an optional JSON webhook (both
 * secrets), how long one message may take, how long a block must last before it is worth a message,
 * how often a lasting problem is repeated, and the ConfigMap that remembers what was said.
 *
 * @param discord {@code SCALER_NOTIFY_DISCORD_WEBHOOK}, or null
 * @param json {@code SCALER_NOTIFY_WEBHOOK}, or null
 * @param timeout {@code SCALER_NOTIFY_TIMEOUT}: the most the messages add to a pass
 * @param blockedAfter {@code SCALER_NOTIFY_BLOCKED_AFTER}: a block shorter than this is not told
 * @param repeat {@code SCALER_NOTIFY_REPEAT}: a failure or block still there is told again after
 * @param stateNamespace namespace of the memory ConfigMap (null when notifications are off)
 * @param stateConfigMap name of the memory ConfigMap
 */
public record NotifySettings(
    WebhookUrl discord,
    WebhookUrl json,
    Duration timeout,
    Duration blockedAfter,
    Duration repeat,
    String stateNamespace,
    String stateConfigMap) {

  public static final String DISCORD_KEY = "SCALER_NOTIFY_DISCORD_WEBHOOK";
  public static final String JSON_KEY = "SCALER_NOTIFY_WEBHOOK";
  public static final String DEFAULT_CONFIGMAP = "shardscaler-notifications";
  static final String PARAMS_CONFIGMAP = "shardscaler-params";

  /** No webhook: nothing is sent, nothing is remembered. */
  public static NotifySettings off() {
    return new NotifySettings(
        null,
        null,
        Duration.ofSeconds(3),
        Duration.ofHours(1),
        Duration.ofHours(24),
        null,
        DEFAULT_CONFIGMAP);
  }

  public boolean enabled() {
    return discord != null || json != null;
  }

  /** Reads the keys; problems go to {@code in}, whose caller reports them with all others. */
  public static NotifySettings read(EnvReader in) {
    String[] problem = new String[1];
    WebhookUrl discord = null;
    String discordText = in.raw(DISCORD_KEY);
    if (discordText != null) {
      discord = WebhookUrl.parse(DISCORD_KEY, discordText, true, problem);
      if (discord == null) {
        in.problem(problem[0]);
      }
    }
    WebhookUrl json = null;
    String jsonText = in.raw(JSON_KEY);
    if (jsonText != null) {
      json = WebhookUrl.parse(JSON_KEY, jsonText, false, problem);
      if (json == null) {
        in.problem(problem[0]);
      }
    }
    Duration timeout =
        in.duration(
            "SCALER_NOTIFY_TIMEOUT",
            Duration.ofSeconds(3),
            Duration.ofMillis(100),
            Duration.ofSeconds(10));
    Duration blockedAfter =
        in.duration(
            "SCALER_NOTIFY_BLOCKED_AFTER", Duration.ofHours(1), Duration.ZERO, Duration.ofDays(7));
    Duration repeat =
        in.duration(
            "SCALER_NOTIFY_REPEAT",
            Duration.ofHours(24),
            Duration.ofMinutes(10),
            Duration.ofDays(30));
    String configMap =
        in.string(
            "SCALER_NOTIFY_STATE_CONFIGMAP",
            DEFAULT_CONFIGMAP,
            Names::isDnsSubdomain,
            "a ConfigMap name");
    if (PARAMS_CONFIGMAP.equals(configMap)) {
      // The admission policies' params decide what the scaler may change: it must never hold a
      // right on that ConfigMap, so it cannot be its memory either.
      in.problem(
          "SCALER_NOTIFY_STATE_CONFIGMAP must not be \""
              + PARAMS_CONFIGMAP
              + "\" (the admission policies' params): use a ConfigMap of its own, e.g. the default "
              + DEFAULT_CONFIGMAP);
    }
    String namespace = in.raw("SCALER_NOTIFY_STATE_NAMESPACE");
    if (namespace != null && !Names.isDnsLabel(namespace)) {
      in.problem(
          "SCALER_NOTIFY_STATE_NAMESPACE must be a Kubernetes namespace name, got \""
              + namespace
              + "\"");
    } else if (namespace == null) {
      namespace = in.raw("K8S_NAMESPACE");
    }
    boolean enabled = discord != null || json != null;
    if (enabled && namespace == null) {
      in.problem(
          "missing required parameter \"SCALER_NOTIFY_STATE_NAMESPACE\" (the namespace of the"
              + " ConfigMap "
              + configMap
              + " that remembers what was notified; it defaults to K8S_NAMESPACE, which is not set)");
    }
    return new NotifySettings(
        discord,
        json,
        timeout,
        blockedAfter,
        repeat,
        enabled ? namespace : null,
        configMap == null ? DEFAULT_CONFIGMAP : configMap);
  }
}
