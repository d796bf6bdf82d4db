package dev.shardscaler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The forms of secret string that hold a bot token, and the refusals that never show it. */
class SecretsManagerBotTokenTest {
  static final String ID = "arn:aws:secretsmanager:us-east-1:123456789012:secret:bot-AbCdEf";

  static Stream<Arguments> tokens() {
    return Stream.of(
        Arguments.of("raw", "MTA5.raw.token", "MTA5.raw.token"),
        Arguments.of("raw with a newline", "MTA5.raw.token\n", "MTA5.raw.token"),
        Arguments.of("JSON", "{\"token\":\"MTA5.json.token\"}", "MTA5.json.token"),
        Arguments.of(
            "JSON with more fields",
            " {\"app\":\"bot\",\"token\":\" MTA5.json.token \"}",
            "MTA5.json.token"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokens")
  void theTokenIsFound(String name, String secret, String token) {
    assertThat(SecretsManagerBotToken.parse(ID, secret)).isEqualTo(token);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("blank", "  ", "does not hold a bot token"),
        Arguments.of("with a space", "MTA5.half token", "does not hold a bot token"),
        Arguments.of("broken JSON", "{\"token\": \"MTA5.broken", "is not a JSON object"),
        Arguments.of("JSON array", "{\"token\": [\"MTA5.x\"]}", "without a string field"),
        Arguments.of("JSON without token", "{\"BOT_TOKEN\":\"MTA5.x\"}", "without a string field"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void anUnusableSecretIsNamedButNotShown(String name, String secret, String message) {
    assertThatThrownBy(() -> SecretsManagerBotToken.parse(ID, secret))
        .isInstanceOf(AwsSetupException.class)
        .hasMessageContaining(message)
        .hasMessageContaining(ID)
        .hasMessageNotContaining("MTA5");
  }

  @Test
  void itsStringFormNamesTheSecretOnly() {
    assertThat(new SecretsManagerBotToken(ID, () -> null))
        .hasToString("SecretsManagerBotToken[" + ID + "]");
  }
}
