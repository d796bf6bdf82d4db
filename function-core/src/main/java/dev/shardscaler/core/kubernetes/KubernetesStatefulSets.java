package dev.shardscaler.core.kubernetes;

import com.google.gson.JsonElement;
import dev.shardscaler.core.Deadline;
import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.Target;
import dev.shardscaler.core.plan.ShardCounts;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.util.PatchUtils;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
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
    return read(target, names, Deadline.none());
  }

  @Override
  public Snapshot read(Target target, EnvNames names, Deadline deadline) {
    JsonElement statefulSet;
    try {
      // The same authenticated call, its body kept as a JSON tree (see SnapshotReader).
      okhttp3.Call call =
          apps.readNamespacedStatefulSet(target.statefulSet(), target.namespace()).buildCall(null);
      bound(call, deadline);
      statefulSet = client.<JsonElement>execute(call, JsonElement.class).getData();
    } catch (ApiException e) {
      throw ApiErrors.translate(e, "get", target);
    } catch (RuntimeException e) {
      // A 200 whose body is not JSON (a proxy's HTML page, a truncated answer).
      throw new KubernetesApiException(
          Reason.KUBERNETES_BAD_RESPONSE,
          200,
          "the Kubernetes API answered the get of statefulsets \""
              + target.statefulSet()
              + "\" in namespace \""
              + target.namespace()
              + "\" with a body that is not JSON ("
              + e.getClass().getSimpleName()
              + "): is K8S_API_URL / the cluster endpoint a Kubernetes API server?",
          true);
    }
    if (statefulSet == null || !statefulSet.isJsonObject()) {
      throw new KubernetesApiException(
          Reason.KUBERNETES_BAD_RESPONSE,
          200,
          "the Kubernetes API answered the get of statefulsets \""
              + target.statefulSet()
              + "\" with JSON that is not an object",
          false);
    }
    return SnapshotReader.read(target, statefulSet.getAsJsonObject(), names);
  }

  @Override
  public void patch(
      Snapshot snapshot, ShardCounts layout, Map<String, String> annotations, EnvNames names) {
    patch(snapshot, layout, annotations, names, Deadline.none());
  }

  @Override
  public void patch(
      Snapshot snapshot,
      ShardCounts layout,
      Map<String, String> annotations,
      EnvNames names,
      Deadline deadline) {
    String body = StatefulSetPatch.build(snapshot, layout, annotations, names).toString();
    Target target = snapshot.target();
    try {
      PatchUtils.patch(
          JsonElement.class,
          () -> {
            okhttp3.Call call =
                apps.patchNamespacedStatefulSet(
                        target.statefulSet(), target.namespace(), new V1Patch(body))
                    .fieldManager(FIELD_MANAGER)
                    .buildCall(null);
            bound(call, deadline);
            return call;
          },
          V1Patch.PATCH_FORMAT_JSON_PATCH,
          client);
    } catch (ApiException e) {
      throw ApiErrors.translate(e, "patch", target);
    } catch (RuntimeException e) {
      // The answer to a PATCH could not be read: it may have been applied.
      throw new KubernetesApiException(
          Reason.KUBERNETES_BAD_RESPONSE,
          0,
          "the Kubernetes API's answer to the patch of statefulsets \""
              + target.statefulSet()
              + "\" could not be read ("
              + e.getClass().getSimpleName()
              + ")",
          true);
    }
  }

  /** The whole call (connect, write, read) within the client's timeout and the pass's deadline. */
  private void bound(okhttp3.Call call, Deadline deadline) {
    bound(client, call, deadline);
  }

  static void bound(ApiClient client, okhttp3.Call call, Deadline deadline) {
    long millis = deadline.cap(java.time.Duration.ofMillis(client.getReadTimeout())).toMillis();
    call.timeout().timeout(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  @Override
  public void recordEvent(Snapshot snapshot, boolean warning, String reason, String message) {
    recordEvent(snapshot, warning, reason, message, Deadline.none());
  }

  @Override
  public void recordEvent(
      Snapshot snapshot, boolean warning, String reason, String message, Deadline deadline) {
    if (deadline.expired()) {
      log.warn("no time left in the pass to record the Event {} on {}", reason, snapshot.target());
      return;
    }
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
      okhttp3.Call call = core.createNamespacedEvent(target.namespace(), event).buildCall(null);
      bound(call, deadline);
      client.execute(call);
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

    /**
     * Our words for an error on another object of the bot (blue/green: the sibling set, the switch
     * ConfigMap): {@code resource} as the API names it, the object's namespace and name.
     */
    static KubernetesApiException translate(
        ApiException e, String verb, String resource, String namespace, String name) {
      int status = e.getCode();
      String object = resource + " \"" + name + "\" in namespace \"" + namespace + "\"";
      String detail = serverMessage(e);
      return switch (status) {
        case 0 ->
            new KubernetesApiException(
                Reason.KUBERNETES_UNAVAILABLE,
                0,
                "could not reach the Kubernetes API to "
                    + verb
                    + " "
                    + object
                    + ": "
                    + (e.getCause() != null ? e.getCause().toString() : e.getMessage()),
                true);
        case 401, 403 ->
            new KubernetesApiException(
                Reason.KUBERNETES_FORBIDDEN,
                status,
                "forbidden: the scaler's identity may not "
                    + verb
                    + " "
                    + object
                    + " (HTTP "
                    + status
                    + "); SCALER_STRATEGY=bluegreen needs the rights listed in docs/BLUEGREEN.md"
                    + detail,
                false);
        case 404 ->
            new KubernetesApiException(
                Reason.KUBERNETES_NOT_FOUND, 404, object + " not found (HTTP 404)" + detail, false);
        case 409 ->
            new KubernetesApiException(
                Reason.CONFLICT,
                409,
                verb.equals("create")
                    ? object + " already exists (HTTP 409)" + detail
                    : object + " changed since it was read (HTTP 409)" + detail,
                true);
        default ->
            new KubernetesApiException(
                status >= 500 || status == 429
                    ? Reason.KUBERNETES_UNAVAILABLE
                    : Reason.KUBERNETES_REJECTED,
                status,
                (status == 400 || status == 422
                        ? "the Kubernetes API rejected the " + verb + " of "
                        : "the Kubernetes API failed to " + verb + " ")
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
