package dev.shardscaler.aws;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The bot token from Secrets Manager ({@code BOT_TOKEN_SECRET_ID}): the secret string is the raw
 * token, or a JSON object with a {@code "token"} field. Read once per instance and kept across warm
 * invocations; {@link #invalidate()} makes the next pass read it again (after a 401, when the token
 * may have been rotated). Error messages name the secret, never its value.
 */
final class SecretsManagerBotToken implements BotTokenSource {
  private final String secretId;
  private final Supplier<SecretsManagerClient> clients;
  private SecretsManagerClient client;
  private String token;

  SecretsManagerBotToken(String secretId, Supplier<SecretsManagerClient> clients) {
    this.secretId = secretId;
    this.clients = clients;
  }

  @Override
  public synchronized String token() {
    if (token == null) {
      token = parse(secretId, fetch());
    }
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
      throw new AwsSetupException(
          "BOT_TOKEN_SECRET_ID: no secret \"" + secretId + "\" in Secrets Manager", e);
    } catch (SdkException e) {
      throw new AwsSetupException(
          "BOT_TOKEN_SECRET_ID: secretsmanager:GetSecretValue on \""
              + secretId
              + "\" failed: "
              + e.getMessage(),
          e);
    }
    if (response.secretString() == null) {
      throw new AwsSetupException(
          "BOT_TOKEN_SECRET_ID: secret \""
              + secretId
              + "\" has no SecretString (a binary secret); store the token as text");
    }
    return response.secretString();
  }

  /** The token in a secret string: raw, or {@code {"token": "..."}}. */
  static String parse(String secretId, String secret) {
    String value = secret.strip();
    if (value.startsWith("{")) {
      JsonElement field;
      try {
        JsonObject object = JsonParser.parseString(value).getAsJsonObject();
        field = object.get("token");
      } catch (JsonParseException | IllegalStateException e) {
        // never e.getMessage(): Gson quotes the text it could not read
        throw new AwsSetupException(
            "BOT_TOKEN_SECRET_ID: secret \""
                + secretId
                + "\" starts with '{' but is not a JSON object (value not shown)");
      }
      if (field == null
          || !field.isJsonPrimitive()
          || !field.getAsJsonPrimitive().isString()
          || field.getAsString().isBlank()) {
        throw new AwsSetupException(
            "BOT_TOKEN_SECRET_ID: secret \""
                + secretId
                + "\" is JSON without a string field \"token\" (value not shown)");
      }
      value = field.getAsString().strip();
    }
    if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
      throw new AwsSetupException(
          "BOT_TOKEN_SECRET_ID: secret \""
              + secretId
              + "\" does not hold a bot token (empty or with spaces; value not shown)");
    }
    return value;
  }

  @Override
  public String toString() {
    return "SecretsManagerBotToken[" + secretId + "]";
  }
}
