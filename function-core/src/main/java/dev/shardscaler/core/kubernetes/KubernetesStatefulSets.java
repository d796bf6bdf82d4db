package dev.shardscaler.core.kubernetes;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScalerException;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.plan.ClusterState;
import dev.shardscaler.core.plan.Markers;
import dev.shardscaler.core.plan.Rollout;
import dev.shardscaler.core.plan.ShardCounts;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1StatefulSetStatus;
import io.kubernetes.client.util.PatchUtils;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link StatefulSets} on the official Kubernetes Java client. */
public final class KubernetesStatefulSets implements StatefulSets {
  static final String FIELD_MANAGER = "shardscaler";
  private static final Logger log = LoggerFactory.getLogger(KubernetesStatefulSets.class);

  private final ApiClient client;
  private final AppsV1Api apps;
  private final CoreV1Api core;
  private final Clock clock;

  public KubernetesStatefulSets(ApiClient client, Clock clock) {
    this.client = client;
    this.apps = new AppsV1Api(client);
    this.core = new CoreV1Api(client);
    this.clock = clock;
  }

  @Override
  public Snapshot read(Target target, EnvNames names) {
    V1StatefulSet statefulSet;
    try {
      statefulSet =
          apps.readNamespacedStatefulSet(target.statefulSet(), target.namespace()).execute();
    } catch (ApiException e) {
      throw ApiErrors.translate(e, "get", target);
    }
    return SnapshotReader.read(target, statefulSet, names);
  }

  @Override
  public void patch(
      Snapshot snapshot, ShardCounts layout, Map<String, String> annotations, EnvNames names) {
    String body = StatefulSetPatch.build(snapshot, layout, annotations, names).toString();
    Target target = snapshot.target();
    try {
      PatchUtils.patch(
          V1StatefulSet.class,
          () ->
              apps.patchNamespacedStatefulSet(
                      target.statefulSet(), target.namespace(), new V1Patch(body))
                  .fieldManager(FIELD_MANAGER)
                  .buildCall(null),
          V1Patch.PATCH_FORMAT_JSON_PATCH,
          client);
    } catch (ApiException e) {
      throw ApiErrors.translate(e, "patch", target);
    }
  }

  @Override
  public void recordEvent(Snapshot snapshot, boolean warning, String reason, String message) {
    Target target = snapshot.target();
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    CoreV1Event event =
        new CoreV1Event()
            .apiVersion("v1")
            .kind("Event")
            .metadata(
                new V1ObjectMeta()
                    .name(
                        target.statefulSet()
                            + "."
                            + Long.toHexString(clock.millis())
                            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000)))
                    .namespace(target.namespace()))
            .involvedObject(
                new V1ObjectReference()
                    .apiVersion("apps/v1")
                    .kind("StatefulSet")
                    .name(target.statefulSet())
                    .namespace(target.namespace())
                    .uid(snapshot.uid()))
            .type(warning ? "Warning" : "Normal")
            .reason(reason)
            .message(message.length() > 1024 ? message.substring(0, 1024) : message)
            .source(new V1EventSource().component(FIELD_MANAGER))
            .reportingComponent("shardscaler.dev/scaler")
            .firstTimestamp(now)
            .lastTimestamp(now)
            .count(1);
    try {
      core.createNamespacedEvent(target.namespace(), event).execute();
    } catch (ApiException e) {
      log.warn(
          "could not record the Event {} on {}: {}",
          reason,
          target,
          ApiErrors.translate(e, "create", target).getMessage());
    } catch (RuntimeException e) {
      log.warn("could not record the Event {} on {}: {}", reason, target, e.toString());
    }
  }

  /** Turns a StatefulSet object into what the planner and the patch need. */
  static final class SnapshotReader {
    private SnapshotReader() {}

    static Snapshot read(Target target, V1StatefulSet statefulSet, EnvNames names) {
      V1ObjectMeta metadata = Objects.requireNonNull(statefulSet.getMetadata(), "metadata");
      List<V1Container> containers =
          statefulSet.getSpec() == null || statefulSet.getSpec().getTemplate().getSpec() == null
              ? List.of()
              : statefulSet.getSpec().getTemplate().getSpec().getContainers();
      int containerIndex = -1;
      for (int i = 0; i < containers.size(); i++) {
        if (target.container().equals(containers.get(i).getName())) {
          containerIndex = i;
        }
      }
      if (containerIndex < 0) {
        throw invalid(
            "StatefulSet "
                + target.namespace()
                + "/"
                + target.statefulSet()
                + " has no container \""
                + target.container()
                + "\" (K8S_CONTAINER); its containers are "
                + containers.stream().map(c -> "\"" + c.getName() + "\"").toList());
      }
      List<V1EnvVar> env = containers.get(containerIndex).getEnv();
      int shardsIndex = indexOf(env, names.shards());
      int perBotIndex = indexOf(env, names.shardsPerBot());
      Integer shards = envValue(target, env, shardsIndex);
      Integer perBot = envValue(target, env, perBotIndex);
      Integer replicas = statefulSet.getSpec().getReplicas();
      int specReplicas = replicas == null ? 1 : replicas;
      Map<String, String> annotations = metadata.getAnnotations();
      ClusterState state =
          new ClusterState(
              new ShardCounts(shards, specReplicas, perBot),
              annotations == null ? Markers.NONE : Markers.fromAnnotations(annotations),
              rollout(metadata, statefulSet.getStatus(), specReplicas));
      return new Snapshot(
          target,
          metadata.getUid(),
          metadata.getResourceVersion(),
          state,
          containerIndex,
          shardsIndex,
          perBotIndex,
          env == null ? -1 : env.size(),
          annotations);
    }

    private static Rollout rollout(
        V1ObjectMeta metadata, V1StatefulSetStatus status, int replicas) {
      long generation = metadata.getGeneration() == null ? 0 : metadata.getGeneration();
      if (status == null) {
        return new Rollout(generation, 0, null, null, replicas, 0, 0, 0);
      }
      return new Rollout(
          generation,
          status.getObservedGeneration() == null ? 0 : status.getObservedGeneration(),
          status.getCurrentRevision(),
          status.getUpdateRevision(),
          replicas,
          orZero(status.getReplicas()),
          orZero(status.getReadyReplicas()),
          orZero(status.getUpdatedReplicas()));
    }

    private static int orZero(Integer value) {
      return value == null ? 0 : value;
    }

    private static int indexOf(List<V1EnvVar> env, String name) {
      if (env == null) {
        return -1;
      }
      int found = -1;
      for (int i = 0; i < env.size(); i++) {
        if (name.equals(env.get(i).getName())) {
          found = i; // the last one wins, as in the kubelet
        }
      }
      return found;
    }

    private static Integer envValue(Target target, List<V1EnvVar> env, int index) {
      if (index < 0) {
        return null;
      }
      V1EnvVar variable = env.get(index);
      String where =
          "env "
              + variable.getName()
              + " of container \""
              + target.container()
              + "\" in "
              + target.namespace()
              + "/"
              + target.statefulSet();
      if (variable.getValueFrom() != null) {
        throw invalid(
            where
                + " is set from a reference (valueFrom); the scaler owns this"
                + " variable and needs a literal value: replace it with value: \"<n>\"");
      }
      String value = variable.getValue() == null ? "" : variable.getValue().strip();
      try {
        int parsed = Integer.parseInt(value);
        if (parsed >= 1) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid(where + " must be an integer ≥ 1, got \"" + value + "\"");
    }

    private static ScalerException invalid(String message) {
      return new ScalerException(Reason.INVALID_STATEFULSET, message, false, null);
    }
  }

  /** Our words for the API's errors. */
  static final class ApiErrors {
    private ApiErrors() {}

    static KubernetesApiException translate(ApiException e, String verb, Target target) {
      int status = e.getCode();
      String resource = verb.equals("create") ? "events" : "statefulsets";
      String object =
          verb.equals("create")
              ? "in namespace \"" + target.namespace() + "\""
              : "\"" + target.statefulSet() + "\" in namespace \"" + target.namespace() + "\"";
      String detail = serverMessage(e);
      return switch (status) {
        case 0 ->
            new KubernetesApiException(
                Reason.KUBERNETES_UNAVAILABLE,
                0,
                "could not reach the Kubernetes API to "
                    + verb
                    + " "
                    + resource
                    + " "
                    + object
                    + ": "
                    + (e.getCause() != null ? e.getCause().toString() : e.getMessage()),
                true);
        case 401 ->
            new KubernetesApiException(
                Reason.KUBERNETES_FORBIDDEN,
                401,
                "the Kubernetes API did not accept the scaler's credentials (HTTP 401) to "
                    + verb
                    + " "
                    + resource
                    + " "
                    + object
                    + detail,
                false);
        case 403 ->
            new KubernetesApiException(
                Reason.KUBERNETES_FORBIDDEN,
                403,
                "forbidden: the scaler's identity may not "
                    + verb
                    + " "
                    + resource
                    + " "
                    + object
                    + " (HTTP 403); grant it with the Role in infra/k8s/rbac"
                    + detail,
                false);
        case 404 ->
            new KubernetesApiException(
                Reason.KUBERNETES_NOT_FOUND,
                404,
                resource.equals("events")
                    ? "namespace \"" + target.namespace() + "\" not found (HTTP 404)" + detail
                    : "StatefulSet \""
                        + target.statefulSet()
                        + "\" not found in namespace \""
                        + target.namespace()
                        + "\" (HTTP 404): check K8S_NAMESPACE and"
                        + " K8S_STATEFULSET"
                        + detail,
                false);
        case 409 ->
            new KubernetesApiException(
                Reason.CONFLICT,
                409,
                "StatefulSet "
                    + target.namespace()
                    + "/"
                    + target.statefulSet()
                    + " changed since it was read (HTTP 409)"
                    + detail,
                true);
        case 400, 422 ->
            new KubernetesApiException(
                Reason.KUBERNETES_REJECTED,
                status,
                "the Kubernetes API rejected the "
                    + verb
                    + " of "
                    + resource
                    + " "
                    + object
                    + " (HTTP "
                    + status
                    + ")"
                    + detail,
                false);
        default ->
            new KubernetesApiException(
                status >= 500 || status == 429
                    ? Reason.KUBERNETES_UNAVAILABLE
                    : Reason.KUBERNETES_REJECTED,
                status,
                "the Kubernetes API failed to "
                    + verb
                    + " "
                    + resource
                    + " "
                    + object
                    + " (HTTP "
                    + status
                    + ")"
                    + detail,
                status >= 500 || status == 429);
      };
    }

    private static String serverMessage(ApiException e) {
      String body = e.getResponseBody();
      if (body == null || body.isBlank()) {
        return "";
      }
      try {
        com.google.gson.JsonElement parsed = com.google.gson.JsonParser.parseString(body);
        if (parsed.isJsonObject() && parsed.getAsJsonObject().has("message")) {
          return ": " + parsed.getAsJsonObject().get("message").getAsString();
        }
      } catch (RuntimeException ignored) {
        // not a Status object: show the start of the body
      }
      String oneLine = body.strip().replaceAll("\\s+", " ");
      return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
    }
  }
}
