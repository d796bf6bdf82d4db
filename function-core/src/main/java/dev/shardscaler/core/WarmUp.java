package dev.shardscaler.core;

import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.discord.DiscordGateway;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.discord.HttpDiscordGateway;
import dev.shardscaler.core.discord.SessionStartLimit;
import dev.shardscaler.core.kubernetes.KubernetesStatefulSets;
import io.kubernetes.client.openapi.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Scaling passes on synthetic data, entirely in memory, for a platform that snapshots the JVM after
 * its initialization (Lambda SnapStart): what every pass loads and links — settings, client-java's
 * client and JSON, OkHttp, Gson, the planner, the result, logging, {@code java.net.http} — is
 * loaded before the snapshot instead of after each restore.
 *
 * <p>No token, no credentials, no connection, no DNS lookup: the settings are made up (a
 * placeholder token), Discord's answer is a constant, and the cluster client's calls are answered
 * by an OkHttp interceptor that never passes them on. The passes log as passes do, on a target
 * named {@value #NAMESPACE}/{@value #STATEFUL_SET}.
 */
public final class WarmUp {
  public static final String NAMESPACE = "warm-up";
  public static final String STATEFUL_SET = "synthetic";

  private static final Map<String, String> ENV =
      Map.of(
          "BOT_TOKEN", "warm-up-placeholder-not-a-token",
          "K8S_NAMESPACE", NAMESPACE,
          "K8S_STATEFULSET", STATEFUL_SET,
          "K8S_CONTAINER", "bot",
          "K8S_SHARDS_PER_BOT", "4",
          "SCALER_RECOMMENDATION_TTL", "0");

  /** The seed's StatefulSet: 12 shards, 4 per pod, 3 pods, rolled out. */
  private static final String STATEFUL_SET_JSON =
      """
      {"apiVersion":"apps/v1","kind":"StatefulSet",
       "metadata":{"name":"synthetic","namespace":"warm-up","uid":"00000000-0000-0000-0000-000000000000",
        "resourceVersion":"1","generation":1,"annotations":{}},
       "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"bot",
        "env":[{"name":"SHARDS","value":"12"},{"name":"SHARDS_PER_BOT","value":"4"}]}]}}},
       "status":{"observedGeneration":1,"replicas":3,"readyReplicas":3,"currentReplicas":3,
        "updatedReplicas":3,"currentRevision":"synthetic-1","updateRevision":"synthetic-1"}}
      """;

  private WarmUp() {}

  /**
   * A pass that changes nothing and a dry run that would reshard, with {@code cluster} as the
   * Kubernetes client. The client is changed for good (its calls are answered in memory from then
   * on): hand in one built for this, the way the adapter builds its own.
   *
   * @return the results, UNCHANGED then DRY_RUN when all went as planned
   */
  public static List<ScaleResult> run(ApiClient cluster) {
    OkHttpClient http = cluster.getHttpClient();
    cluster.setHttpClient(http.newBuilder().addInterceptor(WarmUp::answer).build());
    Clock clock = Clock.systemUTC();
    Settings settings = Settings.fromEnv(ENV);
    KubernetesStatefulSets statefulSets = new KubernetesStatefulSets(cluster, clock);
    ScaleResult unchanged =
        new ScaleFunction(settings, discord(12), statefulSets, clock)
            .apply(ScaleRequestParser.parse("{\"reason\":\"warm-up\"}"));
    ScaleResult dryRun =
        new ScaleFunction(settings, discord(16), statefulSets, clock)
            .apply(ScaleRequest.because("warm-up").withDryRun(true));
    unchanged.toJson();
    dryRun.toJson();
    discordClient(settings);
    return List.of(unchanged, dryRun);
  }

  private static DiscordGateway discord(int shards) {
    GatewayBot answer =
        new GatewayBot(shards, new SessionStartLimit(1000, 1000, Duration.ofHours(4), 1));
    return () -> answer;
  }

  /** The JDK client as the Discord gateway builds it, and a request: built, never sent. */
  private static void discordClient(Settings settings) {
    try (HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(settings.discordConnectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()) {
      HttpRequest.newBuilder(URI.create(settings.discordApiBaseUrl() + "/gateway/bot"))
          .GET()
          .timeout(settings.discordReadTimeout())
          .header("User-Agent", HttpDiscordGateway.USER_AGENT)
          .header("Accept", "application/json")
          .build();
      client.shutdownNow();
    }
  }

  /** The cluster's side of the passes, in memory: nothing goes past this interceptor. */
  private static Response answer(Interceptor.Chain chain) {
    String path = chain.request().url().encodedPath();
    boolean statefulSet =
        chain.request().method().equals("GET")
            && path.equals(
                "/apis/apps/v1/namespaces/" + NAMESPACE + "/statefulsets/" + STATEFUL_SET);
    return new Response.Builder()
        .request(chain.request())
        .protocol(Protocol.HTTP_1_1)
        .code(statefulSet ? 200 : 404)
        .message(statefulSet ? "OK" : "Not Found")
        .body(
            ResponseBody.create(
                statefulSet ? STATEFUL_SET_JSON : "{\"kind\":\"Status\",\"code\":404}",
                MediaType.get("application/json")))
        .build();
  }
}
