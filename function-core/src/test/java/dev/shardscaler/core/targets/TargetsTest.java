package dev.shardscaler.core.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardscaler.core.config.ConfigException;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.config.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The targets configuration: the seed's environment as before, a document checked as a whole. */
class TargetsTest {
  static final String MAIN = "MTAx.main.config_token";
  static final String PREMIUM = "MTAy.premium.config_token";

  static Map<String, String> seed() {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", MAIN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    return env;
  }

  static Map<String, String> several(String document) {
    Map<String, String> env = new HashMap<>();
    env.put("MAIN_BOT_TOKEN", MAIN);
    env.put("PREMIUM_BOT_TOKEN", PREMIUM);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_CONTAINER", "bot");
    env.put("SCALER_TARGETS", document);
    return env;
  }

  static final String TWO =
      """
      {"targets": [
        {"name": "main", "statefulSet": "bot", "token": {"env": "MAIN_BOT_TOKEN"}},
        {"name": "premium", "namespace": "premium", "statefulSet": "premium-bot",
         "container": "shard", "shardsPerBot": 8, "token": {"env": "PREMIUM_BOT_TOKEN"},
         "settings": {"SCALER_MAX_SHARDS": 64, "K8S_SCALEDOWN": true,
                      "SCALER_SCALEDOWN_WINDOW": "48h"}}
      ]}
      """;

  @Test
  void theSeedsEnvironmentIsOneTargetNamedAfterItsStatefulSet() {
    Targets targets = Targets.fromEnv(seed());

    assertThat(targets.single()).isTrue();
    assertThat(targets.names()).containsExactly("bot");
    TargetSpec spec = targets.specs().get(0);
    assertThat(spec.target()).isEqualTo(new Target("discord", "bot", "bot"));
    assertThat(spec.token()).isEqualTo(new TokenSource.Env("BOT_TOKEN"));
    assertThat(spec.env()).doesNotContainKey("BOT_TOKEN");
    assertThat(spec.settings(MAIN)).isEqualTo(Settings.fromEnv(seed()));
    assertThat(targets.notifications().enabled()).isFalse();
  }

  @Test
  void theSeedsProblemsAreReportedAsTheyAlwaysWere() {
    Map<String, String> env = seed();
    env.remove("BOT_TOKEN");
    env.put("K8S_SHARDS_PER_BOT", "zero");

    assertThatThrownBy(() -> Targets.fromEnv(env))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactly(
                        "missing required parameter \"BOT_TOKEN\"",
                        "K8S_SHARDS_PER_BOT must be an integer from 1 to 100000, got \"zero\""));
  }

  @Test
  void aDocumentGivesEachTargetTheGlobalKeysAndItsOwn() {
    Map<String, String> env = several(TWO);
    env.put("SCALER_MAX_SHARDS", "32");
    env.put("SCALER_MIN_INTERVAL", "2h");

    Targets targets = Targets.fromEnv(env);

    assertThat(targets.single()).isFalse();
    assertThat(targets.names()).containsExactly("main", "premium");
    Settings main = targets.named("main").settings(MAIN);
    Settings premium = targets.named("premium").settings(PREMIUM);
    assertThat(main.target()).isEqualTo(new Target("discord", "bot", "bot"));
    assertThat(main.maxShards()).isEqualTo(32);
    assertThat(main.shardsPerBot()).isEqualTo(1);
    assertThat(main.scaleDown()).isFalse();
    assertThat(premium.target()).isEqualTo(new Target("premium", "premium-bot", "shard"));
    assertThat(premium.shardsPerBot()).isEqualTo(8);
    assertThat(premium.maxShards()).isEqualTo(64);
    assertThat(premium.scaleDown()).isTrue();
    assertThat(premium.scaleDownWindow()).hasHours(48);
    assertThat(premium.minInterval()).as("global").hasHours(2);
    assertThat(premium.botToken().reveal()).isEqualTo(PREMIUM);
  }

  @Test
  void aDocumentMayComeFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("targets.json");
    Files.writeString(file, TWO);
    Map<String, String> env = several(TWO);
    env.remove("SCALER_TARGETS");
    env.put("SCALER_TARGETS_FILE", file.toString());

    assertThat(Targets.fromEnv(env).names()).containsExactly("main", "premium");
  }

  static Stream<Arguments> brokenDocuments() {
    String ok = "\"token\": {\"env\": \"MAIN_BOT_TOKEN\"}";
    return Stream.of(
        Arguments.of(
            "not JSON",
            "{\"targets\": [",
            List.of("SCALER_TARGETS is not valid JSON: line 1, column 14")),
        Arguments.of(
            "no targets",
            "{\"targets\": []}",
            List.of(
                "SCALER_TARGETS: \"targets\" must be a non-empty array of targets, got an array")),
        Arguments.of(
            "an unknown top-level field",
            "{\"target\": [], \"targets\": [{\"name\": \"a\", \"statefulSet\": \"a\", "
                + ok
                + "}]}",
            List.of("SCALER_TARGETS: unknown field \"target\" (the document has \"targets\")")),
        Arguments.of(
            "every problem of every target, each named",
            "{\"targets\": ["
                + "{\"name\": \"Main\", \"statefulSet\": \"bot\", "
                + ok
                + "},"
                + "{\"name\": \"b\", \"statefulSet\": \"b\", \"shardsPerBot\": 0,"
                + " \"token\": {\"env\": \"MISSING_TOKEN\"},"
                + " \"settings\": {\"SCALER_MAX_SHARDS\": \"lots\", \"K8S_STATEFULSET\": \"x\","
                + " \"SCALER_PASS_DEADLINE\": \"5m\", \"SCALER_MAXSHARDS\": 3}, \"replicas\": 2},"
                + "{\"name\": \"c\", \"statefulSet\": \"Bad_Name\", \"token\": {\"vault\": \"x\"}}"
                + "]}",
            List.of(
                "targets[0]: \"name\" must be a DNS label (lowercase letters, digits and '-', at"
                    + " most 63), got \"Main\"",
                "target \"b\": unknown field \"replicas\" (known: container, name, namespace,"
                    + " settings, shardsPerBot, statefulSet, token)",
                "target \"b\": \"shardsPerBot\" must be an integer from 1 to 100000, got 0",
                "target \"b\": setting K8S_STATEFULSET is the target's field \"statefulSet\": set"
                    + " that instead",
                "target \"b\": setting SCALER_PASS_DEADLINE applies to the whole pass: set it in"
                    + " the environment",
                "target \"b\": unknown setting \"SCALER_MAXSHARDS\"",
                "target \"b\": the environment variable MISSING_TOKEN is not set",
                "target \"b\": SCALER_MAX_SHARDS must be an integer from 1 to 100000, got"
                    + " \"lots\"",
                "target \"c\": unknown token source \"vault\" (known: env, file, awsSecret)",
                "target \"c\": \"statefulSet\" must be a Kubernetes object name, got"
                    + " \"Bad_Name\"")),
        Arguments.of(
            "the same name, StatefulSet or token twice",
            "{\"targets\": ["
                + "{\"name\": \"a\", \"statefulSet\": \"bot\", "
                + ok
                + "},"
                + "{\"name\": \"a\", \"statefulSet\": \"bot\", "
                + ok
                + "},"
                + "{\"name\": \"c\", \"statefulSet\": \"c\", \"token\": {\"env\": \"COPY\"}}"
                + "]}",
            List.of(
                "target \"a\": the name appears twice",
                "target \"a\": the StatefulSet discord/bot is also target \"a\"'s",
                "target \"a\": its token comes from the environment variable MAIN_BOT_TOKEN, as"
                    + " target \"a\"'s does",
                "target \"c\": the environment variable COPY holds the same bot token as target"
                    + " \"a\"'s (value not shown)")),
        Arguments.of(
            "no namespace anywhere, a token from AWS off AWS",
            "{\"targets\": [{\"name\": \"a\", \"statefulSet\": \"a\","
                + " \"token\": {\"awsSecret\": \"arn:aws:secretsmanager:x\"}}]}",
            List.of(
                "target \"a\": \"namespace\" is missing (and K8S_NAMESPACE, its default, is not"
                    + " set)",
                "target \"a\": token.awsSecret (the Secrets Manager secret"
                    + " arn:aws:secretsmanager:x) is read on AWS Lambda only")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenDocuments")
  void everyProblemOfTheDocumentIsNamedAtOnce(String name, String document, List<String> found) {
    Map<String, String> env = several(document);
    env.put("COPY", MAIN);
    if (name.startsWith("no namespace")) {
      env.remove("K8S_NAMESPACE");
    }

    assertThatThrownBy(() -> Targets.fromEnv(env))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              List<String> problems = ((ConfigException) e).problems();
              for (String expected : found) {
                assertThat(problems).anyMatch(p -> p.startsWith(expected));
              }
              assertThat(problems).hasSize(found.size());
              assertThat(String.join("\n", problems)).doesNotContain(MAIN).doesNotContain(PREMIUM);
            });
  }

  @Test
  void aGlobalProblemIsReportedOnceNotOncePerTarget() {
    Map<String, String> env = several(TWO);
    env.put("SCALER_MIN_INTERVAL", "soon");

    assertThatThrownBy(() -> Targets.fromEnv(env))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactly(
                        "SCALER_MIN_INTERVAL must be a duration (at most 3650d) such as 30s, 10m,"
                            + " 24h or PT24H, got \"soon\""));
  }

  @Test
  void theSeedsStatefulSetKeyBesideADocumentIsRefused() {
    Map<String, String> env = several(TWO);
    env.put("K8S_STATEFULSET", "bot");
    Map<String, String> both = several(TWO);
    both.put("SCALER_TARGETS_FILE", "/etc/shardscaler/targets.json");

    assertThatThrownBy(() -> Targets.fromEnv(env))
        .hasMessageContaining("K8S_STATEFULSET is set beside SCALER_TARGETS");
    assertThatThrownBy(() -> Targets.fromEnv(both))
        .hasMessageContaining("set SCALER_TARGETS or SCALER_TARGETS_FILE, not both");
  }

  @Test
  void anUnreadableFileIsNamed() {
    Map<String, String> env = several(TWO);
    env.remove("SCALER_TARGETS");
    env.put("SCALER_TARGETS_FILE", "/nonexistent/targets.json");

    assertThatThrownBy(() -> Targets.fromEnv(env))
        .hasMessageContaining(
            "SCALER_TARGETS_FILE: cannot read \"/nonexistent/targets.json\" (NoSuchFileException)");
  }

  @Test
  void tokensFromFilesAreReadAtStartAndProblemsNeverShowThem(@TempDir Path dir) throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "Bot " + PREMIUM + "\n");
    Path spaced = dir.resolve("spaced");
    Files.writeString(spaced, "MTA5 half token");
    String document =
        "{\"targets\": ["
            + "{\"name\": \"a\", \"statefulSet\": \"a\", \"token\": {\"file\": \""
            + token
            + "\"}},"
            + "{\"name\": \"b\", \"statefulSet\": \"b\", \"token\": {\"file\": \""
            + spaced
            + "\"}}"
            + "]}";

    assertThatThrownBy(() -> Targets.fromEnv(several(document)))
        .hasMessageContaining(
            "target \"b\": the file "
                + spaced
                + " does not hold a bot token (empty or with"
                + " spaces; value not shown)")
        .hasMessageNotContaining("half");
    assertThat(new LocalTokens(Map.of()).token(new TokenSource.File(token.toString())))
        .isEqualTo(PREMIUM);
  }

  @Test
  void webhookUrlsAreCheckedWithoutBeingShown() {
    Map<String, String> env = seed();
    env.put("SCALER_NOTIFY_DISCORD_WEBHOOK", "http://discord.com/api/webhooks/1/secret-part");
    env.put("SCALER_NOTIFY_WEBHOOK", "https://hooks.example/secret-part#x");
    env.put("SCALER_NOTIFY_TIMEOUT", "1m");
    env.put("SCALER_NOTIFY_STATE_CONFIGMAP", "shardscaler-params");

    assertThatThrownBy(() -> Targets.fromEnv(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SCALER_NOTIFY_DISCORD_WEBHOOK must be an https URL")
        .hasMessageContaining("SCALER_NOTIFY_WEBHOOK must not carry user info or a fragment")
        .hasMessageContaining("SCALER_NOTIFY_TIMEOUT must be a duration from 100ms to 10s")
        .hasMessageContaining("SCALER_NOTIFY_STATE_CONFIGMAP must not be \"shardscaler-params\"")
        .hasMessageNotContaining("secret-part");
  }

  @Test
  void notificationsNeedANamespaceForTheirMemory() {
    Map<String, String> env = several(TWO);
    env.remove("K8S_NAMESPACE");
    env.put(
        "SCALER_TARGETS",
        TWO.replace(
            "\"statefulSet\": \"bot\"", "\"namespace\": \"discord\", \"statefulSet\": \"bot\""));
    env.put("SCALER_NOTIFY_DISCORD_WEBHOOK", "https://discord.com/api/webhooks/1/abc");

    assertThatThrownBy(() -> Targets.fromEnv(env))
        .hasMessageContaining("missing required parameter \"SCALER_NOTIFY_STATE_NAMESPACE\"");
    env.put("SCALER_NOTIFY_STATE_NAMESPACE", "ops");
    Targets targets = Targets.fromEnv(env);
    assertThat(targets.notifications().stateNamespace()).isEqualTo("ops");
    assertThat(targets.notifications().discord()).hasToString("WebhookUrl[redacted]");
  }

  /**
   * Blue/green is the deployment's (its rights are every target's or none's); each target's sibling
   * is named after its own StatefulSet and must fit, and must not be another target's StatefulSet.
   */
  @Test
  void blueGreenNamesThatCannotWorkAreRefusedEachNamingItsTarget() {
    Map<String, String> env =
        several(
            """
            {"targets": [
              {"name": "main", "statefulSet": "bot", "token": {"env": "MAIN_BOT_TOKEN"}},
              {"name": "shadow", "statefulSet": "bot-b", "token": {"env": "PREMIUM_BOT_TOKEN"}},
              {"name": "long", "statefulSet": "a-very-long-statefulset-name-for-a-premium-bot-xyzw",
               "token": {"env": "THIRD_BOT_TOKEN"}, "settings": {"SCALER_STRATEGY": "rolling"}}
            ]}
            """);
    env.put("THIRD_BOT_TOKEN", "MTAz.third.config_token");
    env.put("SCALER_STRATEGY", "bluegreen");

    assertThatThrownBy(() -> Targets.fromEnv(env))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactlyInAnyOrder(
                        "target \"long\": setting SCALER_STRATEGY applies to every target (the"
                            + " deployment grants the blue/green rights to every target or to"
                            + " none): set it in the environment",
                        "target \"long\": K8S_STATEFULSET must be a DNS label of at most 50"
                            + " characters with SCALER_STRATEGY=bluegreen (its sibling"
                            + " a-very-long-statefulset-name-for-a-premium-bot-xyzw-b and the pods'"
                            + " revision label must fit in 63), got"
                            + " \"a-very-long-statefulset-name-for-a-premium-bot-xyzw\"",
                        "target \"main\": with SCALER_STRATEGY=bluegreen it reshards through the"
                            + " StatefulSet discord/bot-b, which is target \"shadow\"'s own (a"
                            + " reshard of the one would replace the other): rename one of them"));
    env.put("SCALER_STRATEGY", "rolling");
    env.put(
        "SCALER_TARGETS",
        env.get("SCALER_TARGETS").replace("\"SCALER_STRATEGY\": \"rolling\"", ""));
    assertThat(Targets.fromEnv(env).names()).containsExactly("main", "shadow", "long");
  }

  @Test
  void underBlueGreenEachTargetMayTuneItsOwnPropagationAndGrace() {
    Map<String, String> env =
        several(
            TWO.replace(
                "\"SCALER_SCALEDOWN_WINDOW\": \"48h\"",
                "\"SCALER_SCALEDOWN_WINDOW\": \"48h\", \"SCALER_BLUEGREEN_GRACE\": \"1h\""));
    env.put("SCALER_STRATEGY", "bluegreen");

    Targets targets = Targets.fromEnv(env);

    Settings main = targets.named("main").settings(MAIN);
    Settings premium = targets.named("premium").settings(PREMIUM);
    assertThat(main.strategy().blueGreen()).isTrue();
    assertThat(premium.strategy().blueGreen()).isTrue();
    assertThat(main.strategy().grace()).isEqualTo(java.time.Duration.ofMinutes(10));
    assertThat(premium.strategy().grace()).isEqualTo(java.time.Duration.ofHours(1));
  }
}
