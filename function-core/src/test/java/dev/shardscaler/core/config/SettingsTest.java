package dev.shardscaler.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsTest {
  static final String TOKEN = "MTA5.secret-token-value.XyZ";

  static Map<String, String> seedEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    return env;
  }

  @Test
  void theSeedsKeysAloneGiveTheDocumentedDefaults() {
    Settings settings = Settings.fromEnv(seedEnv());

    assertThat(settings.target()).isEqualTo(new Target("discord", "bot", "bot"));
    assertThat(settings.shardsPerBot()).isEqualTo(1);
    assertThat(settings.scaleUp()).isTrue();
    assertThat(settings.scaleDown()).isFalse();
    assertThat(settings.minShards()).isEqualTo(1);
    assertThat(settings.maxShards()).isNull();
    assertThat(settings.guildsPerShard()).isEqualTo(1000);
    assertThat(settings.shardMultiple()).isNull();
    assertThat(settings.identifyReserve()).isEqualTo(100);
    assertThat(settings.scaleDownWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(settings.minInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.rolloutTimeout()).as("auto: derived from the fleet").isNull();
    assertThat(settings.overrideTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(settings.passDeadline()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.dryRun()).isFalse();
    assertThat(settings.discordApiBaseUrl()).hasToString("https://discord.com/api/v10");
    assertThat(settings.shardsEnv()).isEqualTo("SHARDS");
    assertThat(settings.shardsPerBotEnv()).isEqualTo("SHARDS_PER_BOT");
  }

  @Test
  void everyKeyIsRead() {
    Map<String, String> env = seedEnv();
    env.putAll(
        Map.ofEntries(
            Map.entry("K8S_SHARDS_PER_BOT", "4"),
            Map.entry("K8S_SCALEUP", "0"),
            Map.entry("K8S_SCALEDOWN", "true"),
            Map.entry("SCALER_MIN_SHARDS", "2"),
            Map.entry("SCALER_MAX_SHARDS", "64"),
            Map.entry("SCALER_GUILDS_PER_SHARD", "800"),
            Map.entry("SCALER_SHARD_MULTIPLE", "16"),
            Map.entry("SCALER_IDENTIFY_RESERVE", "0"),
            Map.entry("SCALER_SCALEDOWN_WINDOW", "1h30m"),
            Map.entry("SCALER_MIN_INTERVAL", "PT10M"),
            Map.entry("SCALER_ROLLOUT_TIMEOUT", "45m"),
            Map.entry("SCALER_DRY_RUN", "yes"),
            Map.entry("DISCORD_API_BASE_URL", "http://127.0.0.1:8080/api/v10/"),
            Map.entry("SCALER_OVERRIDE_TTL", "6h"),
            Map.entry("SCALER_PASS_DEADLINE", "90s"),
            Map.entry("SCALER_SHARDS_ENV", "SHARD_COUNT"),
            Map.entry("SCALER_SHARDS_PER_BOT_ENV", "PER_POD"),
            Map.entry("SCALER_DISCORD_CONNECT_TIMEOUT", "2s"),
            Map.entry("SCALER_DISCORD_READ_TIMEOUT", "500ms"),
            Map.entry("SCALER_DISCORD_MAX_RETRY_WAIT", "0"),
            Map.entry("SCALER_K8S_TIMEOUT", "20s")));

    Settings settings = Settings.fromEnv(env);

    assertThat(settings.shardsPerBot()).isEqualTo(4);
    assertThat(settings.scaleUp()).isFalse();
    assertThat(settings.scaleDown()).isTrue();
    assertThat(settings.minShards()).isEqualTo(2);
    assertThat(settings.maxShards()).isEqualTo(64);
    assertThat(settings.guildsPerShard()).isEqualTo(800);
    assertThat(settings.shardMultiple()).isEqualTo(16);
    assertThat(settings.identifyReserve()).isZero();
    assertThat(settings.scaleDownWindow()).isEqualTo(Duration.ofMinutes(90));
    assertThat(settings.minInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.rolloutTimeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(settings.dryRun()).isTrue();
    assertThat(settings.discordApiBaseUrl()).hasToString("http://127.0.0.1:8080/api/v10");
    assertThat(settings.overrideTtl()).isEqualTo(Duration.ofHours(6));
    assertThat(settings.passDeadline()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.shardsEnv()).isEqualTo("SHARD_COUNT");
    assertThat(settings.shardsPerBotEnv()).isEqualTo("PER_POD");
    assertThat(settings.discordConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.discordReadTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.discordMaxRetryWait()).isZero();
    assertThat(settings.kubernetesTimeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void reportsEveryProblemAtOnceNamingKeyAndValue() {
    Map<String, String> env = new HashMap<>();
    env.put("K8S_NAMESPACE", "Discord_Bots");
    env.put("K8S_SHARDS_PER_BOT", "zero");
    env.put("K8S_SCALEUP", "maybe");
    env.put("SCALER_MIN_SHARDS", "10");
    env.put("SCALER_MAX_SHARDS", "5");
    env.put("SCALER_SCALEDOWN_WINDOW", "a day");
    env.put("DISCORD_API_BASE_URL", "discord.com");
    env.put("SCALER_SHARDS_ENV", "SHARDS");
    env.put("SCALER_SHARDS_PER_BOT_ENV", "SHARDS");

    assertThatThrownBy(() -> Settings.fromEnv(env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "missing required parameter \"BOT_TOKEN\"",
                        "K8S_NAMESPACE must be a Kubernetes namespace name, got \"Discord_Bots\"",
                        "missing required parameter \"K8S_STATEFULSET\"",
                        "missing required parameter \"K8S_CONTAINER\"",
                        "K8S_SHARDS_PER_BOT must be an integer from 1 to 100000, got \"zero\"",
                        "K8S_SCALEUP must be 1 or 0 (or true/false), got \"maybe\"",
                        "SCALER_MAX_SHARDS must be ≥ SCALER_MIN_SHARDS (10), got \"5\"",
                        "SCALER_SCALEDOWN_WINDOW must be a duration (at most 3650d) such as"
                            + " 30s, 10m, 24h or PT24H, got \"a day\"",
                        "DISCORD_API_BASE_URL must be an http(s) URL, got \"discord.com\"",
                        "SCALER_SHARDS_ENV and SCALER_SHARDS_PER_BOT_ENV must differ, both are"
                            + " \"SHARDS\""));
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("K8S_SHARDS_PER_BOT", "-1", "K8S_SHARDS_PER_BOT must be an integer"),
        Arguments.of("SCALER_GUILDS_PER_SHARD", "3000", "from 1 to 2500, got \"3000\""),
        Arguments.of("SCALER_SHARD_MULTIPLE", "seven", "SCALER_SHARD_MULTIPLE must be"),
        Arguments.of("SCALER_IDENTIFY_RESERVE", "-5", "SCALER_IDENTIFY_RESERVE must be"),
        Arguments.of("SCALER_ROLLOUT_TIMEOUT", "10s", "from 1m to 168h"),
        Arguments.of("SCALER_ROLLOUT_TIMEOUT", "soon", "from 1m to 168h"),
        Arguments.of(
            "SCALER_SCALEDOWN_WINDOW", "99999999999999999d", "SCALER_SCALEDOWN_WINDOW must be"),
        Arguments.of("SCALER_MIN_INTERVAL", "PT9999999999H", "SCALER_MIN_INTERVAL must be"),
        Arguments.of("SCALER_OVERRIDE_TTL", "31d", "from 1m to 720h"),
        Arguments.of("SCALER_PASS_DEADLINE", "1s", "from 5s to 14m"),
        Arguments.of("SCALER_K8S_TIMEOUT", "30s", "must be at least 3 × SCALER_K8S_TIMEOUT (30s)"),
        Arguments.of("SCALER_MAX_SHARDS", "200000", "from 1 to 100000"),
        Arguments.of(
            "DISCORD_API_BASE_URL", "http://proxy.internal:8080/api/v10", "must be an https URL"),
        Arguments.of("SCALER_MIN_INTERVAL", "-1h", "SCALER_MIN_INTERVAL must be a duration"),
        Arguments.of("K8S_STATEFULSET", "Bot!", "K8S_STATEFULSET must be a Kubernetes object"),
        Arguments.of("SCALER_SHARDS_ENV", "1SHARDS", "an environment variable name"),
        Arguments.of("DISCORD_API_BASE_URL", "ftp://x/api", "must be an http(s) URL"),
        Arguments.of("SCALER_STRATEGY", "canary", "must be rolling or bluegreen, got \"canary\""),
        Arguments.of("SCALER_BLUEGREEN_PROPAGATION", "0", "from 1s to 1h"),
        Arguments.of("SCALER_BLUEGREEN_GRACE", "8d", "from 0s to 168h"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void rejectsABadValue(String key, String value, String expected) {
    Map<String, String> env = seedEnv();
    env.put(key, value);

    assertThatThrownBy(() -> Settings.fromEnv(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected)
        .hasMessageContaining(key);
  }

  @Test
  void theTokenNeverAppearsInToStringOrProblems() {
    Settings settings = Settings.fromEnv(seedEnv());
    assertThat(settings.toString()).doesNotContain(TOKEN).contains("BotToken[redacted]");
    assertThat(settings.botToken().reveal()).isEqualTo(TOKEN);

    Map<String, String> env = seedEnv();
    env.put("BOT_TOKEN", "Bot two words " + TOKEN);
    assertThatThrownBy(() -> Settings.fromEnv(env))
        .hasMessageContaining("BOT_TOKEN")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("two"));
  }

  @Test
  void plainHttpIsAllowedToLoopbackOnly() {
    for (String url :
        new String[] {
          "http://127.0.0.1:9/api/v10", "http://localhost:9/api", "http://[::1]:9/api", "https://x"
        }) {
      Map<String, String> env = seedEnv();
      env.put("DISCORD_API_BASE_URL", url);
      assertThat(Settings.fromEnv(env).discordApiBaseUrl().toString()).isEqualTo(url);
    }
    Map<String, String> env = seedEnv();
    env.put("DISCORD_API_BASE_URL", "http://127.0.0.1.example.com/api");
    assertThatThrownBy(() -> Settings.fromEnv(env)).hasMessageContaining("must be an https URL");
  }

  @Test
  void rolloutTimeoutAcceptsAutoOrADuration() {
    Map<String, String> env = seedEnv();
    env.put("SCALER_ROLLOUT_TIMEOUT", "AUTO");
    assertThat(Settings.fromEnv(env).rolloutTimeout()).isNull();
    env.put("SCALER_ROLLOUT_TIMEOUT", "2h");
    assertThat(Settings.fromEnv(env).rolloutTimeout()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void theStrategyIsRollingUnlessBlueGreenIsAsked() {
    Map<String, String> env = seedEnv();
    assertThat(Settings.fromEnv(env).strategy()).isEqualTo(Strategy.ROLLING);
    env.put("SCALER_STRATEGY", "BlueGreen");
    env.put("SCALER_BLUEGREEN_PROPAGATION", "3m");
    env.put("SCALER_BLUEGREEN_GRACE", "0");
    Strategy strategy = Settings.fromEnv(env).strategy();
    assertThat(strategy.blueGreen()).isTrue();
    assertThat(strategy.propagation()).isEqualTo(Duration.ofMinutes(3));
    assertThat(strategy.grace()).isZero();
  }

  @Test
  void blueGreenNeedsANameWhoseSiblingsPodsFitTheirLabels() {
    Map<String, String> env = seedEnv();
    env.put("SCALER_STRATEGY", "bluegreen");
    env.put("K8S_STATEFULSET", "a".repeat(51));
    assertThatThrownBy(() -> Settings.fromEnv(env))
        .hasMessageContaining(
            "K8S_STATEFULSET must be a DNS label of at most 50 characters with"
                + " SCALER_STRATEGY=bluegreen (its sibling "
                + "a".repeat(51)
                + "-b");
    env.put("K8S_STATEFULSET", "a".repeat(50));
    assertThat(Settings.fromEnv(env).target().statefulSet()).hasSize(50);
    env.put("SCALER_STRATEGY", "rolling");
    env.put("K8S_STATEFULSET", "a".repeat(60));
    assertThat(Settings.fromEnv(env).strategy().blueGreen()).isFalse();
  }

  @Test
  void aBotPrefixOnTheTokenIsDropped() {
    Map<String, String> env = seedEnv();
    env.put("BOT_TOKEN", "Bot " + TOKEN);

    assertThat(Settings.fromEnv(env).botToken().reveal()).isEqualTo(TOKEN);
  }
}
