package dev.shardscaler.aws;

import dev.shardscaler.core.targets.LocalTokens;
import dev.shardscaler.core.targets.TokenResolver;
import dev.shardscaler.core.targets.TokenSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Lambda's token sources: Secrets Manager secrets (one {@link SecretsManagerBotToken} per
 * secret, each read once per instance and again after Discord said 401), and the environment.
 * Remembers every token it handed out, so that the handler can scrub them from what it logs.
 */
final class AwsTokens implements TokenResolver {
  private final LocalTokens local;
  private final String botTokenSecretId;
  private final Supplier<SecretsManagerClient> clients;
  private final Map<String, SecretsManagerBotToken> secrets = new LinkedHashMap<>();
  private final List<String> handedOut = new ArrayList<>();

  /**
   * @param botTokenSecretId {@code BOT_TOKEN_SECRET_ID} of a single-bot configuration (its problems
   *     keep naming that key), or null
   */
  AwsTokens(
      Map<String, String> env, String botTokenSecretId, Supplier<SecretsManagerClient> clients) {
    this.local = new LocalTokens(env);
    this.botTokenSecretId = botTokenSecretId;
    this.clients = clients;
  }

  @Override
  public List<String> check(TokenSource source) {
    // A secret is read on the first pass; here only its id can be checked.
    return source instanceof TokenSource.AwsSecret ? List.of() : local.check(source);
  }

  @Override
  public synchronized String token(TokenSource source) {
    String token =
        source instanceof TokenSource.AwsSecret secret
            ? secrets
                .computeIfAbsent(
                    secret.secretId(),
                    id ->
                        id.equals(botTokenSecretId)
                            ? new SecretsManagerBotToken(id, clients)
                            : SecretsManagerBotToken.ofTarget(id, clients))
                .token()
            : local.token(source);
    if (!handedOut.contains(token)) {
      handedOut.add(token);
    }
    return token;
  }

  @Override
  public synchronized void invalidate(TokenSource source) {
    if (source instanceof TokenSource.AwsSecret secret && secrets.containsKey(secret.secretId())) {
      secrets.get(secret.secretId()).invalidate();
    }
  }

  /** Replaces every token handed out so far in {@code text}. */
  synchronized String scrub(String text) {
    String scrubbed = text;
    for (String token : handedOut) {
      scrubbed =
          scrubbed == null || token.isEmpty() ? scrubbed : scrubbed.replace(token, "[redacted]");
    }
    return scrubbed;
  }
}
