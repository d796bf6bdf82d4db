package dev.shardscaler.aws;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * A bot token from Secrets Manager ({@code BOT_TOKEN_SECRET_ID}, or a target's {@code
 * token.awsSecret}): the secret string is the raw token, or a JSON object with a {@code "token"}
 * field. Read once per instance and kept across warm invocations; {@link #invalidate()} makes the
 * next pass read it again (after a 401, when the token may have been rotated). Error messages name
 * the secret, never its value. The same reading serves the webhook URLs ({@link #webhook}: the raw
 * URL or {@code {"url": "..."}}).
 */
final class SecretsManagerBotToken implements BotTokenSource {
  private final String key;
  private final String field;
  private final String what;
  private final String secretId;
  private final Supplier<SecretsManagerClient> clients;
  private SecretsManagerClient client;
  private String token;

  SecretsManagerBotToken(String secretId, Supplier<SecretsManagerClient> clients) {
    this("BOT_TOKEN_SECRET_ID", "token", "a bot token", secretId, clients);
  }

  private SecretsManagerBotToken(
      String key,
      String field,
      String what,
      String secretId,
      Supplier<SecretsManagerClient> clients) {
    this.key = key;
    this.field = field;
    this.what = what;
    this.secretId = secretId;
    this.clients = clients;
  }

  /** A target's token: problems name {@code token.awsSecret}. */
  static SecretsManagerBotToken ofTarget(String secretId, Supplier<SecretsManagerClient> clients) {
    return new SecretsManagerBotToken("token.awsSecret", "token", "a bot token", secretId, clients);
  }

  /** A webhook URL kept as a secret, named by the key that gave its id. */
  static SecretsManagerBotToken webhook(
      String key, String secretId, Supplier<SecretsManagerClient> clients) {
    return new SecretsManagerBotToken(key, "url", "a webhook URL", secretId, clients);
  }

  @Override
  public synchronized String token() {
    if (token == null) {
      token = parse(key, field, what, secretId, fetch());
    }
    return token;
  }

  /** The value read so far, or null (for scrubbing what is logged). */
  synchronized String cached() {
    return token;
  }

  @Override
  public synchronized void invalidate() {
    token = null;
  }

  private String fetch() {
    if (client == null) {
      client = clients.get();
    }
    GetSecretValueResponse response;
    try {
      response = client.getSecretValue(request -> request.secretId(secretId));
    } catch (ResourceNotFoundException e) {
      throw new AwsSetupException(key + ": no secret \"" + secretId + "\" in Secrets Manager", e);
    } catch (SdkException e) {
      throw new AwsSetupException(
          key + ": secretsmanager:GetSecretValue on \"" + secretId + "\" failed: " + e.getMessage(),
          e);
    }
    if (response.secretString() == null) {
      throw new AwsSetupException(
          key
              + ": secret \""
              + secretId
              + "\" has no SecretString (a binary secret); store it as text");
    }
    return response.secretString();
  }

  /** The token in a secret string: raw, or {@code {"token": "..."}}. */
  static String parse(String secretId, String secret) {
    return parse("BOT_TOKEN_SECRET_ID", "token", "a bot token", secretId, secret);
  }

  /** The value in a secret string: raw, or a JSON object with it in {@code field}. */
  static String parse(String key, String field, String what, String secretId, String secret) {
    String value = secret.strip();
    if (value.startsWith("{")) {
      JsonElement found;
      try {
        found = JsonParser.parseString(value).getAsJsonObject().get(field);
      } catch (JsonParseException | IllegalStateException e) {
        // never e.getMessage(): Gson quotes the text it could not read
        throw new AwsSetupException(
            key
                + ": secret \""
                + secretId
                + "\" starts with '{' but is not a JSON object (value not shown)");
      }
      if (found == null
          || !found.isJsonPrimitive()
          || !found.getAsJsonPrimitive().isString()
          || found.getAsString().isBlank()) {
        throw new AwsSetupException(
            key
                + ": secret \""
                + secretId
                + "\" is JSON without a string field \""
                + field
                + "\" (value not shown)");
      }
      value = found.getAsString().strip();
    }
    if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
      throw new AwsSetupException(
          key
              + ": secret \""
              + secretId
              + "\" does not hold "
              + what
              + " (empty or with spaces; value not shown)");
    }
    return value;
  }

  @Override
  public String toString() {
    return "SecretsManagerBotToken[" + secretId + "]";
  }
}
