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
import dev.shardscaler.core.targets.Targets;
import dev.shardscaler.core.targets.TokenSource;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1ValidatingAdmissionPolicy;
import io.kubernetes.client.openapi.models.V1ValidatingAdmissionPolicyBinding;
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
 * checks what the scaler's least-privilege contract depends on (what the admission policies admit
 * is evaluated in the admission-policy module). Built-in kinds are loaded with client-java's {@link
 * Yaml#load(String)}, which rejects unknown and mistyped fields; Knative kinds are read as maps,
 * and their pod spec is loaded strictly as a {@link V1PodSpec}.
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

  @Test
  void theParamsConfigMapNamesTheTargetOnceForTheScalerTheRoleAndThePolicy() throws Exception {
    for (String dir : List.of("infra/k8s", "infra/knative")) {
      Build build = kustomize(dir);
      Map<String, String> params = build.named(V1ConfigMap.class, "shardscaler-params").getData();
      V1Container scaler = scalerContainer(build);

      assertThat(params.get("statefulSets"))
          .as(dir)
          .isEqualTo(envValue(scaler, "K8S_STATEFULSET"))
          .isEqualTo(build.one(V1Role.class).getRules().get(0).getResourceNames().get(0));
      assertThat(params.get("container")).as(dir).isEqualTo(envValue(scaler, "K8S_CONTAINER"));
      assertThat(params.get("shardsEnv")).as(dir).isEqualTo(envValue(scaler, "SCALER_SHARDS_ENV"));
      assertThat(params.get("shardsPerBotEnv"))
          .as(dir)
          .isEqualTo(envValue(scaler, "SCALER_SHARDS_PER_BOT_ENV"));
      assertThat(params.get("maxShards")).as(dir).isEqualTo(envValue(scaler, "SCALER_MAX_SHARDS"));
      assertThat(Integer.parseInt(params.get("maxShards"))).as("the shard cap").isPositive();
      assertThat(params.get("serviceAccounts"))
          .as(dir)
          .isEqualTo(build.one(V1ServiceAccount.class).getMetadata().getName());
      assertThat(scaler.getEnv())
          .as("%s: nothing left to kustomize", dir)
          .noneMatch(env -> "set-by-kustomization".equals(env.getValue()));
    }
  }

  @Test
  void everyDeploymentShipsTheAdmissionPoliciesBoundToTheParams() throws Exception {
    for (String dir : List.of("infra/k8s", "infra/knative")) {
      Build build = kustomize(dir);
      String params = build.named(V1ConfigMap.class, "shardscaler-params").getMetadata().getName();
      List<V1ValidatingAdmissionPolicy> policies = build.all(V1ValidatingAdmissionPolicy.class);
      List<V1ValidatingAdmissionPolicyBinding> bindings =
          build.all(V1ValidatingAdmissionPolicyBinding.class);

      assertThat(policies)
          .as(dir)
          .extracting(policy -> policy.getMetadata().getName())
          .containsExactlyInAnyOrder("shardscaler.dev-statefulsets", "shardscaler.dev-events");
      for (V1ValidatingAdmissionPolicy policy : policies) {
        assertThat(policy.getMetadata().getNamespace()).as("cluster-scoped").isNull();
        assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
        assertThat(policy.getSpec().getParamKind().getKind()).isEqualTo("ConfigMap");
        assertThat(policy.getSpec().getMatchConditions()).isNotEmpty();
      }
      assertThat(bindings)
          .as(dir)
          .extracting(binding -> binding.getSpec().getPolicyName())
          .containsExactlyInAnyOrder("shardscaler.dev-statefulsets", "shardscaler.dev-events");
      for (V1ValidatingAdmissionPolicyBinding binding : bindings) {
        assertThat(binding.getMetadata().getNamespace()).as("cluster-scoped").isNull();
        assertThat(binding.getSpec().getValidationActions()).contains("Deny");
        assertThat(binding.getSpec().getParamRef().getName()).isEqualTo(params);
        assertThat(binding.getSpec().getParamRef().getNamespace())
            .as("the namespace of the object written")
            .isNull();
        assertThat(binding.getSpec().getParamRef().getParameterNotFoundAction())
            .as("Deny would refuse every StatefulSet write in every other namespace")
            .isEqualTo("Allow");
      }
    }
  }

  @Test
  void knativeAdmitsOnlyTheKnativeDataPlaneAndThePingSourceDispatcher() throws Exception {
    Build build = kustomize("infra/knative");
    V1NetworkPolicy policy = build.one(V1NetworkPolicy.class);
    String service = (String) map(build.oneMap(KNATIVE_SERVING, "Service"), "metadata").get("name");

    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .containsExactly(Map.entry("serving.knative.dev/service", service));
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getIngress()).hasSize(1);
    assertThat(
            policy.getSpec().getIngress().get(0).getFrom().stream()
                .map(
                    peer ->
                        peer.getNamespaceSelector()
                                .getMatchLabels()
                                .get("kubernetes.io/metadata.name")
                            + " "
                            + new java.util.TreeMap<>(peer.getPodSelector().getMatchLabels()))
                .toList())
        .containsExactlyInAnyOrder(
            "knative-serving {app=activator}",
            "knative-serving {app=autoscaler}",
            "kourier-system {app=3scale-kourier-gateway}",
            "knative-eventing {eventing.knative.dev/source=ping-source-controller,"
                + " sources.knative.dev/role=adapter}");
  }

  @Test
  void noImageOfAnOrganisationWeDoNotOwnOnlyPlaceholdersThatCannotBePulled() throws Exception {
    String cronJobImage = scalerContainer(kustomize("infra/k8s")).getImage();
    String knativeImage = scalerContainer(kustomize("infra/knative")).getImage();
    String botImage =
        onlyContainer(
                kustomize("infra/examples")
                    .one(V1StatefulSet.class)
                    .getSpec()
                    .getTemplate()
                    .getSpec())
            .getImage();

    // Upper case is not a valid repository name: the kubelet answers InvalidImageName at once,
    // and no registry is ever asked for it.
    assertThat(cronJobImage).isEqualTo("SET-YOUR-IMAGE/shardscaler").isEqualTo(knativeImage);
    assertThat(botImage).isEqualTo("SET-YOUR-BOT-IMAGE/discord-bot");
    try (var files = Files.walk(REPO.resolve("infra"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file, UTF_8))
            .as("%s", file)
            .doesNotContain("ghcr.io/shardscaler");
      }
    }
    assertThat(Files.readString(REPO.resolve("knative-adapter/pom.xml"), UTF_8))
        .doesNotContain("<image.name>");
  }

  @Test
  void everySecretLookingEnvVarComesFromASecretNeverALiteral() throws Exception {
    List<V1Container> containers = new ArrayList<>();
    containers.add(scalerContainer(kustomize("infra/k8s")));
    containers.add(scalerContainer(kustomize("infra/knative")));
    containers.addAll(
        kustomize("infra/examples")
            .one(V1StatefulSet.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers());
    java.util.regex.Pattern secretLooking =
        java.util.regex.Pattern.compile(
            "(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|WEBHOOK|CREDENTIAL|PRIVATE_KEY|API_KEY).*");

    List<String> secretVars = new ArrayList<>();
    for (V1Container container : containers) {
      for (V1EnvVar env : container.getEnv()) {
        if (secretLooking.matcher(env.getName()).matches()) {
          secretVars.add(env.getName());
          assertThat(env.getValue()).as("%s of %s", env.getName(), container.getName()).isNull();
          assertThat(env.getValueFrom().getSecretKeyRef())
              .as("%s of %s", env.getName(), container.getName())
              .isNotNull();
        }
      }
    }
    assertThat(secretVars).contains("BOT_TOKEN", "SCALER_HTTP_TOKEN");
  }

  @Test
  void theExampleNamespaceEnforcesRestrictedAndThePodsInItPassIt() throws Exception {
    Build examples = kustomize("infra/examples");
    V1Namespace namespace = examples.one(V1Namespace.class);
    V1StatefulSet bot = examples.one(V1StatefulSet.class);
    V1PodSpec botPod = bot.getSpec().getTemplate().getSpec();
    V1PodSpec cronJobPod =
        kustomize("infra/k8s")
            .one(V1CronJob.class)
            .getSpec()
            .getJobTemplate()
            .getSpec()
            .getTemplate()
            .getSpec();

    assertThat(namespace.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    assertThat(bot.getMetadata().getNamespace()).isEqualTo(namespace.getMetadata().getName());
    assertThat(botPod.getAutomountServiceAccountToken()).isFalse();
    assertPassesRestricted("the example bot", botPod);
    assertPassesRestricted("the scaler's CronJob", cronJobPod);
  }

  /**
   * The two-bot overlays: the targets document the scaler reads (checked by the scaler's own
   * configuration reader) names the same StatefulSets as the params and the Role, in order; each
   * target's cap is the policy's; each token comes from a Secret; no K8S_STATEFULSET is left.
   */
  @Test
  void severalTargetsNameTheirStatefulSetsOnceForTheScalerTheRoleAndThePolicy() throws Exception {
    for (String dir : List.of("infra/several-targets/cronjob", "infra/several-targets/knative")) {
      Build build = kustomize(dir);
      V1PodSpec pod = scalerPod(build);
      V1Container scaler = onlyContainer(pod);
      Map<String, String> params = build.named(V1ConfigMap.class, "shardscaler-params").getData();
      String file = envValue(scaler, "SCALER_TARGETS_FILE");
      V1VolumeMount mount =
          scaler.getVolumeMounts().stream()
              .filter(m -> file.startsWith(m.getMountPath() + "/"))
              .findFirst()
              .orElseThrow();
      V1ConfigMap targetsMap =
          build.named(V1ConfigMap.class, configMapOf(pod, mount.getName()).getName());
      String document = targetsMap.getData().get(file.substring(mount.getMountPath().length() + 1));

      assertThat(scaler.getEnv()).as(dir).noneMatch(env -> env.getName().equals("K8S_STATEFULSET"));
      Map<String, String> env = new HashMap<>(literalEnv(scaler));
      env.remove("SCALER_TARGETS_FILE");
      env.put("SCALER_TARGETS", document);
      env.put("K8S_NAMESPACE", "bots");
      for (V1EnvVar variable : scaler.getEnv()) {
        boolean token = !variable.getName().startsWith("SCALER_");
        if (token
            && variable.getValueFrom() != null
            && variable.getValueFrom().getSecretKeyRef() != null) {
          env.put(variable.getName(), "token-of-" + secretRef(scaler, variable.getName()));
        }
      }
      var targets = Targets.fromEnv(env);

      List<String> names =
          targets.specs().stream().map(spec -> spec.target().statefulSet()).toList();
      assertThat(names).as(dir).hasSizeGreaterThan(1);
      assertThat(String.join(",", names)).as(dir).isEqualTo(params.get("statefulSets"));
      assertLeastPrivilege(build, names);
      for (var spec : targets.specs()) {
        String set = spec.target().statefulSet();
        var settings = spec.settings("token");
        assertThat(String.valueOf(settings.maxShards()))
            .as("%s: %s's cap is the policy's", dir, set)
            .isEqualTo(params.getOrDefault(set + ".maxShards", params.get("maxShards")));
        assertThat(spec.target().container())
            .isEqualTo(params.getOrDefault(set + ".container", params.get("container")));
        assertThat(spec.token())
            .as("%s: %s's token comes from a Secret", dir, set)
            .isInstanceOfSatisfying(
                TokenSource.Env.class,
                token -> assertThat(secretRef(scaler, token.variable())).isNotBlank());
      }
      assertThat(
              targets.specs().stream()
                  .map(spec -> secretRef(scaler, ((TokenSource.Env) spec.token()).variable()))
                  .distinct())
          .as("each bot its own token")
          .hasSize(targets.specs().size());
    }
  }

  // --- the contract shared by both deployments ---

  /** The checks of the `restricted` Pod Security Standard that a pod spec can fail. */
  private static void assertPassesRestricted(String what, V1PodSpec pod) {
    V1PodSecurityContext podContext = pod.getSecurityContext();
    assertThat(pod.getHostNetwork()).as(what).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostPID()).as(what).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostIPC()).as(what).isNotEqualTo(Boolean.TRUE);
    for (V1Volume volume : pod.getVolumes()) {
      assertThat(
              volume.getConfigMap() != null
                  || volume.getEmptyDir() != null
                  || volume.getSecret() != null
                  || volume.getProjected() != null
                  || volume.getDownwardAPI() != null
                  || volume.getPersistentVolumeClaim() != null)
          .as("%s: volume %s of an allowed type", what, volume.getName())
          .isTrue();
    }
    for (V1Container container : pod.getContainers()) {
      V1SecurityContext context = container.getSecurityContext();
      String where = what + ", container " + container.getName();
      assertThat(context).as(where).isNotNull();
      assertThat(context.getPrivileged()).as(where).isNotEqualTo(Boolean.TRUE);
      assertThat(context.getAllowPrivilegeEscalation()).as(where).isFalse();
      assertThat(context.getCapabilities().getDrop()).as(where).contains("ALL");
      assertThat(context.getCapabilities().getAdd()).as(where).isNullOrEmpty();
      boolean nonRoot =
          Boolean.TRUE.equals(context.getRunAsNonRoot())
              || (podContext != null && Boolean.TRUE.equals(podContext.getRunAsNonRoot()));
      assertThat(nonRoot).as("%s: runAsNonRoot", where).isTrue();
      Long user =
          context.getRunAsUser() != null
              ? context.getRunAsUser()
              : podContext == null ? null : podContext.getRunAsUser();
      assertThat(user).as("%s: runAsUser", where).isNotEqualTo(0L);
      String seccomp =
          context.getSeccompProfile() != null
              ? context.getSeccompProfile().getType()
              : podContext == null || podContext.getSeccompProfile() == null
                  ? null
                  : podContext.getSeccompProfile().getType();
      assertThat(seccomp).as("%s: seccomp profile", where).isIn("RuntimeDefault", "Localhost");
    }
  }

  private V1Container scalerContainer(Build build) {
    return onlyContainer(scalerPod(build));
  }

  private V1PodSpec scalerPod(Build build) {
    if (build.dir().endsWith("knative")) {
      Map<String, Object> service = build.oneMap(KNATIVE_SERVING, "Service");
      Map<String, Object> podMap =
          new LinkedHashMap<>(map(map(map(service, "spec"), "template"), "spec"));
      podMap.remove("containerConcurrency");
      return Yaml.loadAs(new org.yaml.snakeyaml.Yaml().dump(podMap), V1PodSpec.class);
    }
    return build.one(V1CronJob.class).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
  }

  private static void assertLeastPrivilege(Build build, String statefulSet) {
    assertLeastPrivilege(build, List.of(statefulSet));
  }

  private static void assertLeastPrivilege(Build build, List<String> statefulSets) {
    V1Role role = build.one(V1Role.class);
    V1RoleBinding binding = build.one(V1RoleBinding.class);
    V1ServiceAccount account = build.one(V1ServiceAccount.class);

    assertThat(role.getRules())
        .containsExactlyInAnyOrder(
            new V1PolicyRule()
                .apiGroups(List.of("apps"))
                .resources(List.of("statefulsets"))
                .resourceNames(statefulSets)
                .verbs(List.of("get", "patch")),
            new V1PolicyRule()
                .apiGroups(List.of(""))
                .resources(List.of("events"))
                .verbs(List.of("create")),
            new V1PolicyRule()
                .apiGroups(List.of(""))
                .resources(List.of("configmaps"))
                .resourceNames(List.of("shardscaler-notifications"))
                .verbs(List.of("get", "patch")));
    assertThat(build.named(V1ConfigMap.class, "shardscaler-notifications").getData())
        .as("the notification memory ships empty")
        .isNullOrEmpty();
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
      List<T> found = all(type);
      assertThat(found).as("%s in %s", type.getSimpleName(), dir).hasSize(1);
      return found.get(0);
    }

    <T> T named(Class<T> type, String name) {
      List<T> found =
          all(type).stream()
              .filter(
                  object ->
                      name.equals(
                          ((io.kubernetes.client.common.KubernetesObject) object)
                              .getMetadata()
                              .getName()))
              .toList();
      assertThat(found).as("%s %s in %s", type.getSimpleName(), name, dir).hasSize(1);
      return found.get(0);
    }

    <T> List<T> all(Class<T> type) {
      return typed.stream().filter(type::isInstance).map(type::cast).toList();
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
