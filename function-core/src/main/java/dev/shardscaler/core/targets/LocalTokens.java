package dev.shardscaler.core.targets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tokens from the process itself: environment variables and files, read again on every pass (a
 * rotated Kubernetes Secret reaches a mounted file without a restart). Secrets Manager sources are
 * a problem here; the Lambda adapter reads them.
 */
public final class LocalTokens implements TokenResolver {
  /** A token file larger than this is not a token. */
  static final long MAX_FILE_BYTES = 4096;

  private final Map<String, String> env;

  public LocalTokens(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public List<String> check(TokenSource source) {
    try {
      token(source);
      return List.of();
    } catch (TokenUnavailableException e) {
      return List.of(e.getMessage());
    }
  }

  @Override
  public String token(TokenSource source) {
    String value =
        switch (source) {
          case TokenSource.Env variable -> fromEnv(variable);
          case TokenSource.File file -> fromFile(file);
          case TokenSource.AwsSecret secret ->
              throw new TokenUnavailableException(
                  "token.awsSecret ("
                      + secret.describe()
                      + ") is read on AWS Lambda only: on this platform use token.env or"
                      + " token.file");
        };
    if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
      // never the value: it is the secret
      throw new TokenUnavailableException(
          source.describe() + " does not hold a bot token (empty or with spaces; value not shown)");
    }
    return value;
  }

  private String fromEnv(TokenSource.Env source) {
    String value = env.get(source.variable());
    if (value == null || value.isBlank()) {
      throw new TokenUnavailableException(source.describe() + " is not set");
    }
    return stripBotPrefix(value.strip());
  }

  private static String fromFile(TokenSource.File source) {
    Path path = Path.of(source.path());
    try {
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new TokenUnavailableException(
            source.describe() + " is larger than " + MAX_FILE_BYTES + " bytes: not a bot token");
      }
      return stripBotPrefix(Files.readString(path, StandardCharsets.UTF_8).strip());
    } catch (IOException | RuntimeException e) {
      if (e instanceof TokenUnavailableException known) {
        throw known;
      }
      throw new TokenUnavailableException(
          source.describe() + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** As BOT_TOKEN has always been read: a leading "Bot " is dropped. */
  private static String stripBotPrefix(String value) {
    return value.regionMatches(true, 0, "Bot ", 0, 4) ? value.substring(4).strip() : value;
  }
}
