package dev.shardscaler.infra;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.util.Yaml;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds infra/k8s, infra/knative and infra/examples with {@code kubectl kustomize} (offline) and
 * checks what the scaler's least-privilege contract depends on. Built-in kinds are loaded with
 * client-java's {@link Yaml#load(String)}, which rejects unknown and mistyped fields; Knative kinds
 * are read as maps, and their pod spec is loaded strictly as a {@link V1PodSpec}.
 */
class InfraManifestsIT {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final String KNATIVE_SERVING = "serving.knative.dev/v1";
  private static final String KNATIVE_SOURCES = "sources.knative.dev/v1";

  @TempDir Path tmp;

  @Test
  void yamlLoadIsStrictSoTheChecksBelowMeanSomething() {
    String typo =
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: typo
        spec:
          schedule: "*/10 * * * *"
          concurencyPolicy: Forbid
          jobTemplate: {}
        """;

    assertThatThrownBy(() -> Yaml.load(typo)).hasMessageContaining("concurencyPolicy");
  }

  @Test
  void k8sGrantsExactlyGetAndPatchOnTheConfiguredStatefulSetAndCreateOnEvents() throws Exception {
    Build build = kustomize("infra/k8s");

    V1CronJob cronJob = build.one(V1CronJob.class);
    V1Container scaler =
        onlyContainer(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
    String statefulSet = envValue(scaler, "K8S_STATEFULSET");

    assertThat(statefulSet).isNotBlank();
    assertLeastPrivilege(build, statefulSet);
  }

  @Test
  void k8sCronJobRunsOnePassAtATimeUnprivilegedWithItsServiceAccount() throws Exception {
    Build build = kustomize("infra/k8s");

    V1CronJob cronJob = build.one(V1CronJob.class);
    V1PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    V1Container scaler = onlyContainer(pod);

    assertThat(cronJob.getMetadata().getName()).isEqualTo("shardscaler");
    assertThat(cronJob.getSpec().getSchedule()).isEqualTo("*/10 * * * *");
    assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(cronJob.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isBetween(0, 1);
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(scaler.getArgs()).containsExactly("--once");
    assertThat(pod.getServiceAccountName())
        .isEqualTo(build.one(V1ServiceAccount.class).getMetadata().getName());
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
    assertRestricted(scaler.getSecurityContext());
    assertThat(scaler.getEnv())
        .filteredOn(env -> env.getName().equals("K8S_NAMESPACE"))
        .singleElement()
        .satisfies(
            env ->
                assertThat(env.getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.namespace"));
    assertThat(secretRef(scaler, "BOT_TOKEN")).isEqualTo("discord-bot/token");
  }

  @Test
  void knativeServiceMatchesTheCronJobAndTheSharedRole() throws Exception {
    Build knative = kustomize("infra/knative");
    Build k8s = kustomize("infra/k8s");

    Map<String, Object> service = knative.oneMap(KNATIVE_SERVING, "Service");
    Map<String, Object> template = map(map(service, "spec"), "template");
    Map<String, Object> podMap = new LinkedHashMap<>(map(template, "spec"));
    Object containerConcurrency = podMap.remove("containerConcurrency");
    V1PodSpec pod = Yaml.loadAs(new org.yaml.snakeyaml.Yaml().dump(podMap), V1PodSpec.class);
    V1Container scaler = onlyContainer(pod);
    String namespace = (String) map(service, "metadata").get("namespace");

    assertLeastPrivilege(knative, envValue(scaler, "K8S_STATEFULSET"));
    assertThat(map(map(service, "metadata"), "labels"))
        .containsEntry("networking.knative.dev/visibility", "cluster-local");
    assertThat(map(map(template, "metadata"), "annotations"))
        .containsEntry("autoscaling.knative.dev/min-scale", "0")
        .containsEntry("autoscaling.knative.dev/max-scale", "1");
    assertThat(containerConcurrency).isEqualTo(1);
    assertThat(pod.getServiceAccountName())
        .isEqualTo(knative.one(V1ServiceAccount.class).getMetadata().getName());
    assertThat(scaler.getArgs()).isNullOrEmpty();
    assertRestricted(scaler.getSecurityContext());
    assertThat(pod.getSecurityContext()).as("needs a Knative feature flag").isNull();
    assertThat(scaler.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(scaler.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(scaler.getReadinessProbe().getHttpGet().getPort()).isNull();
    assertThat(scaler.getLivenessProbe().getHttpGet().getPort()).isNull();

    // Knative refuses fieldRef by default: the kustomization copies its namespace in instead.
    assertThat(scaler.getEnv()).allSatisfy(env -> assertThat(fieldRefOf(env)).isNull());
    assertThat(namespace).isNotBlank();
    assertThat(envValue(scaler, "K8S_NAMESPACE")).isEqualTo(namespace);

    // Same configuration as the CronJob, apart from the namespace, the HTTP token and the AOT
    // cache of the mode (the image defaults to the one-shot's; ImageLayoutIT checks the path).
    V1Container cronJobScaler =
        onlyContainer(
            k8s.one(V1CronJob.class).getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
    Map<String, String> knativeLiterals = literalEnv(scaler);
    knativeLiterals.remove("K8S_NAMESPACE");
    assertThat(knativeLiterals.remove("JDK_JAVA_OPTIONS")).startsWith("-XX:AOTCache=");
    assertThat(knativeLiterals).isEqualTo(literalEnv(cronJobScaler));
    assertThat(scaler.getImage()).isEqualTo(cronJobScaler.getImage());
    assertThat(secretRef(scaler, "BOT_TOKEN")).isEqualTo("discord-bot/token");
    assertThat(secretRef(scaler, "SCALER_HTTP_TOKEN")).isEqualTo("shardscaler-http/token");
    assertThat(envVar(scaler, "SCALER_HTTP_TOKEN").getValueFrom().getSecretKeyRef().getOptional())
        .isTrue();
  }

  @Test
  void pingSourceSendsJsonToTheService() throws Exception {
    Build build = kustomize("infra/knative");

    Map<String, Object> ping = build.oneMap(KNATIVE_SOURCES, "PingSource");
    Map<String, Object> spec = map(ping, "spec");
    Map<String, Object> sinkRef = map(map(spec, "sink"), "ref");
    Map<String, Object> service = build.oneMap(KNATIVE_SERVING, "Service");

    assertThat(spec.get("schedule")).isEqualTo("*/10 * * * *");
    assertThat(spec.get("contentType")).isEqualTo("application/json");
    JsonObject data = strictJson((String) spec.get("data")).getAsJsonObject();
    assertThat(data.get("reason").getAsString()).isEqualTo("scheduled");
    assertThat(sinkRef)
        .containsEntry("apiVersion", KNATIVE_SERVING)
        .containsEntry("kind", "Service")
        .containsEntry("name", map(service, "metadata").get("name"));
  }

  @Test
  void exampleBotIsTheStatefulSetTheScalerIsConfiguredFor() throws Exception {
    Build examples = kustomize("infra/examples");
    V1Container cronJobScaler =
        onlyContainer(
            kustomize("infra/k8s")
                .one(V1CronJob.class)
                .getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getSpec());

    V1StatefulSet bot = examples.one(V1StatefulSet.class);
    V1Service headless = examples.one(V1Service.class);
    V1ConfigMap script = examples.one(V1ConfigMap.class);
    V1PodSpec pod = bot.getSpec().getTemplate().getSpec();
    V1Container container = onlyContainer(pod);

    assertThat(bot.getMetadata().getName()).isEqualTo(envValue(cronJobScaler, "K8S_STATEFULSET"));
    assertThat(container.getName()).isEqualTo(envValue(cronJobScaler, "K8S_CONTAINER"));
    assertThat(bot.getSpec().getPodManagementPolicy()).isNull(); // default OrderedReady
    assertThat(bot.getSpec().getServiceName()).isEqualTo(headless.getMetadata().getName());
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(Integer.parseInt(envValue(container, "SHARDS"))).isPositive();
    assertThat(Integer.parseInt(envValue(container, "SHARDS_PER_BOT"))).isPositive();
    assertThat(fieldRefOf(envVar(container, "POD_INDEX")))
        .isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
    assertThat(fieldRefOf(envVar(container, "POD_NAME"))).isEqualTo("metadata.name");

    // The command runs the script from the volume that holds the generated ConfigMap.
    List<V1VolumeMount> scriptMounts =
        container.getVolumeMounts().stream()
            .filter(mount -> configMapOf(pod, mount.getName()) != null)
            .toList();
    assertThat(scriptMounts).hasSize(1);
    V1VolumeMount scriptMount = scriptMounts.get(0);
    assertThat(configMapOf(pod, scriptMount.getName()).getName())
        .isEqualTo(script.getMetadata().getName());
    assertThat(container.getCommand()).contains(scriptMount.getMountPath() + "/shard-ids.sh");
    assertThat(script.getData())
        .containsEntry(
            "shard-ids.sh", Files.readString(REPO.resolve("infra/examples/shard-ids.sh"), UTF_8));
  }

  // --- the contract shared by both deployments ---

  private static void assertLeastPrivilege(Build build, String statefulSet) {
    V1Role role = build.one(V1Role.class);
    V1RoleBinding binding = build.one(V1RoleBinding.class);
    V1ServiceAccount account = build.one(V1ServiceAccount.class);

    assertThat(role.getRules())
        .containsExactlyInAnyOrder(
            new V1PolicyRule()
                .apiGroups(List.of("apps"))
                .resources(List.of("statefulsets"))
                .resourceNames(List.of(statefulSet))
                .verbs(List.of("get", "patch")),
            new V1PolicyRule()
                .apiGroups(List.of(""))
                .resources(List.of("events"))
                .verbs(List.of("create")));
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            subject -> {
              assertThat(subject.getKind()).isEqualTo("ServiceAccount");
              assertThat(subject.getName()).isEqualTo(account.getMetadata().getName());
            });
    assertThat(account.getAutomountServiceAccountToken())
        .as("Knative can only turn the token off, never on")
        .isNotEqualTo(Boolean.FALSE);
  }

  private static void assertRestricted(V1SecurityContext context) {
    assertThat(context.getRunAsNonRoot()).isTrue();
    assertThat(context.getRunAsUser()).isEqualTo(65532L);
    assertThat(context.getReadOnlyRootFilesystem()).isTrue();
    assertThat(context.getAllowPrivilegeEscalation()).isFalse();
    assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  // --- kustomize and parsing ---

  private Build kustomize(String dir) throws IOException, InterruptedException {
    Path path = REPO.resolve(dir);
    assertThat(path.resolve("kustomization.yaml"))
        .as("run with the working directory one level below the repository root")
        .isRegularFile();
    Path out = Files.createTempFile(tmp, "kustomize", ".yaml");
    Path err = Files.createTempFile(tmp, "kustomize", ".err");
    Process process =
        new ProcessBuilder("kubectl", "kustomize", path.toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl kustomize " + dir + " did not finish");
    }
    assertThat(process.exitValue())
        .as("kubectl kustomize %s: %s", dir, Files.readString(err, UTF_8))
        .isZero();

    List<Object> typed = new ArrayList<>();
    List<Map<String, Object>> custom = new ArrayList<>();
    for (String document : Files.readString(out, UTF_8).split("(?m)^---\\s*$")) {
      if (document.isBlank()) {
        continue;
      }
      Map<String, Object> raw = new org.yaml.snakeyaml.Yaml().load(document);
      String apiVersion = (String) raw.get("apiVersion");
      if (apiVersion.startsWith("serving.knative.dev/")
          || apiVersion.startsWith("sources.knative.dev/")) {
        custom.add(raw);
      } else {
        typed.add(Yaml.load(document)); // strict: unknown or mistyped fields throw
      }
    }
    return new Build(dir, typed, custom);
  }

  private record Build(String dir, List<Object> typed, List<Map<String, Object>> custom) {

    <T> T one(Class<T> type) {
      List<T> found = typed.stream().filter(type::isInstance).map(type::cast).toList();
      assertThat(found).as("%s in %s", type.getSimpleName(), dir).hasSize(1);
      return found.get(0);
    }

    Map<String, Object> oneMap(String apiVersion, String kind) {
      List<Map<String, Object>> found =
          custom.stream()
              .filter(
                  doc -> apiVersion.equals(doc.get("apiVersion")) && kind.equals(doc.get("kind")))
              .toList();
      assertThat(found).as("%s %s in %s", apiVersion, kind, dir).hasSize(1);
      return found.get(0);
    }
  }

  /** Gson's own JsonParser is lenient (it accepts {reason:scheduled}); this one is not. */
  private static JsonElement strictJson(String text) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    TypeAdapter<JsonElement> adapter = new com.google.gson.Gson().getAdapter(JsonElement.class);
    JsonElement element = adapter.read(reader);
    assertThat(reader.peek())
        .as("trailing data after the JSON value")
        .isEqualTo(JsonToken.END_DOCUMENT);
    return element;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object child = parent.get(key);
    assertThat(child).as(key).isInstanceOf(Map.class);
    return (Map<String, Object>) child;
  }

  private static V1Container onlyContainer(V1PodSpec pod) {
    assertThat(pod.getContainers()).hasSize(1);
    return pod.getContainers().get(0);
  }

  private static V1EnvVar envVar(V1Container container, String name) {
    List<V1EnvVar> matches =
        container.getEnv().stream().filter(env -> env.getName().equals(name)).toList();
    assertThat(matches).as("env %s of container %s", name, container.getName()).hasSize(1);
    return matches.get(0);
  }

  private static String envValue(V1Container container, String name) {
    V1EnvVar env = envVar(container, name);
    assertThat(env.getValueFrom()).as("%s must be a literal", name).isNull();
    return env.getValue();
  }

  private static String secretRef(V1Container container, String name) {
    var ref = envVar(container, name).getValueFrom().getSecretKeyRef();
    return ref.getName() + "/" + ref.getKey();
  }

  private static String fieldRefOf(V1EnvVar env) {
    return env.getValueFrom() == null || env.getValueFrom().getFieldRef() == null
        ? null
        : env.getValueFrom().getFieldRef().getFieldPath();
  }

  private static Map<String, String> literalEnv(V1Container container) {
    Map<String, String> literals = new HashMap<>();
    for (V1EnvVar env : container.getEnv()) {
      if (env.getValueFrom() == null) {
        literals.put(env.getName(), Objects.requireNonNullElse(env.getValue(), ""));
      }
    }
    return literals;
  }

  private static V1ConfigMapVolumeSource configMapOf(V1PodSpec pod, String volumeName) {
    return pod.getVolumes().stream()
        .filter(volume -> volume.getName().equals(volumeName))
        .map(V1Volume::getConfigMap)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }
}
