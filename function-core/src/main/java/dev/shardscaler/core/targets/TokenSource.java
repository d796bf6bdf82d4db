package dev.shardscaler.core.targets;

/**
 * Where one target's bot token comes from. Messages name the source, never the token: an
 * environment variable (on Kubernetes a Secret through {@code secretKeyRef}, on Cloud Run a Secret
 * Manager secret exposed as a variable), a file (a mounted Secret, a Secret Manager volume), or a
 * Secrets Manager secret read by the Lambda adapter.
 */
public sealed interface TokenSource {

  /** The source in words, for messages: "the environment variable MAIN_BOT_TOKEN". */
  String describe();

  /** The value of an environment variable of the scaler's process. */
  record Env(String variable) implements TokenSource {
    @Override
    public String describe() {
      return "the environment variable " + variable;
    }
  }

  /** The content of a file (trailing whitespace dropped). */
  record File(String path) implements TokenSource {
    @Override
    public String describe() {
      return "the file " + path;
    }
  }

  /** An AWS Secrets Manager secret: the raw token or {@code {"token": "..."}}. */
  record AwsSecret(String secretId) implements TokenSource {
    @Override
    public String describe() {
      return "the Secrets Manager secret " + secretId;
    }
  }
}
