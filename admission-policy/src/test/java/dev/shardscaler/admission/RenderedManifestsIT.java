package dev.shardscaler.admission;

import static dev.shardscaler.admission.StatefulSets.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.shardscaler.core.bluegreen.SiblingSet;
import dev.shardscaler.core.config.Sibling;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.kubernetes.BotSet;
import dev.shardscaler.core.kubernetes.SnapshotReader;
import dev.shardscaler.core.plan.ShardCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every deployment ships the same admission policies, and the params it renders confine the
 * identity that deployment gives the scaler: the kustomize builds of infra/k8s and infra/knative
 * (kubectl kustomize), and the manifest infra/aws and infra/gcp render through
 * infra/cluster-manifest (terraform apply of that provider-less module, offline).
 */
class RenderedManifestsIT {
  private static final String EKS_GROUP = "shardscaler";
  private static final String EKS_USER =
      "arn:aws:sts::123456789012:assumed-role/shardscaler-lambda/1732795200000";
  private static final String GKE_USER = "shardscaler-fn@my-bot-project.iam.gserviceaccount.com";

  /** One bot, discord/bot, as infra/aws and infra/gcp pass it for statefulset_name = "bot". */
  private static final String ONE_BOT = targets(target("bot", "discord", "bot", 64));

  /** discord/bot, discord/premium (its own cap, 32) and staging/staging-bot. */
  private static final String THREE_TARGETS =
      targets(
          target("main", "discord", "bot", 64),
          target("premium", "discord", "premium", 32),
          target("staging", "staging", "staging-bot", 16));

  @TempDir Path tmp;
  private final Admission admission = new Admission();
  private int renders;

  @Test
  void theKustomizeBuildsShipThePoliciesAndConfineTheirServiceAccount() throws Exception {
    for (String dir : List.of("infra/k8s", "infra/knative")) {
      List<Map<String, Object>> docs = kustomize(dir);
      String namespace = dir.equals("infra/knative") ? "default" : "discord";

      assertShipsThePolicies(dir, docs, List.of());
      Map<String, Object> params =
          Infra.configMap(
              new Yaml().dump(named(docs, "ConfigMap", "shardscaler-params")), namespace);
      assertConfines(
          dir,
          params,
          namespace,
          "system:serviceaccount:" + namespace + ":shardscaler",
          List.of("system:serviceaccounts"));
    }
  }

  /**
   * The two-bot overlays: the params name both StatefulSets, so a reshard of either is admitted
   * (premium within its own cap), a third StatefulSet is refused, and an attack on either denied.
   */
  @Test
  void theSeveralTargetsBuildsConfineEveryTargetAndNoOther() throws Exception {
    for (String dir : List.of("infra/several-targets/cronjob", "infra/several-targets/knative")) {
      List<Map<String, Object>> docs = kustomize(dir);
      String namespace = dir.endsWith("knative") ? "default" : "discord";
      String user = "system:serviceaccount:" + namespace + ":shardscaler";
      List<String> groups = List.of("system:serviceaccounts");

      assertShipsThePolicies(dir, docs, List.of());
      Map<String, Object> params =
          Infra.configMap(
              new Yaml().dump(named(docs, "ConfigMap", "shardscaler-params")), namespace);
      assertConfines(dir, params, namespace, user, groups);
      assertConfines(dir, params, namespace, user, groups, "premium", Verdict.Outcome.ADMITTED);
      assertConfines(dir, params, namespace, user, groups, "staging", Verdict.Outcome.DENIED);
      // Each StatefulSet under its own cap: 40 replicas are within bot's 64, beyond premium's 32.
      assertThat(scaleTo(params, namespace, user, groups, "bot", 40).outcome())
          .as("%s: bot to 40", dir)
          .isEqualTo(Verdict.Outcome.ADMITTED);
      assertThat(scaleTo(params, namespace, user, groups, "premium", 40).outcome())
          .as("%s: premium to 40", dir)
          .isEqualTo(Verdict.Outcome.DENIED);
      assertThat(scaleTo(params, namespace, user, groups, "premium", 32).outcome())
          .as("%s: premium to 32", dir)
          .isEqualTo(Verdict.Outcome.ADMITTED);
    }
  }

  /**
   * The policy's verdict on the scaler resharding StatefulSet {@code name} to {@code replicas} pods
   * of one shard each.
   */
  private Verdict scaleTo(
      Map<String, Object> params,
      String namespace,
      String user,
      List<String> groups,
      String name,
      int replicas) {
    JsonObject old =
        StatefulSets.with(
            StatefulSets.bot(),
            s -> {
              StatefulSets.metadata(s).addProperty("namespace", namespace);
              StatefulSets.metadata(s).addProperty("name", name);
            });
    // One shard per pod, so replicas and SHARDS both meet the cap, and replicas match the env.
    JsonObject scaled =
        StatefulSets.with(
            old,
            s -> {
              StatefulSets.spec(s).addProperty("replicas", replicas);
              StatefulSets.env(s, "bot", "SHARDS").addProperty("value", String.valueOf(replicas));
              StatefulSets.env(s, "bot", "SHARDS_PER_BOT").addProperty("value", "1");
            });
    return admission.review(
        Infra.statefulSetPolicy(),
        inNamespace(StatefulSetPolicyTest.update(user, groups, scaled, old), namespace),
        params);
  }

  /**
   * Several targets through infra/cluster-manifest: each namespace's params name its own
   * StatefulSets, with each one's cap; the memory's namespace grants the one ConfigMap only.
   */
  @Test
  void theTerraformManifestForSeveralTargetsConfinesEachNamespace() throws Exception {
    List<Map<String, Object>> docs = terraform("Group", EKS_GROUP, THREE_TARGETS, "ops", "rolling");
    List<String> groups = List.of(EKS_GROUP, "system:authenticated");

    assertShipsThePolicies("cluster-manifest (several)", docs, List.of());
    Map<String, Object> discord = paramsIn(docs, "discord");
    assertThat(data(discord))
        .containsEntry("statefulSets", "bot,premium")
        .containsEntry("premium.maxShards", "32");
    assertConfines("discord", discord, "discord", EKS_USER, groups);
    assertConfines(
        "discord", discord, "discord", EKS_USER, groups, "premium", Verdict.Outcome.ADMITTED);
    assertConfines(
        "discord", discord, "discord", EKS_USER, groups, "staging-bot", Verdict.Outcome.DENIED);
    Map<String, Object> staging = paramsIn(docs, "staging");
    assertThat(data(staging)).containsEntry("statefulSets", "staging-bot");
    assertConfines(
        "staging", staging, "staging", EKS_USER, groups, "staging-bot", Verdict.Outcome.ADMITTED);
    assertConfines("staging", staging, "staging", EKS_USER, groups, "bot", Verdict.Outcome.DENIED);
    assertThat(
            docs.stream()
                .filter(d -> "Role".equals(d.get("kind")) && "ops".equals(meta(d).get("namespace")))
                .map(d -> d.get("rules").toString())
                .toList())
        .singleElement()
        .asString()
        .contains("configmaps", "shardscaler-notifications")
        .doesNotContain("statefulsets", "events");
    assertThat(named(docs, "ConfigMap", "shardscaler-notifications")).isNotNull();
  }

  /**
   * EKS: the access entry puts the Lambda role in a group (the user name is the assumed role's
   * session). GKE: the Google service account is a user named by its email.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "EKS, Group, " + EKS_GROUP + ", " + EKS_USER + ", groups, users",
    "GKE, User, " + GKE_USER + ", " + GKE_USER + ", users, groups",
  })
  void theTerraformManifestConfinesTheIdentityThePlatformGivesTheScaler(
      String platform, String kind, String subject, String user, String named, String empty)
      throws Exception {
    List<Map<String, Object>> docs = terraform(kind, subject, ONE_BOT, null, "rolling");
    List<String> groups =
        kind.equals("Group")
            ? List.of(subject, "system:authenticated")
            : List.of("system:authenticated");

    assertShipsThePolicies("cluster-manifest (" + platform + ")", docs, List.of());
    Map<String, Object> params =
        Infra.configMap(new Yaml().dump(only(docs, "ConfigMap")), "discord");
    assertThat(data(params)).containsEntry(named, subject).containsEntry(empty, "");
    assertConfines(platform, params, "discord", user, groups);
    assertThat(subject(docs)).containsEntry("kind", kind).containsEntry("name", subject);
  }

  /**
   * SCALER_STRATEGY=bluegreen, in every deployment: the overlays of infra/bluegreen and the
   * Terraform module with strategy bluegreen ship the blue/green policies too, with the per-bot
   * binding named after the bot; the params say bluegreen: "true"; the Role grants the sibling and
   * the switch by name and nothing more; the scaler runs with SCALER_STRATEGY=bluegreen; and with
   * the identity each deployment gives the scaler, the sibling it builds is admitted and one that
   * is no copy of the bot is not.
   */
  @Test
  void everyBlueGreenDeploymentShipsItsRightsAndPolicies() throws Exception {
    for (String dir : List.of("infra/bluegreen/k8s", "infra/bluegreen/knative")) {
      List<Map<String, Object>> docs = kustomize(dir);
      String namespace = dir.endsWith("knative") ? "default" : "discord";
      assertShipsThePolicies(dir, docs, List.of("bot"));
      assertBlueGreenRights(
          dir, docs, namespace, "system:serviceaccount:" + namespace + ":shardscaler", List.of());
      assertThat(envEntries(docs))
          .as("%s: the scaler runs with SCALER_STRATEGY=bluegreen", dir)
          .contains(Map.of("name", "SCALER_STRATEGY", "value", "bluegreen"));
    }
    List<Map<String, Object>> docs = terraform("Group", EKS_GROUP, ONE_BOT, null, "bluegreen");
    assertShipsThePolicies("cluster-manifest (bluegreen)", docs, List.of("bot"));
    assertBlueGreenRights(
        "cluster-manifest (bluegreen)", docs, "discord", EKS_USER, List.of(EKS_GROUP));
  }

  /**
   * Several targets with strategy bluegreen: in each namespace the Role names each target's own
   * sibling and switch, the params say bluegreen: "true", and there is one sibling-template binding
   * per StatefulSet name; premium's sibling is admitted, a sibling of a StatefulSet that is no
   * target of the namespace is not.
   */
  @Test
  void theTerraformManifestGivesEveryTargetItsOwnBlueGreenRights() throws Exception {
    List<Map<String, Object>> docs =
        terraform("Group", EKS_GROUP, THREE_TARGETS, null, "bluegreen");
    List<String> groups = List.of(EKS_GROUP, "system:authenticated");

    assertShipsThePolicies(
        "cluster-manifest (several, bluegreen)", docs, List.of("bot", "premium", "staging-bot"));
    assertThat(rulesIn(docs, "discord"))
        .contains(
            "resourceNames: [bot-b, premium-b]", "resourceNames: [bot-switch, premium-switch]")
        .doesNotContain("staging-bot-b", "secrets", "pods", "list", "watch", "'*'");
    assertThat(rulesIn(docs, "staging"))
        .contains("resourceNames: [staging-bot-b]", "resourceNames: [staging-bot-switch]")
        .doesNotContain("premium");
    Map<String, Object> discord = paramsIn(docs, "discord");
    assertThat(data(discord)).containsEntry("bluegreen", "true");
    assertThat(data(paramsIn(docs, "staging"))).containsEntry("bluegreen", "true");

    JsonObject premium = bot("premium", "discord");
    Admission.Request create =
        inNamespace(
            StatefulSetPolicyTest.request(
                "CREATE", EKS_USER, groups, siblingOf(premium, "discord"), null),
            "discord");
    assertThat(
            List.of(
                admission.review(Infra.statefulSetPolicy(), create, discord),
                admission.review(Infra.siblingsPolicy(), create, discord),
                admission.review(
                    Infra.siblingTemplatePolicy(), create, BlueGreenPolicyTest.asParams(premium))))
        .allMatch(v -> v.outcome() == Verdict.Outcome.ADMITTED);
    Admission.Request stranger =
        inNamespace(
            StatefulSetPolicyTest.request(
                "CREATE",
                EKS_USER,
                groups,
                siblingOf(bot("staging-bot", "discord"), "discord"),
                null),
            "discord");
    assertThat(admission.review(Infra.siblingsPolicy(), stranger, discord).outcome())
        .isEqualTo(Verdict.Outcome.DENIED);
  }

  /**
   * Names blue/green cannot use are refused when the manifest is rendered: a target whose sibling
   * would be another target's StatefulSet, and a StatefulSet name too long for its sibling's pods.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a sibling that is another target | bot-b | would replace the other): discord/bot-b",
        "a name over 50 characters | a-very-long-statefulset-name-for-a-premium-bot-xyzw"
            + " | at most 50 characters",
      })
  void blueGreenNamesThatCannotWorkAreRefused(String what, String second, String message) {
    String targets =
        targets(target("main", "discord", "bot", 64), target("other", "discord", second, 64));

    assertThatThrownBy(() -> terraform("Group", EKS_GROUP, targets, null, "bluegreen"))
        .as(what)
        .satisfies(e -> assertThat(e.getMessage().replaceAll("\\s+", " ")).contains(message));
  }

  /**
   * The blue/green component takes the one name in the params: beside the several-targets component
   * it would write names such as "bot,premium-b", so the build fails, in either order.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "several-targets/cronjob | k8s/bluegreen",
        "k8s | k8s/bluegreen, ../infra/several-targets/component",
      })
  void theBlueGreenComponentRefusesSeveralTargets(String resource, String components)
      throws Exception {
    for (String dir : List.of("k8s", "knative", "several-targets")) {
      copyTree(Infra.REPO.resolve("infra").resolve(dir), tmp.resolve("infra").resolve(dir));
    }
    Path overlay = Files.createDirectories(tmp.resolve("overlay"));
    Files.writeString(
        overlay.resolve("kustomization.yaml"),
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [../infra/%s]
        components: [../infra/%s]
        """
            .formatted(resource, components));

    assertThatThrownBy(
            () -> Processes.run(tmp, Map.of(), List.of("kubectl", "kustomize", overlay.toString())))
        .hasMessageContaining("testing value /metadata/name failed");
  }

  /** The cluster-manifest's targets map, as a -var value. */
  private static String targets(String... entries) {
    return "{" + String.join(",", entries) + "}";
  }

  /** One entry of the targets map: container bot, the default env names. */
  private static String target(String name, String namespace, String statefulSet, int maxShards) {
    return ("%s={namespace=\"%s\",statefulset=\"%s\",container=\"bot\",shards_env=\"SHARDS\","
            + "shards_per_bot_env=\"SHARDS_PER_BOT\",max_shards=%d}")
        .formatted(name, namespace, statefulSet, maxShards);
  }

  /** The rules of the Roles in {@code namespace}, as YAML. */
  private static String rulesIn(List<Map<String, Object>> docs, String namespace) {
    return docs.stream()
        .filter(d -> "Role".equals(d.get("kind")) && namespace.equals(meta(d).get("namespace")))
        .map(d -> new Yaml().dump(d.get("rules")))
        .reduce("", String::concat);
  }

  /** The example bot StatefulSet as {@code namespace/name}. */
  private static JsonObject bot(String name, String namespace) {
    return StatefulSets.with(
        StatefulSets.bot(),
        s -> {
          StatefulSets.metadata(s).addProperty("name", name);
          StatefulSets.metadata(s).addProperty("namespace", namespace);
        });
  }

  /** The sibling the scaler creates from {@code bot} for 16 shards, 4 per pod. */
  private static JsonObject siblingOf(JsonObject bot, String namespace) {
    String name = StatefulSets.metadata(bot).get("name").getAsString();
    BotSet set =
        new BotSet(
            bot,
            SnapshotReader.read(
                new Target(namespace, name, "bot"), bot, BlueGreenPolicyTest.NAMES));
    JsonObject sibling =
        SiblingSet.from(
            set,
            Sibling.of(name),
            ShardCounts.of(16, 4),
            BlueGreenPolicyTest.NAMES,
            Map.of("shardscaler.dev/last-change", "2026-11-28T12:00:00Z 12→16"));
    StatefulSets.metadata(sibling).addProperty("uid", "5a1c0f3e-2b4d-4e6f-8a9b-0c1d2e3f4a5b");
    StatefulSets.metadata(sibling).addProperty("generation", 1);
    return sibling;
  }

  private void assertBlueGreenRights(
      String where,
      List<Map<String, Object>> docs,
      String namespace,
      String user,
      List<String> groups) {
    Map<String, Object> params =
        Infra.configMap(new Yaml().dump(named(docs, "ConfigMap", "shardscaler-params")), namespace);
    assertThat(data(params)).as(where).containsEntry("bluegreen", "true");
    String rules =
        docs.stream()
            .filter(d -> "Role".equals(d.get("kind")))
            .map(d -> new Yaml().dump(d.get("rules")))
            .reduce("", String::concat);
    assertThat(rules)
        .as(where)
        .contains("resourceNames: [bot-b]", "resourceNames: [bot-switch]")
        .doesNotContain("secrets", "pods", "list", "watch", "'*'");
    JsonObject sibling =
        StatefulSets.with(
            BlueGreenPolicyTest.sibling(),
            s -> StatefulSets.metadata(s).addProperty("namespace", namespace));
    JsonObject evil =
        StatefulSets.with(sibling, s -> container(s, "bot").addProperty("image", "evil/bot"));
    Map<String, Object> bot = BlueGreenPolicyTest.asParams(StatefulSets.bot());
    for (JsonObject candidate : List.of(sibling, evil)) {
      Admission.Request request =
          inNamespace(
              StatefulSetPolicyTest.request("CREATE", user, groups, candidate, null), namespace);
      List<Verdict> verdicts =
          List.of(
              admission.review(Infra.statefulSetPolicy(), request, params),
              admission.review(Infra.siblingsPolicy(), request, params),
              admission.review(Infra.siblingTemplatePolicy(), request, bot));
      if (candidate == sibling) {
        assertThat(verdicts)
            .as("%s: %s", where, verdicts)
            .allMatch(v -> v.outcome() == Verdict.Outcome.ADMITTED);
      } else {
        assertThat(verdicts)
            .as("%s: %s", where, verdicts)
            .anyMatch(v -> v.outcome() == Verdict.Outcome.DENIED);
      }
    }
  }

  /** Every entry of every container's env in {@code docs}. */
  private static List<Object> envEntries(Object node) {
    List<Object> entries = new ArrayList<>();
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if ("env".equals(key) && value instanceof List<?> env) {
              entries.addAll(env);
            } else {
              entries.addAll(envEntries(value));
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> entries.addAll(envEntries(item)));
    }
    return entries;
  }

  /**
   * The admission objects in {@code docs} are the files of infra/k8s/admission (and, for
   * blue/green, of infra/k8s/bluegreen with one per-bot binding for each of {@code blueGreenBots}),
   * nothing else.
   */
  private static void assertShipsThePolicies(
      String where, List<Map<String, Object>> docs, List<String> blueGreenBots) throws IOException {
    List<Map<String, Object>> shipped = new ArrayList<>();
    List<Path> files =
        new ArrayList<>(
            List.of(
                Infra.ADMISSION.resolve("statefulset-policy.yaml"),
                Infra.ADMISSION.resolve("event-policy.yaml"),
                Infra.ADMISSION.resolve("bindings.yaml")));
    if (!blueGreenBots.isEmpty()) {
      for (String file :
          List.of(
              "siblings-policy.yaml",
              "sibling-template-policy.yaml",
              "switch-policy.yaml",
              "bindings.yaml")) {
        files.add(Infra.BLUEGREEN.resolve(file));
      }
    }
    for (Path file : files) {
      // The per-bot binding once per bot; every other document once.
      Set<String> seen = new HashSet<>();
      for (String bot : blueGreenBots.isEmpty() ? List.of("bot") : blueGreenBots) {
        String text = Files.readString(file).replace("SETBYKUSTOMIZATION", bot);
        for (Object doc : new Yaml().loadAll(text)) {
          @SuppressWarnings("unchecked")
          Map<String, Object> map = (Map<String, Object>) doc;
          if (seen.add(map.get("kind") + "/" + name(map))) {
            shipped.add(map);
          }
        }
      }
    }
    List<Map<String, Object>> rendered =
        docs.stream()
            .filter(d -> String.valueOf(d.get("apiVersion")).startsWith("admissionregistration"))
            .toList();
    assertThat(rendered).as(where).hasSameSizeAs(shipped);
    for (Map<String, Object> expected : shipped) {
      Map<String, Object> actual =
          rendered.stream()
              .filter(d -> d.get("kind").equals(expected.get("kind")))
              .filter(d -> name(d).equals(name(expected)))
              .findFirst()
              .orElseThrow(() -> new AssertionError(where + " lacks " + name(expected)));
      assertThat(actual.get("spec"))
          .as("%s: %s", where, name(expected))
          .isEqualTo(expected.get("spec"));
      assertThat(meta(actual)).as("%s: cluster-scoped", where).doesNotContainKey("namespace");
    }
  }

  /** A reshard by {@code user} is admitted, an image change denied, and others are not matched. */
  private void assertConfines(
      String where,
      Map<String, Object> params,
      String namespace,
      String user,
      List<String> groups) {
    assertConfines(where, params, namespace, user, groups, "bot", Verdict.Outcome.ADMITTED);
  }

  /**
   * A reshard of the StatefulSet {@code name} by {@code user} gets {@code reshardOutcome}; an image
   * change is denied; others are not matched.
   */
  private void assertConfines(
      String where,
      Map<String, Object> params,
      String namespace,
      String user,
      List<String> groups,
      String name,
      Verdict.Outcome reshardOutcome) {
    AdmissionPolicy policy = Infra.statefulSetPolicy();
    JsonObject old =
        StatefulSets.with(
            StatefulSets.bot(),
            s -> {
              StatefulSets.metadata(s).addProperty("namespace", namespace);
              StatefulSets.metadata(s).addProperty("name", name);
            });
    JsonObject evil =
        StatefulSets.with(old, s -> container(s, "bot").addProperty("image", "evil/bot"));

    Verdict reshard =
        admission.review(
            policy,
            inNamespace(
                StatefulSetPolicyTest.update(user, groups, StatefulSetPolicyTest.reshard(old), old),
                namespace),
            params);
    Verdict attack =
        admission.review(
            policy,
            inNamespace(StatefulSetPolicyTest.update(user, groups, evil, old), namespace),
            params);
    Verdict someoneElse =
        admission.review(
            policy,
            inNamespace(
                StatefulSetPolicyTest.update("ops@example.com", List.of("ops"), evil, old),
                namespace),
            params);

    assertThat(reshard.outcome()).as("%s: %s %s", where, name, reshard).isEqualTo(reshardOutcome);
    assertThat(attack.outcome()).as("%s: %s", where, attack).isEqualTo(Verdict.Outcome.DENIED);
    assertThat(someoneElse.outcome()).as(where).isEqualTo(Verdict.Outcome.NOT_MATCHED);
  }

  private static Admission.Request inNamespace(Admission.Request request, String namespace) {
    return new Admission.Request(
        request.operation(),
        request.group(),
        request.version(),
        request.resource(),
        namespace,
        request.name(),
        request.username(),
        request.groups(),
        request.object(),
        request.oldObject());
  }

  /** {@code kubectl kustomize} of a directory of the repository, as YAML documents. */
  private List<Map<String, Object>> kustomize(String dir) throws Exception {
    return yamlDocuments(
        Processes.run(
            tmp, Map.of(), List.of("kubectl", "kustomize", Infra.REPO.resolve(dir).toString())));
  }

  /** Renders infra/cluster-manifest with terraform, on a copy (nothing is written to the repo). */
  private List<Map<String, Object>> terraform(
      String kind, String subject, String targets, String notificationNamespace, String strategy)
      throws Exception {
    Path root = tmp.resolve("repo-" + renders++);
    copy(Infra.REPO.resolve("infra/cluster-manifest"), root.resolve("infra/cluster-manifest"));
    copy(Infra.ADMISSION, root.resolve("infra/k8s/admission"));
    copy(Infra.BLUEGREEN, root.resolve("infra/k8s/bluegreen"));
    Path module = root.resolve("infra/cluster-manifest");
    Path config = Files.writeString(tmp.resolve("terraformrc"), "");
    Map<String, String> env =
        Map.of(
            "TF_CLI_CONFIG_FILE",
            config.toString(),
            "TF_DATA_DIR",
            root.resolve("tf-data").toString(),
            "TF_IN_AUTOMATION",
            "1",
            "CHECKPOINT_DISABLE",
            "1");
    Processes.run(module, env, List.of("terraform", "init", "-input=false", "-no-color"));
    List<String> apply =
        new ArrayList<>(
            List.of(
                "terraform",
                "apply",
                "-auto-approve",
                "-input=false",
                "-no-color",
                "-var",
                "targets=" + targets,
                "-var",
                "role_name=shardscaler",
                "-var",
                "subject_kind=" + kind,
                "-var",
                "subject_name=" + subject,
                "-var",
                "strategy=" + strategy));
    if (notificationNamespace != null) {
      apply.addAll(List.of("-var", "notification_namespace=" + notificationNamespace));
    }
    Processes.run(module, env, apply);
    return yamlDocuments(
        Processes.run(module, env, List.of("terraform", "output", "-raw", "manifest")));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> yamlDocuments(String yaml) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(yaml)) {
      if (doc != null) {
        docs.add((Map<String, Object>) doc);
      }
    }
    return docs;
  }

  private static Map<String, Object> only(List<Map<String, Object>> docs, String kind) {
    List<Map<String, Object>> found =
        docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    assertThat(found).as(kind).hasSize(1);
    return found.get(0);
  }

  private static Map<String, Object> named(
      List<Map<String, Object>> docs, String kind, String name) {
    List<Map<String, Object>> found =
        docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(name(d))).toList();
    assertThat(found).as("%s %s", kind, name).hasSize(1);
    return found.get(0);
  }

  /** The params ConfigMap of one namespace, as the policy reads it. */
  private static Map<String, Object> paramsIn(List<Map<String, Object>> docs, String namespace) {
    List<Map<String, Object>> found =
        docs.stream()
            .filter(d -> "ConfigMap".equals(d.get("kind")) && "shardscaler-params".equals(name(d)))
            .filter(d -> namespace.equals(meta(d).get("namespace")))
            .toList();
    assertThat(found).as("params in %s", namespace).hasSize(1);
    return Infra.configMap(new Yaml().dump(found.get(0)), namespace);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> meta(Map<String, Object> doc) {
    return (Map<String, Object>) doc.get("metadata");
  }

  private static String name(Map<String, Object> doc) {
    return (String) meta(doc).get("name");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> configMap) {
    return (Map<String, Object>) configMap.get("data");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> subject(List<Map<String, Object>> docs) {
    List<Map<String, Object>> subjects =
        (List<Map<String, Object>>) only(docs, "RoleBinding").get("subjects");
    assertThat(subjects).hasSize(1);
    return subjects.get(0);
  }
}
