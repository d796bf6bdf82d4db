package dev.shardscaler.testkit.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shardscaler.testkit.BotStatefulSet;
import dev.shardscaler.testkit.DiscordFake;
import dev.shardscaler.testkit.KubernetesFake;
import java.util.HashMap;
import java.util.Map;

/**
 * What every entry point talks to in the suite: Discord (the testkit fake) and the Kubernetes API
 * (the CRUD fake behind a WireMock proxy, so that a row can script one answer while everything else
 * reaches the real store).
 */
public final class Backends implements AutoCloseable {
  public static final String BOT_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.conformance_secret_token";
  public static final String HTTP_TOKEN = "conformance-override-token-0123456789";
  public static final String WRONG_TOKEN = "not-the-override-token";
  public static final String STATEFULSET = "/apis/apps/v1/namespaces/discord/statefulsets/bot";
  public static final String EVENTS = "/api/v1/namespaces/discord/events";

  public final DiscordFake discord = new DiscordFake();
  public final KubernetesFake kube = new KubernetesFake();
  public final WireMockServer api =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  public Backends() {
    api.start();
  }

  /**
   * The environment of an entry point of this style against these fakes: short timeouts (the fault
   * rows), no caching, no minimum interval. Token styles get {@code SCALER_HTTP_TOKEN}; IAM does
   * not use it.
   */
  public Map<String, String> env(AuthenticationStyle style) {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", BOT_TOKEN);
    env.put("K8S_NAMESPACE", "discord");
    env.put("K8S_STATEFULSET", "bot");
    env.put("K8S_CONTAINER", "bot");
    env.put("K8S_SHARDS_PER_BOT", "4");
    env.put("K8S_API_URL", "http://127.0.0.1:" + api.port());
    env.put("DISCORD_API_BASE_URL", discord.baseUrl());
    env.put("SCALER_RECOMMENDATION_TTL", "0");
    env.put("SCALER_MIN_INTERVAL", "0");
    env.put("SCALER_DISCORD_READ_TIMEOUT", "300ms");
    env.put("SCALER_DISCORD_MAX_RETRY_WAIT", "2s");
    env.put("SCALER_K8S_TIMEOUT", "1s");
    if (style != AuthenticationStyle.IAM) {
      env.put("SCALER_HTTP_TOKEN", HTTP_TOKEN);
    }
    return env;
  }

  /** A fresh example StatefulSet (12 shards, 3 pods × 4), Discord recommending 16, no scripts. */
  public void reset() {
    api.resetAll();
    api.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(kube.url())));
    kube.reseed(BotStatefulSet.seedExample());
    discord.reset(DiscordFake.gatewayBot(16, 1000, 1));
  }

  /** Discord answers the next requests with these, in order. */
  public void discordAnswers(DiscordFake.Response... responses) {
    discord.enqueue(responses);
  }

  /** The API server answers matching requests with a Kubernetes Status of this code. */
  public void apiAnswers(MappingBuilder request, int status) {
    apiAnswers(
        request,
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":"
                    + status
                    + ",\"message\":\"scripted "
                    + status
                    + "\"}"));
  }

  /** The API server answers matching requests with this response. */
  public void apiAnswers(MappingBuilder request, ResponseDefinitionBuilder response) {
    api.stubFor(request.atPriority(1).willReturn(response));
  }

  /** Requests that reached the API server, answered by the store or by a script. */
  public int clusterRequests() {
    return api.getAllServeEvents().size();
  }

  @Override
  public void close() {
    api.stop();
    kube.close();
    discord.close();
  }
}
