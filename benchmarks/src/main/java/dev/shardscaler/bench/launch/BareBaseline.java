package dev.shardscaler.bench.launch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The bare-JVM baseline: the same two HTTP calls as a no-op pass (GET the StatefulSet, GET
 * Discord's {@code /gateway/bot}) with nothing but the JDK, configured by the same environment as
 * the scaler. Prints one JSON line in the shape the harness waits for, then exits. No parsing, no
 * logging, no libraries: the floor any artifact is compared with.
 */
public final class BareBaseline {
  private BareBaseline() {}

  public static void main(String[] args) throws Exception {
    String kube = System.getenv("K8S_API_URL");
    String discord = System.getenv("DISCORD_API_BASE_URL");
    String namespace = System.getenv("K8S_NAMESPACE");
    String statefulSet = System.getenv("K8S_STATEFULSET");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> read =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        kube
                            + "/apis/apps/v1/namespaces/"
                            + namespace
                            + "/statefulsets/"
                            + statefulSet))
                .timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> gateway =
        http.send(
            HttpRequest.newBuilder(URI.create(discord + "/gateway/bot"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bot " + System.getenv("BOT_TOKEN"))
                .header("User-Agent", "DiscordBot (https://github.com/shardscaler/shardscaler, 0)")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    System.out.println(
        "{\"outcome\":\"BASELINE\",\"statefulSetStatus\":"
            + read.statusCode()
            + ",\"statefulSetBytes\":"
            + read.body().length()
            + ",\"discordStatus\":"
            + gateway.statusCode()
            + ",\"discordBytes\":"
            + gateway.body().length()
            + "}");
    System.out.flush();
    System.exit(read.statusCode() == 200 && gateway.statusCode() == 200 ? 0 : 1);
  }
}
