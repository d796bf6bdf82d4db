package dev.shardscaler.aws;

import dev.shardscaler.core.PassReport;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.config.EnvReader;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.core.targets.Targets;
import dev.shardscaler.core.targets.TargetsFunction;
import dev.shardscaler.core.targets.TokenSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The core function, wired for EKS on the first invocation and kept for the warm ones (each
 * target's Discord recommendation cache, the cluster client's connections, the cached bot tokens,
 * webhook URLs and EKS token). Nothing here runs in a constructor: under SnapStart, init is
 * snapshotted and credentials, tokens and connections from that moment would be stale after
 * restore.
 */
final class Scaler {
  private static final Logger log = LoggerFactory.getLogger(Scaler.class);

  /** Stand-ins for webhook URLs kept in Secrets Manager, while the rest is validated. */
  private static final Map<String, String> WEBHOOK_PLACEHOLDERS =
      Map.of(
          "SCALER_NOTIFY_DISCORD_WEBHOOK", "https://discord.com/api/webhooks/0/placeholder",
          "SCALER_NOTIFY_WEBHOOK", "https://placeholder.invalid/");

  private final Map<String, String> env;
  private final AwsCredentialsProvider credentials;
  private final Clock clock;
  private AwsTokens botTokens;
  private Map<String, SecretsManagerBotToken> webhooks;
  private EksClusterLocator clusters;
  private EksTokenSource eksTokens;
  private TargetsFunction function;

  Scaler(Map<String, String> env, AwsCredentialsProvider credentials, Clock clock) {
    this.env = Map.copyOf(env);
    this.credentials = credentials;
    this.clock = clock;
  }

  /**
   * One pass. A FAILED pass is a result; configuration and AWS problems before the pass are thrown.
   *
   * @throws ConfigException naming every bad key, before any network call
   * @throws AwsSetupException when the bot token (of a single bot), a webhook URL, the cluster or
   *     AWS credentials cannot be had
   * @throws dev.shardscaler.core.InvalidRequestException when the request names no configured
   *     target
   */
  synchronized PassReport apply(ScaleRequest request) {
    return function().apply(request);
  }

  /**
   * Drops everything a warm instance keeps that is bound to time: the function (with each target's
   * Discord recommendation), the bot tokens, the webhook URLs, the cluster and the EKS token. The
   * next pass fetches them anew. For a SnapStart restore: a copy of the JVM must not sign with, or
   * act on, values from before the snapshot.
   */
  synchronized void forgetTimeBoundState() {
    function = null;
    botTokens = null;
    webhooks = null;
    clusters = null;
    eksTokens = null;
  }

  /** Replaces every bot token and webhook URL in {@code text}, should one ever be there. */
  synchronized String scrub(String text) {
    String scrubbed = botTokens == null ? text : botTokens.scrub(text);
    if (webhooks != null && scrubbed != null) {
      for (SecretsManagerBotToken url : webhooks.values()) {
        String value = url.cached();
        scrubbed = value == null ? scrubbed : scrubbed.replace(value, "[webhook URL]");
      }
    }
    return scrubbed;
  }

  private TargetsFunction function() {
    if (function != null) {
      return function;
    }
    AwsSettings aws = validate();
    if (botTokens == null) {
      AwsClients clients = new AwsClients(aws.region(), credentials, aws.endpointOverride());
      botTokens = new AwsTokens(env, aws.botTokenSecretId(), clients::secretsManager);
      webhooks = new LinkedHashMap<>();
      aws.webhookSecretIds()
          .forEach(
              (urlKey, secretId) ->
                  webhooks.put(
                      urlKey,
                      SecretsManagerBotToken.webhook(
                          AwsSettings.WEBHOOK_SECRET_KEYS.get(urlKey),
                          secretId,
                          clients::secretsManager)));
      clusters = new EksClusterLocator(aws, clients::eks);
      eksTokens = new EksTokenSource(aws.clusterName(), aws.region(), credentials, clock);
    }
    Map<String, String> completed = new HashMap<>(env);
    webhooks.forEach((urlKey, secret) -> completed.put(urlKey, secret.token()));
    Targets targets = Targets.fromEnv(completed, botTokens, singleToken(aws));
    EksCluster cluster = clusters.locate();
    try {
      eksTokens.get(); // fail here, with a clear message, rather than inside an HTTP call
    } catch (SdkException e) {
      throw new AwsSetupException(
          "cannot sign the EKS token: no AWS credentials (" + e.getMessage() + ")", e);
    }
    log.info("cluster {} ({}), targets {}", cluster.name(), cluster.endpoint(), targets.specs());
    function =
        TargetsFunction.create(
            targets,
            botTokens,
            KubernetesClients.forEndpoint(
                cluster.endpoint(),
                cluster.certificateAuthorityPem(),
                eksTokens,
                targets.kubernetesTimeout()));
    return function;
  }

  /** Where a single bot's token comes from: its secret, or {@code BOT_TOKEN}. */
  private static TokenSource singleToken(AwsSettings aws) {
    return aws.botTokenSecretId() == null
        ? new TokenSource.Env("BOT_TOKEN")
        : new TokenSource.AwsSecret(aws.botTokenSecretId());
  }

  /** Every configuration problem, the Lambda's and the core's, at once and before any call. */
  private AwsSettings validate() {
    EnvReader in = new EnvReader(env);
    AwsSettings aws = AwsSettings.read(in);
    List<String> problems = new java.util.ArrayList<>();
    try {
      in.throwIfInvalid();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    Map<String, String> checked = new HashMap<>(env);
    aws.webhookSecretIds().keySet().forEach(key -> checked.put(key, WEBHOOK_PLACEHOLDERS.get(key)));
    try {
      // Secrets are read only once the rest is known to be valid: no call is made here.
      Targets.fromEnv(
          checked,
          new AwsTokens(
              env,
              aws.botTokenSecretId(),
              () -> {
                throw new IllegalStateException("no Secrets Manager call while validating");
              }),
          singleToken(aws));
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return aws;
  }
}
