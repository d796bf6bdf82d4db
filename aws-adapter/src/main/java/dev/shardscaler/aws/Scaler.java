package dev.shardscaler.aws;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.config.BotToken;
import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.config.EnvReader;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The core function, wired for EKS on the first invocation and kept for the warm ones (its Discord
 * recommendation cache, the cluster client's connections, the cached bot token and EKS token).
 * Nothing here runs in a constructor: under SnapStart, init is snapshotted and credentials, tokens
 * and connections from that moment would be stale after restore.
 */
final class Scaler {
  private static final Logger log = LoggerFactory.getLogger(Scaler.class);

  private final Map<String, String> env;
  private final AwsCredentialsProvider credentials;
  private final Clock clock;
  private BotTokenSource botTokens;
  private EksClusterLocator clusters;
  private EksTokenSource eksTokens;
  private ScaleFunction function;
  private BotToken lastBotToken;

  Scaler(Map<String, String> env, AwsCredentialsProvider credentials, Clock clock) {
    this.env = Map.copyOf(env);
    this.credentials = credentials;
    this.clock = clock;
  }

  /**
   * One pass. A FAILED pass is a result; configuration and AWS problems before the pass are thrown.
   *
   * @throws ConfigException naming every bad key, before any network call
   * @throws AwsSetupException when the bot token, the cluster or AWS credentials cannot be had
   */
  synchronized ScaleResult apply(ScaleRequest request) {
    ScaleFunction scale = function();
    ScaleResult result = scale.apply(request);
    if (result.reason() == Reason.DISCORD_UNAUTHORIZED
        && botTokens instanceof SecretsManagerBotToken) {
      // The token may have been rotated in Secrets Manager: read it again next time.
      botTokens.invalidate();
      function = null;
    }
    return result;
  }

  /**
   * Drops everything a warm instance keeps that is bound to time: the function (with Discord's
   * recommendation), the bot token, the cluster and the EKS token. The next pass fetches them anew.
   * For a SnapStart restore: a copy of the JVM must not sign with, or act on, values from before
   * the snapshot.
   */
  synchronized void forgetTimeBoundState() {
    function = null;
    botTokens = null;
    clusters = null;
    eksTokens = null;
    lastBotToken = null;
  }

  /** Replaces the bot token in {@code text}, should it ever be there. */
  synchronized String scrub(String text) {
    return lastBotToken == null ? text : lastBotToken.scrub(text);
  }

  private ScaleFunction function() {
    if (function != null) {
      return function;
    }
    AwsSettings aws = validate();
    if (botTokens == null) {
      AwsClients clients = new AwsClients(aws.region(), credentials, aws.endpointOverride());
      botTokens =
          aws.botTokenSecretId() == null
              ? BotTokenSource.of(env.get("BOT_TOKEN"))
              : new SecretsManagerBotToken(aws.botTokenSecretId(), clients::secretsManager);
      clusters = new EksClusterLocator(aws, clients::eks);
      eksTokens = new EksTokenSource(aws.clusterName(), aws.region(), credentials, clock);
    }
    Settings settings = Settings.fromEnv(withBotToken(botTokens.token()));
    lastBotToken = settings.botToken();
    EksCluster cluster = clusters.locate();
    try {
      eksTokens.get(); // fail here, with a clear message, rather than inside an HTTP call
    } catch (SdkException e) {
      throw new AwsSetupException(
          "cannot sign the EKS token: no AWS credentials (" + e.getMessage() + ")", e);
    }
    log.info(
        "cluster {} ({}), bot token from {}",
        cluster.name(),
        cluster.endpoint(),
        aws.botTokenSecretId() == null ? "BOT_TOKEN" : "secret " + aws.botTokenSecretId());
    function =
        ScaleFunction.create(
            settings,
            KubernetesClients.forEndpoint(
                cluster.endpoint(),
                cluster.certificateAuthorityPem(),
                eksTokens,
                settings.kubernetesTimeout()));
    return function;
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
    try {
      // a stand-in token: the real one is fetched only once the rest is known to be valid
      Settings.fromEnv(withBotToken("placeholder"));
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return aws;
  }

  private Map<String, String> withBotToken(String token) {
    Map<String, String> completed = new HashMap<>(env);
    completed.put("BOT_TOKEN", token);
    return completed;
  }
}
