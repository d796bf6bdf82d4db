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
    List<Map<String, Object>> docs = terraform(kind, subject);
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

  /** Renders infra/cluster-manifest with terraform, on a copy (nothing is written to the repo). */
  private List<Map<String, Object>> terraform(String kind, String subject) throws Exception {
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
            "subject_name=" + subject));
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
