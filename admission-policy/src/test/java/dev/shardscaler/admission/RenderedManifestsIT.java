package dev.shardscaler.admission;

import static dev.shardscaler.admission.StatefulSets.container;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  @TempDir Path tmp;
  private final Admission admission = new Admission();

  @Test
  void theKustomizeBuildsShipThePoliciesAndConfineTheirServiceAccount() throws Exception {
    for (String dir : List.of("infra/k8s", "infra/knative")) {
      List<Map<String, Object>> docs =
          yamlDocuments(
              Processes.run(
                  tmp,
                  Map.of(),
                  List.of("kubectl", "kustomize", Infra.REPO.resolve(dir).toString())));
      String namespace = dir.equals("infra/knative") ? "default" : "discord";

      assertShipsThePolicies(dir, docs);
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
      List<Map<String, Object>> docs =
          yamlDocuments(
              Processes.run(
                  tmp,
                  Map.of(),
                  List.of("kubectl", "kustomize", Infra.REPO.resolve(dir).toString())));
      String namespace = dir.endsWith("knative") ? "default" : "discord";
      String user = "system:serviceaccount:" + namespace + ":shardscaler";
      List<String> groups = List.of("system:serviceaccounts");

      assertShipsThePolicies(dir, docs);
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

  /** The policy's verdict on the scaler setting {@code replicas} on StatefulSet {@code name}. */
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
    JsonObject scaled =
        StatefulSets.with(old, s -> StatefulSets.spec(s).addProperty("replicas", replicas));
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
    List<Map<String, Object>> docs =
        terraform(
            "Group",
            EKS_GROUP,
            "{main={namespace=\"discord\",statefulset=\"bot\",container=\"bot\",shards_env=\"SHARDS\","
                + "shards_per_bot_env=\"SHARDS_PER_BOT\",max_shards=64},"
                + "premium={namespace=\"discord\",statefulset=\"premium\",container=\"bot\","
                + "shards_env=\"SHARDS\",shards_per_bot_env=\"SHARDS_PER_BOT\",max_shards=32},"
                + "staging={namespace=\"staging\",statefulset=\"staging-bot\",container=\"bot\","
                + "shards_env=\"SHARDS\",shards_per_bot_env=\"SHARDS_PER_BOT\",max_shards=16}}",
            "ops");
    List<String> groups = List.of(EKS_GROUP, "system:authenticated");

    assertShipsThePolicies("cluster-manifest (several)", docs);
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
    List<Map<String, Object>> docs =
        terraform(
            kind,
            subject,
            "{bot={namespace=\"discord\",statefulset=\"bot\",container=\"bot\",shards_env=\"SHARDS\","
                + "shards_per_bot_env=\"SHARDS_PER_BOT\",max_shards=64}}",
            null);
    List<String> groups =
        kind.equals("Group")
            ? List.of(subject, "system:authenticated")
            : List.of("system:authenticated");

    assertShipsThePolicies("cluster-manifest (" + platform + ")", docs);
    Map<String, Object> params =
        Infra.configMap(new Yaml().dump(only(docs, "ConfigMap")), "discord");
    assertThat(data(params)).containsEntry(named, subject).containsEntry(empty, "");
    assertConfines(platform, params, "discord", user, groups);
    assertThat(subject(docs)).containsEntry("kind", kind).containsEntry("name", subject);
  }

  /** The admission objects in {@code docs} are the files of infra/k8s/admission, nothing else. */
  private static void assertShipsThePolicies(String where, List<Map<String, Object>> docs)
      throws IOException {
    List<Map<String, Object>> shipped = new ArrayList<>();
    for (String file : List.of("statefulset-policy.yaml", "event-policy.yaml", "bindings.yaml")) {
      for (Object doc : new Yaml().loadAll(Files.readString(Infra.ADMISSION.resolve(file)))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) doc;
        shipped.add(map);
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

  /** Renders infra/cluster-manifest with terraform, on a copy (nothing is written to the repo). */
  private List<Map<String, Object>> terraform(
      String kind, String subject, String targets, String notificationNamespace) throws Exception {
    Path root = tmp.resolve("repo");
    copy(Infra.REPO.resolve("infra/cluster-manifest"), root.resolve("infra/cluster-manifest"));
    copy(Infra.ADMISSION, root.resolve("infra/k8s/admission"));
    Path module = root.resolve("infra/cluster-manifest");
    Path config = Files.writeString(tmp.resolve("terraformrc"), "");
    Map<String, String> env =
        Map.of(
            "TF_CLI_CONFIG_FILE",
            config.toString(),
            "TF_DATA_DIR",
            tmp.resolve("tf-data").toString(),
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
                "subject_name=" + subject));
    if (notificationNamespace != null) {
      apply.addAll(List.of("-var", "notification_namespace=" + notificationNamespace));
    }
    Processes.run(module, env, apply);
    return yamlDocuments(
        Processes.run(module, env, List.of("terraform", "output", "-raw", "manifest")));
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
