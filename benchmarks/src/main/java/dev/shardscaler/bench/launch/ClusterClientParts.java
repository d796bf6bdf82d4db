package dev.shardscaler.bench.launch;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.util.ClientBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The two client-java steps of a cold pass (building the client, reading the StatefulSet) split
 * into their parts, each timed on a fresh JVM in the order the pass meets them: Gson, OkHttp, the
 * client's JSON registry, the ApiClient, the GET itself, then the body parsed twice, as a plain
 * Gson tree and as the typed {@code V1StatefulSet} that {@code KubernetesStatefulSets.read} asks
 * for. Run it on a classpath with function-core's libraries and {@code K8S_API_URL} pointing at the
 * fakes ({@code java -jar benchmarks.jar fakes}); prints {@code step=cpu/wall} in ms.
 */
public final class ClusterClientParts {
  private ClusterClientParts() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> parts = new LinkedHashMap<>();
    long[] at = {ColdPhases.threadCpuNanos(), System.nanoTime()};
    new Gson().toJson(Map.of("warm", 1));
    mark(parts, "gson", at);
    new OkHttpClient();
    mark(parts, "okHttpClient", at);
    JSON json = new JSON();
    mark(parts, "clientJavaJson", at);
    ApiClient client =
        new ClientBuilder().setBasePath(System.getenv("K8S_API_URL")).setVerifyingSsl(true).build();
    // as KubernetesClients.withTimeouts does
    client.setConnectTimeout(15_000);
    client.setReadTimeout(15_000);
    client.setWriteTimeout(15_000);
    mark(parts, "apiClient", at);
    Call call =
        new AppsV1Api(client)
            .readNamespacedStatefulSet(
                System.getenv().getOrDefault("K8S_STATEFULSET", "bot"),
                System.getenv().getOrDefault("K8S_NAMESPACE", "discord"))
            .buildCall(null);
    mark(parts, "buildCall", at);
    String body;
    try (Response response = call.execute()) {
      body = response.body().string();
    }
    mark(parts, "get", at);
    JsonParser.parseString(body).getAsJsonObject();
    mark(parts, "parseAsGsonTree", at);
    V1StatefulSet typed = json.deserialize(body, V1StatefulSet.class);
    mark(parts, "parseAsV1StatefulSet", at);
    StringBuilder line = new StringBuilder();
    parts.forEach((name, figures) -> line.append(name).append('=').append(figures).append(' '));
    System.out.println(line.append("replicas=").append(typed.getSpec().getReplicas()));
    System.exit(0);
  }

  private static void mark(Map<String, String> parts, String name, long[] at) {
    long cpu = ColdPhases.threadCpuNanos();
    long wall = System.nanoTime();
    parts.put(name, (cpu - at[0]) / 1_000_000 + "/" + (wall - at[1]) / 1_000_000);
    at[0] = cpu;
    at[1] = wall;
  }
}
