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

  /** The tokens of the two bots of {@link #severalTargets}. */
  public static final String MAIN_TOKEN = "MTAx.main.conformance_secret_token_1111";

  public static final String PREMIUM_TOKEN = "MTAy.premium.conformance_secret_token_2222";
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

  /**
   * The environment with two targets instead of the single bot: {@code main} (discord/bot) and
   * {@code premium} (discord/premium), each with its own token; the premium StatefulSet is seeded.
   * Discord answers main's token with 16 shards and refuses premium's (401).
   */
  public Map<String, String> severalTargets(AuthenticationStyle style) {
    Map<String, String> env = env(style);
    env.remove("BOT_TOKEN");
    env.remove("K8S_STATEFULSET");
    env.put("MAIN_BOT_TOKEN", MAIN_TOKEN);
    env.put("PREMIUM_BOT_TOKEN", PREMIUM_TOKEN);
    env.put(
        "SCALER_TARGETS",
        "{\"targets\":[{\"name\":\"main\",\"statefulSet\":\"bot\",\"token\":{\"env\":"
            + "\"MAIN_BOT_TOKEN\"}},{\"name\":\"premium\",\"statefulSet\":\"premium\","
            + "\"token\":{\"env\":\"PREMIUM_BOT_TOKEN\"}}]}");
    kube.reseed(BotStatefulSet.seedExample().name("premium"));
    discord.respondTo(MAIN_TOKEN, DiscordFake.gatewayBot(16, 1000, 1));
    discord.respondTo(PREMIUM_TOKEN, DiscordFake.unauthorized());
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
