package dev.shardscaler.aws;

import dev.shardscaler.core.config.EnvReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The Lambda's own configuration, beside the core's {@code K8S_*}/{@code SCALER_*} keys: where the
 * cluster is and where the bot token comes from. Every problem is collected, as in the core.
 *
 * @param clusterEndpoint {@code EKS_CLUSTER_ENDPOINT} without a trailing slash, or null
 * @param clusterCa {@code EKS_CLUSTER_CA} as EKS gives it (base64 of the PEM), checked, or null
 * @param botTokenSecretId {@code BOT_TOKEN_SECRET_ID}, or null when {@code BOT_TOKEN} is set
 * @param endpointOverride {@code AWS_ENDPOINT_URL} (the SDK's own name) for every AWS API, or null
 * @param webhookSecretIds the Secrets Manager secrets of the webhook URLs, by the core's key
 *     ({@code SCALER_NOTIFY_DISCORD_WEBHOOK} → its secret id); empty when none
 */
record AwsSettings(
    String region,
    String clusterName,
    String clusterEndpoint,
    String clusterCa,
    String botTokenSecretId,
    URI endpointOverride,
    java.util.Map<String, String> webhookSecretIds) {

  /** The webhook URL keys of the core, and the Lambda's keys for their secrets. */
  static final java.util.Map<String, String> WEBHOOK_SECRET_KEYS =
      java.util.Map.of(
          "SCALER_NOTIFY_DISCORD_WEBHOOK", "SCALER_NOTIFY_DISCORD_WEBHOOK_SECRET_ID",
          "SCALER_NOTIFY_WEBHOOK", "SCALER_NOTIFY_WEBHOOK_SECRET_ID");

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

  /** Parses the keys; problems are added to {@code in}, whose caller throws them all at once. */
  static AwsSettings read(EnvReader in) {
    String region = in.raw("AWS_REGION");
    if (region == null) {
      region = in.raw("AWS_DEFAULT_REGION");
    }
    if (region == null) {
      in.problem(
          "missing required parameter \"AWS_REGION\" (Lambda sets it; set it when running"
              + " elsewhere)");
    }
    String cluster = in.raw("EKS_CLUSTER_NAME");
    if (cluster == null) {
      in.problem("missing required parameter \"EKS_CLUSTER_NAME\"");
    }
    String endpoint = endpoint(in);
    String ca = certificateAuthority(in);
    String secretId = in.raw("BOT_TOKEN_SECRET_ID");
    boolean envToken = in.raw("BOT_TOKEN") != null;
    boolean targets = in.raw("SCALER_TARGETS") != null || in.raw("SCALER_TARGETS_FILE") != null;
    if (targets) {
      if (secretId != null) {
        in.problem(
            "BOT_TOKEN_SECRET_ID is set beside a targets document: each target names its own"
                + " token (\"token\": {\"awsSecret\": \"<secret ARN>\"}); remove it");
      }
    } else if (secretId != null && envToken) {
      in.problem("set BOT_TOKEN_SECRET_ID or BOT_TOKEN, not both");
    } else if (secretId == null && !envToken) {
      in.problem(
          "missing required parameter \"BOT_TOKEN_SECRET_ID\" (the Secrets Manager secret"
              + " holding the bot token; or BOT_TOKEN)");
    }
    if (in.raw("SCALER_HTTP_TOKEN") != null) {
      // Never quote the value: it is a secret, and it would sit in plain text in the function's
      // configuration (GetFunctionConfiguration, the Terraform state).
      in.problem(
          "SCALER_HTTP_TOKEN is not used on AWS (value not shown): IAM authorizes overrides, for"
              + " direct invokes and AWS_IAM function URLs alike; remove it from the function's"
              + " environment");
    }
    java.util.Map<String, String> webhooks = new java.util.TreeMap<>();
    WEBHOOK_SECRET_KEYS.forEach(
        (urlKey, secretKey) -> {
          if (in.raw(urlKey) != null) {
            // Never quote the value: the URL is a secret, and it would sit in plain text in the
            // function's configuration.
            in.problem(
                urlKey
                    + " is not read on AWS (value not shown): keep the URL in Secrets Manager and"
                    + " set "
                    + secretKey
                    + " to the secret's ARN; remove "
                    + urlKey
                    + " from the function's environment");
          }
          String id = in.raw(secretKey);
          if (id != null) {
            webhooks.put(urlKey, id);
          }
        });
    URI override = null;
    String overrideText = in.raw("AWS_ENDPOINT_URL");
    if (overrideText != null) {
      override = httpUri(overrideText);
      if (override == null) {
        in.problem("AWS_ENDPOINT_URL must be an http(s) URL, got \"" + overrideText + "\"");
      }
    }
    return new AwsSettings(
        region, cluster, endpoint, ca, targets ? null : secretId, override, webhooks);
  }

  /** An https URL, or plain http to a loopback address only (a local proxy; tests). */
  private static String endpoint(EnvReader in) {
    String text = in.raw("EKS_CLUSTER_ENDPOINT");
    if (text == null) {
      return null;
    }
    URI uri = httpUri(text);
    boolean valid =
        uri != null
            && (uri.getScheme().equals("https")
                || LOOPBACK.contains(uri.getHost().toLowerCase(java.util.Locale.ROOT)));
    if (!valid) {
      in.problem(
          "EKS_CLUSTER_ENDPOINT must be an https URL (plain http only to a loopback address),"
              + " got \""
              + text
              + "\"");
      return null;
    }
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static String certificateAuthority(EnvReader in) {
    String text = in.raw("EKS_CLUSTER_CA");
    if (text == null) {
      return null;
    }
    if (decodeCertificateAuthority(text) == null) {
      in.problem(
          "EKS_CLUSTER_CA must be the cluster CA as EKS gives it (base64 of a PEM certificate,"
              + " certificateAuthority.data), got \""
              + (text.length() > 24 ? text.substring(0, 24) + "…" : text)
              + "\"");
      return null;
    }
    return text;
  }

  /** The PEM from EKS's base64 form (or a PEM given as is); null when it is neither. */
  static byte[] decodeCertificateAuthority(String text) {
    String value = text.strip();
    byte[] pem;
    if (value.startsWith("-----BEGIN")) {
      pem = value.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    } else {
      try {
        pem = Base64.getMimeDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    String decoded = new String(pem, java.nio.charset.StandardCharsets.US_ASCII);
    return decoded.contains("-----BEGIN CERTIFICATE-----") ? pem : null;
  }

  private static URI httpUri(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported by the caller
    }
    return null;
  }

  /** True when the cluster's endpoint and CA must be looked up with DescribeCluster. */
  boolean needsDescribeCluster() {
    if (clusterEndpoint == null) {
      return true;
    }
    return clusterCa == null && clusterEndpoint.startsWith("https:");
  }

  @Override
  public String toString() {
    return "AwsSettings"
        + List.of(
            "region=" + region,
            "cluster=" + clusterName,
            "endpoint=" + (clusterEndpoint == null ? "(DescribeCluster)" : clusterEndpoint),
            "botToken=" + (botTokenSecretId == null ? "BOT_TOKEN" : botTokenSecretId));
  }
}
