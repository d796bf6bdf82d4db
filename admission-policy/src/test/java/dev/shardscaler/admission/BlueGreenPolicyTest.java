package dev.shardscaler.admission;

import static dev.shardscaler.admission.StatefulSets.NAMESPACE;
import static dev.shardscaler.admission.StatefulSets.container;
import static dev.shardscaler.admission.StatefulSets.env;
import static dev.shardscaler.admission.StatefulSets.metadata;
import static dev.shardscaler.admission.StatefulSets.podSpec;
import static dev.shardscaler.admission.StatefulSets.spec;
import static dev.shardscaler.admission.StatefulSets.strings;
import static dev.shardscaler.admission.StatefulSets.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.bluegreen.SiblingSet;
import dev.shardscaler.core.bluegreen.SwitchObject;
import dev.shardscaler.core.bluegreen.SwitchState;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.BotSet;
import dev.shardscaler.core.kubernetes.EnvNames;
import dev.shardscaler.core.kubernetes.SnapshotReader;
import dev.shardscaler.core.plan.ShardCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The blue/green policies of infra/k8s/bluegreen, and the blue/green rules of the StatefulSet
 * policy, over the sibling and the switch the scaler really builds ({@link SiblingSet}, {@link
 * SwitchObject}) and over what it never builds: a sibling that is not the bot's copy, one with
 * other metadata, another name, a ConfigMap that is not the switch. What the scaler writes in a
 * whole reshard is in {@link BlueGreenWritesIT}.
 */
class BlueGreenPolicyTest {
  static final String SCALER = StatefulSetPolicyTest.SCALER;
  static final EnvNames NAMES = new EnvNames("SHARDS", "SHARDS_PER_BOT");
  static final Map<String, Object> PARAMS = Infra.blueGreenParams(NAMESPACE);
  static final Map<String, Object> ROLLING = Infra.params(NAMESPACE);

  private final Admission admission = new Admission();

  @Test
  void everyExpressionCompilesAndTheIdentityTestIsTheStatefulSetPolicys() {
    for (AdmissionPolicy policy :
        List.of(Infra.siblingsPolicy(), Infra.siblingTemplatePolicy(), Infra.switchPolicy())) {
      policy.expressions().forEach(admission::program);
      assertThat(policy.failurePolicy()).isEqualTo("Fail");
    }
    assertThat(Infra.siblingsPolicy().matchConditions())
        .isEqualTo(Infra.statefulSetPolicy().matchConditions());
    assertThat(Infra.switchPolicy().matchConditions())
        .isEqualTo(Infra.statefulSetPolicy().matchConditions());
    assertThat(Infra.siblingTemplatePolicy().matchConditions())
        .as("whoever creates a labelled sibling must copy the bot")
        .isEmpty();
  }

  // ---- the sibling ---------------------------------------------------------------------------

  @Test
  void theSiblingTheScalerBuildsIsAdmitted() {
    for (Verdict verdict : createSibling(SCALER, sibling(), PARAMS)) {
      assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.ADMITTED);
    }
  }

  @Test
  void withoutBlueGreenInTheParamsNoSiblingIsCreated() {
    List<Verdict> verdicts = createSibling(SCALER, sibling(), ROLLING);

    assertThat(verdicts.get(0).messages())
        .contains(
            "the scaler may update its target StatefulSets, never create or delete one (with"
                + " bluegreen: true, only their siblings <target>-b)");
    assertThat(verdicts.get(1).messages())
        .anyMatch(m -> m.startsWith("the scaler may create or delete only the blue/green sibling"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("siblingsTheScalerNeverBuilds")
  void aSiblingThatIsNotTheBotsCopyIsDenied(
      String change, Consumer<JsonObject> edit, String message) {
    JsonObject sibling = StatefulSets.with(sibling(), edit);

    List<Verdict> verdicts = createSibling(SCALER, sibling, PARAMS);

    assertThat(verdicts).anyMatch(v -> v.outcome() == Verdict.Outcome.DENIED);
    assertThat(verdicts).noneMatch(Verdict::hasErrors);
    assertThat(verdicts.stream().flatMap(v -> v.messages().stream()))
        .anyMatch(m -> m.contains(message));
  }

  static Stream<Arguments> siblingsTheScalerNeverBuilds() {
    return Stream.of(
        row(
            "another image",
            s -> container(s, "bot").addProperty("image", "evil/bot:1"),
            "container bot is bot's but its env"),
        row(
            "another command",
            s -> container(s, "bot").add("command", strings("/bin/sh", "-c", "curl x | sh")),
            "container bot is bot's but its env"),
        row(
            "another service account",
            s -> podSpec(s).addProperty("serviceAccountName", "admin"),
            "pod spec is bot's; changed: serviceAccountName"),
        row(
            "a hostPath volume",
            s ->
                podSpec(s)
                    .getAsJsonArray("volumes")
                    .add(
                        JsonParser.parseString(
                            "{\"name\":\"root\",\"hostPath\":{\"path\":\"/\"}}")),
            "pod spec is bot's; changed: volumes"),
        row(
            "another container's env (the sidecar's SHARDS)",
            s -> env(s, "log-shipper", "SHARDS").addProperty("value", "99"),
            "containers are bot's"),
        row(
            "another Secret for the token",
            s ->
                env(s, "bot", "BOT_TOKEN")
                    .getAsJsonObject("valueFrom")
                    .getAsJsonObject("secretKeyRef")
                    .addProperty("name", "admin-token"),
            "env in bot is bot's but for the values of SHARDS and SHARDS_PER_BOT"),
        row(
            "an extra variable",
            s ->
                container(s, "bot")
                    .getAsJsonArray("env")
                    .add(StatefulSets.envVar("NODE_OPTIONS", "--inspect")),
            "env in bot is bot's but for the values"),
        row(
            "a pod annotation added",
            s ->
                template(s)
                    .getAsJsonObject("metadata")
                    .getAsJsonObject("annotations")
                    .addProperty("x", "y"),
            "pod template metadata is bot's"),
        row(
            "the set label with the bot's own value",
            s ->
                template(s)
                    .getAsJsonObject("metadata")
                    .getAsJsonObject("labels")
                    .addProperty("shardscaler.dev/set", "bot"),
            "pod template metadata is bot's plus the label shardscaler.dev/set=bot-b"),
        row(
            "a selector that also selects the bot's pods",
            s ->
                spec(s)
                    .getAsJsonObject("selector")
                    .getAsJsonObject("matchLabels")
                    .remove("shardscaler.dev/set"),
            "selector is bot's plus shardscaler.dev/set=bot-b"),
        row(
            "volumeClaimTemplates added",
            s ->
                spec(s)
                    .add(
                        "volumeClaimTemplates",
                        JsonParser.parseString("[{\"metadata\":{\"name\":\"data\"}}]")),
            "spec is bot's but for replicas; changed: volumeClaimTemplates"),
        row(
            "Parallel pod management",
            s -> spec(s).addProperty("podManagementPolicy", "Parallel"),
            "changed: podManagementPolicy"),
        row(
            "a tracking label of a GitOps tool",
            s -> labels(s).addProperty("app.kubernetes.io/instance", "bots"),
            "a sibling carries exactly the labels"),
        row(
            "no set-of label",
            s -> labels(s).remove("shardscaler.dev/set-of"),
            "a sibling carries exactly the labels"),
        row(
            "no owner",
            s -> metadata(s).remove("ownerReferences"),
            "one ownerReference, to StatefulSet bot"),
        row(
            "owned as a controller",
            s -> owner(s).addProperty("controller", true),
            "neither controller nor blocking its deletion"),
        row(
            "blocking the bot's deletion",
            s -> owner(s).addProperty("blockOwnerDeletion", true),
            "neither controller nor blocking its deletion"),
        row(
            "a finalizer",
            s -> metadata(s).add("finalizers", strings("example.com/hold")),
            "a sibling has no finalizers"),
        row(
            "a foreign annotation",
            s -> metadata(s).getAsJsonObject("annotations").addProperty("team", "x"),
            "only shardscaler.dev/ annotations"),
        row(
            "naming the sidecar as the managed container",
            s ->
                metadata(s)
                    .getAsJsonObject("annotations")
                    .addProperty(SiblingSet.CONTAINER, "log-shipper"),
            "shardscaler.dev/container: bot"),
        row(
            "more replicas than the cap",
            s -> spec(s).addProperty("replicas", 65),
            "spec.replicas from 1 to maxShards (64)"),
        row(
            "a total that is no number",
            s -> env(s, "bot", "SHARDS").addProperty("value", "$(id)"),
            "as {name, value} with a whole number"));
  }

  @Test
  void onlyTheSiblingOfATargetMayBeCreated() {
    JsonObject database =
        StatefulSets.with(sibling(), s -> metadata(s).addProperty("name", "database-b"));
    JsonObject thirdSet =
        StatefulSets.with(sibling(), s -> metadata(s).addProperty("name", "bot-c"));

    for (JsonObject other : List.of(database, thirdSet)) {
      List<Verdict> verdicts = createSibling(SCALER, other, PARAMS);
      assertThat(verdicts.get(0).reasons()).containsExactly("Forbidden");
      assertThat(verdicts.get(1).messages())
          .anyMatch(m -> m.contains("only the blue/green sibling <target>-b of a target (bot-b)"));
      assertThat(verdicts.get(2).messages())
          .as("the template policy checks the name too")
          .contains("a StatefulSet labelled shardscaler.dev/set-of=bot must be named bot-b");
    }
  }

  @Test
  void aPersonCreatingALabelledSetThatIsNoCopyIsDeniedToo() {
    JsonObject evil =
        StatefulSets.with(sibling(), s -> container(s, "bot").addProperty("image", "evil/bot:1"));

    List<Verdict> verdicts = createSibling("kubernetes-admin", evil, PARAMS);

    assertThat(verdicts.get(0).outcome()).isEqualTo(Verdict.Outcome.NOT_MATCHED);
    assertThat(verdicts.get(1).outcome()).isEqualTo(Verdict.Outcome.NOT_MATCHED);
    assertThat(verdicts.get(2).outcome()).isEqualTo(Verdict.Outcome.DENIED);
  }

  @Test
  void theSiblingMayBeDeletedTheBotsOwnSetNever() {
    JsonObject sibling = sibling();
    JsonObject bot = StatefulSets.bot();

    for (AdmissionPolicy policy : List.of(Infra.statefulSetPolicy(), Infra.siblingsPolicy())) {
      assertThat(admission.review(policy, delete(sibling), PARAMS).outcome())
          .isEqualTo(Verdict.Outcome.ADMITTED);
      assertThat(admission.review(policy, delete(bot), PARAMS).reasons())
          .containsExactly("Forbidden");
    }
    JsonObject unlabelled =
        StatefulSets.with(sibling, s -> labels(s).remove("shardscaler.dev/set-of"));
    assertThat(admission.review(Infra.siblingsPolicy(), delete(unlabelled), PARAMS).outcome())
        .isEqualTo(Verdict.Outcome.DENIED);
  }

  @Test
  void setsMayBeScaledToZeroOnlyWithBlueGreen() {
    JsonObject bot = StatefulSets.bot();
    JsonObject drained = StatefulSets.with(bot, s -> spec(s).addProperty("replicas", 0));

    assertThat(admission.review(Infra.statefulSetPolicy(), update(drained, bot), PARAMS).outcome())
        .isEqualTo(Verdict.Outcome.ADMITTED);
    assertThat(
            admission.review(Infra.statefulSetPolicy(), update(drained, bot), ROLLING).messages())
        .anyMatch(
            m -> m.contains("the scaler may set spec.replicas from 1 to maxShards (64), not 0"));

    JsonObject sibling = sibling();
    JsonObject siblingDrained = StatefulSets.with(sibling, s -> spec(s).addProperty("replicas", 0));
    assertThat(
            admission
                .review(Infra.statefulSetPolicy(), update(siblingDrained, sibling), PARAMS)
                .outcome())
        .isEqualTo(Verdict.Outcome.ADMITTED);
    JsonObject siblingImage =
        StatefulSets.with(sibling, s -> container(s, "bot").addProperty("image", "evil/bot:1"));
    assertThat(
            admission
                .review(Infra.statefulSetPolicy(), update(siblingImage, sibling), PARAMS)
                .messages())
        .anyMatch(m -> m.contains("may change only the env of container bot; changed: image"));
  }

  @Test
  void comparingTheSiblingOfAHugeStatefulSetStaysFarBelowTheCelBudget() {
    JsonObject huge = StatefulSets.bot();
    JsonArray containers = podSpec(huge).getAsJsonArray("containers");
    for (int c = 0; c < 10; c++) {
      JsonObject sidecar = container(huge, "log-shipper").deepCopy();
      sidecar.addProperty("name", "sidecar-" + c);
      containers.add(sidecar);
    }
    containers.forEach(
        c -> {
          for (int i = 0; i < 100; i++) {
            c.getAsJsonObject()
                .getAsJsonArray("env")
                .add(StatefulSets.envVar("SETTING_" + i, "x".repeat(200)));
          }
        });
    BotSet original =
        new BotSet(huge, SnapshotReader.read(new Target(NAMESPACE, "bot", "bot"), huge, NAMES));
    JsonObject sibling = SiblingSet.from(original, "bot-b", ShardCounts.of(16, 4), NAMES, Map.of());
    CostEstimate cost = new CostEstimate();

    Verdict verdict =
        admission.review(
            Infra.siblingTemplatePolicy(),
            StatefulSetPolicyTest.request("CREATE", SCALER, List.of(), sibling, null),
            asParams(huge),
            cost);

    System.out.println("estimated cost, sibling of 12 containers x 100 env: " + cost.total());
    assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.ADMITTED);
    assertThat(cost.total()).isLessThan(PolicyCostTest.PER_EXPRESSION_LIMIT);
  }

  // ---- the switch ----------------------------------------------------------------------------

  @Test
  void theSwitchTheScalerBuildsMayBeCreatedAndItsDataUpdated() {
    JsonObject created = switchMap();
    JsonObject updated =
        StatefulSets.with(
            created,
            c -> {
              c.add("data", new JsonObject());
              starting()
                  .overlap(Instant.parse("2026-11-28T12:05:00Z"))
                  .toData()
                  .forEach(c.getAsJsonObject("data")::addProperty);
            });

    assertThat(review(configMapRequest("CREATE", SCALER, created, null)).outcome())
        .isEqualTo(Verdict.Outcome.ADMITTED);
    assertThat(review(configMapRequest("UPDATE", SCALER, updated, created)).outcome())
        .isEqualTo(Verdict.Outcome.ADMITTED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configMapsTheScalerNeverWrites")
  void aConfigMapWriteThatIsNotTheSwitchIsDenied(
      String change, String operation, Consumer<JsonObject> edit, String message) {
    JsonObject original = switchMap();
    JsonObject changed = StatefulSets.with(original, edit);
    Admission.Request request =
        switch (operation) {
          case "CREATE" -> configMapRequest("CREATE", SCALER, changed, null);
          case "UPDATE" -> configMapRequest("UPDATE", SCALER, changed, original);
          default -> configMapRequest("DELETE", SCALER, null, original);
        };

    Verdict verdict = review(request);

    assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.DENIED);
    assertThat(verdict.hasErrors()).as("%s", verdict).isFalse();
    assertThat(verdict.messages()).anyMatch(m -> m.contains(message));
  }

  static Stream<Arguments> configMapsTheScalerNeverWrites() {
    return Stream.of(
        Arguments.of(
            "the policies' own params",
            "CREATE",
            (Consumer<JsonObject>) c -> metadata(c).addProperty("name", "shardscaler-params"),
            "may only write the blue/green switch <target>-switch of a target (bot-switch)"),
        Arguments.of(
            "another ConfigMap",
            "CREATE",
            (Consumer<JsonObject>) c -> metadata(c).addProperty("name", "bot-config"),
            "may only write the blue/green switch"),
        Arguments.of(
            "an unknown key",
            "CREATE",
            (Consumer<JsonObject>)
                c -> c.getAsJsonObject("data").addProperty("script", "curl x | sh"),
            "a switch holds only the keys"),
        Arguments.of(
            "a foreign set named active",
            "UPDATE",
            (Consumer<JsonObject>) c -> c.getAsJsonObject("data").addProperty("active", "database"),
            "active names only bot and bot-b"),
        Arguments.of(
            "binary data",
            "CREATE",
            (Consumer<JsonObject>)
                c -> c.add("binaryData", JsonParser.parseString("{\"x\":\"eA==\"}")),
            "a switch holds only the keys"),
        Arguments.of(
            "a label added",
            "CREATE",
            (Consumer<JsonObject>) c -> labels(c).addProperty("app.kubernetes.io/instance", "bots"),
            "a switch carries exactly the labels"),
        Arguments.of(
            "an annotation",
            "CREATE",
            (Consumer<JsonObject>)
                c -> metadata(c).add("annotations", JsonParser.parseString("{\"x\":\"y\"}")),
            "no annotations and no finalizers"),
        Arguments.of(
            "its labels changed later",
            "UPDATE",
            (Consumer<JsonObject>)
                c -> labels(c).addProperty("shardscaler.dev/switch-of", "database"),
            "the scaler may change a switch's data, never its metadata"),
        Arguments.of(
            "a delete",
            "DELETE",
            (Consumer<JsonObject>) c -> {},
            "the scaler never deletes a ConfigMap"));
  }

  @Test
  void noSwitchWithoutBlueGreenInTheParams() {
    Verdict verdict =
        admission.review(
            Infra.switchPolicy(), configMapRequest("CREATE", SCALER, switchMap(), null), ROLLING);

    assertThat(verdict.reasons()).containsExactly("Forbidden");
  }

  @Test
  void othersWritingConfigMapsAreNotMatched() {
    JsonObject params =
        StatefulSets.with(switchMap(), c -> metadata(c).addProperty("name", "shardscaler-params"));

    assertThat(
            review(configMapRequest("UPDATE", "kubernetes-admin", params, switchMap())).outcome())
        .isEqualTo(Verdict.Outcome.NOT_MATCHED);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The verdicts of the StatefulSet policy, the siblings policy and the template policy. */
  private List<Verdict> createSibling(String user, JsonObject sibling, Map<String, Object> params) {
    Admission.Request request =
        StatefulSetPolicyTest.request("CREATE", user, List.of(), sibling, null);
    return List.of(
        admission.review(Infra.statefulSetPolicy(), request, params),
        admission.review(Infra.siblingsPolicy(), request, params),
        admission.review(Infra.siblingTemplatePolicy(), request, asParams(StatefulSets.bot())));
  }

  private Verdict review(Admission.Request request) {
    return admission.review(Infra.switchPolicy(), request, PARAMS);
  }

  static Admission.Request delete(JsonObject old) {
    return StatefulSetPolicyTest.request("DELETE", SCALER, List.of(), null, old);
  }

  static Admission.Request update(JsonObject object, JsonObject old) {
    return StatefulSetPolicyTest.request("UPDATE", SCALER, List.of(), object, old);
  }

  static Admission.Request configMapRequest(
      String operation, String user, JsonObject object, JsonObject old) {
    JsonObject named = object != null ? object : old;
    return new Admission.Request(
        operation,
        "",
        "v1",
        "configmaps",
        NAMESPACE,
        metadata(named).get("name").getAsString(),
        user,
        List.of(),
        object,
        old);
  }

  /** A StatefulSet as a policy's params: the unstructured object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> asParams(JsonObject statefulSet) {
    return (Map<String, Object>) CelValues.of(statefulSet);
  }

  /** The bot's own set, as the scaler reads it. */
  static BotSet original() {
    JsonObject json = StatefulSets.bot();
    return new BotSet(json, SnapshotReader.read(new Target(NAMESPACE, "bot", "bot"), json, NAMES));
  }

  /** The sibling the scaler creates from it, for 16 shards. */
  static JsonObject sibling() {
    JsonObject sibling =
        SiblingSet.from(
            original(),
            "bot-b",
            ShardCounts.of(16, 4),
            NAMES,
            Map.of("shardscaler.dev/last-change", "2026-11-28T12:00:00Z 12→16"));
    metadata(sibling).addProperty("uid", "5a1c0f3e-2b4d-4e6f-8a9b-0c1d2e3f4a5b");
    metadata(sibling).addProperty("generation", 1);
    return sibling;
  }

  static SwitchState starting() {
    return SwitchState.starting(
        "bot",
        "bot-b",
        ShardCounts.of(16, 4),
        Instant.parse("2026-11-28T12:00:00Z"),
        Duration.ofMinutes(30));
  }

  static JsonObject switchMap() {
    return SwitchObject.configMap(original(), "bot-switch", starting());
  }

  private static JsonObject labels(JsonObject object) {
    return metadata(object).getAsJsonObject("labels");
  }

  private static JsonObject owner(JsonObject object) {
    JsonArray owners = metadata(object).getAsJsonArray("ownerReferences");
    JsonElement first = owners.get(0);
    return first.getAsJsonObject();
  }

  private static Arguments row(String change, Consumer<JsonObject> edit, String message) {
    return Arguments.of(change, edit, message);
  }
}
