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
      List<Map<String, Object>> docs = kustomize(dir);
      String namespace = dir.equals("infra/knative") ? "default" : "discord";

      assertShipsThePolicies(dir, docs, false);
      Map<String, Object> params =
          Infra.configMap(new Yaml().dump(only(docs, "ConfigMap")), namespace);
      assertConfines(
          dir,
          params,
          namespace,
          "system:serviceaccount:" + namespace + ":shardscaler",
          List.of("system:serviceaccounts"));
    }
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
    List<Map<String, Object>> docs = terraform(kind, subject, "rolling");
    List<String> groups =
        kind.equals("Group")
            ? List.of(subject, "system:authenticated")
            : List.of("system:authenticated");

    assertShipsThePolicies("cluster-manifest (" + platform + ")", docs, false);
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
      assertShipsThePolicies(dir, docs, true);
      assertBlueGreenRights(
          dir, docs, namespace, "system:serviceaccount:" + namespace + ":shardscaler", List.of());
      assertThat(envEntries(docs))
          .as("%s: the scaler runs with SCALER_STRATEGY=bluegreen", dir)
          .contains(Map.of("name", "SCALER_STRATEGY", "value", "bluegreen"));
    }
    List<Map<String, Object>> docs = terraform("Group", EKS_GROUP, "bluegreen");
    assertShipsThePolicies("cluster-manifest (bluegreen)", docs, true);
    assertBlueGreenRights(
        "cluster-manifest (bluegreen)", docs, "discord", EKS_USER, List.of(EKS_GROUP));
  }

  private void assertBlueGreenRights(
      String where,
      List<Map<String, Object>> docs,
      String namespace,
      String user,
      List<String> groups) {
    Map<String, Object> params =
        Infra.configMap(new Yaml().dump(only(docs, "ConfigMap")), namespace);
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
   * blue/green, of infra/k8s/bluegreen with the bot's name in the per-bot binding), nothing else.
   */
  private static void assertShipsThePolicies(
      String where, List<Map<String, Object>> docs, boolean blueGreen) throws IOException {
    List<Map<String, Object>> shipped = new ArrayList<>();
    List<Path> files =
        new ArrayList<>(
            List.of(
                Infra.ADMISSION.resolve("statefulset-policy.yaml"),
                Infra.ADMISSION.resolve("event-policy.yaml"),
                Infra.ADMISSION.resolve("bindings.yaml")));
    if (blueGreen) {
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
      String text = Files.readString(file).replace("SETBYKUSTOMIZATION", "bot");
      for (Object doc : new Yaml().loadAll(text)) {
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
    AdmissionPolicy policy = Infra.statefulSetPolicy();
    JsonObject old =
        StatefulSets.with(
            StatefulSets.bot(), s -> StatefulSets.metadata(s).addProperty("namespace", namespace));
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

    assertThat(reshard.outcome()).as("%s: %s", where, reshard).isEqualTo(Verdict.Outcome.ADMITTED);
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
  private List<Map<String, Object>> terraform(String kind, String subject, String strategy)
      throws Exception {
    Path root = tmp.resolve("repo-" + strategy);
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
            tmp.resolve("tf-data-" + strategy).toString(),
            "TF_IN_AUTOMATION",
            "1",
            "CHECKPOINT_DISABLE",
            "1");
    Processes.run(module, env, List.of("terraform", "init", "-input=false", "-no-color"));
    Processes.run(
        module,
        env,
        List.of(
            "terraform",
            "apply",
            "-auto-approve",
            "-input=false",
            "-no-color",
            "-var",
            "namespace=discord",
            "-var",
            "statefulset_name=bot",
            "-var",
            "container_name=bot",
            "-var",
            "shards_env_name=SHARDS",
            "-var",
            "shards_per_bot_env_name=SHARDS_PER_BOT",
            "-var",
            "max_shards=64",
            "-var",
            "role_name=shardscaler",
            "-var",
            "subject_kind=" + kind,
            "-var",
            "subject_name=" + subject,
            "-var",
            "strategy=" + strategy));
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
