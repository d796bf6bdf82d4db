package dev.shardscaler.admission;

import static dev.shardscaler.admission.StatefulSets.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.shardscaler.core.Outcome;
import dev.shardscaler.core.ScaleFunction;
import dev.shardscaler.core.ScaleRequest;
import dev.shardscaler.core.ScaleResult;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.discord.DiscordGateway;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.discord.SessionStartLimit;
import dev.shardscaler.core.kubernetes.KubernetesClients;
import dev.shardscaler.core.kubernetes.KubernetesFleet;
import dev.shardscaler.core.kubernetes.KubernetesStatefulSets;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two whole blue/green reshards (12 → 16 onto the sibling bot-b, 16 → 20 back onto the bot's own
 * set) by the scaler's own code — the real function, its StatefulSet and Fleet clients over HTTP —
 * against an API server that keeps every write; then every write reviewed by the shipped policies
 * with the scaler's identity and the params of the blue/green component: each one is admitted.
 */
class BlueGreenWritesIT {
  static final String SCALER = StatefulSetPolicyTest.SCALER;

  private final Admission admission = new Admission();
  private final Map<String, Object> params = Infra.blueGreenParams(NAMESPACE);

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-11-28T12:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void everyWriteOfTwoBlueGreenReshardsIsAdmitted() throws Exception {
    List<ClusterApiServer.Write> writes;
    try (ClusterApiServer api = new ClusterApiServer()) {
      api.put("statefulsets", StatefulSets.bot());
      MovingClock clock = new MovingClock();
      int[] recommended = {16};
      DiscordGateway discord =
          () ->
              new GatewayBot(
                  recommended[0], new SessionStartLimit(1000, 900, Duration.ofHours(4), 1));
      Map<String, String> env = new HashMap<>();
      env.put("BOT_TOKEN", "MTA5.admission.test-token");
      env.put("K8S_NAMESPACE", NAMESPACE);
      env.put("K8S_STATEFULSET", "bot");
      env.put("K8S_CONTAINER", "bot");
      env.put("K8S_SHARDS_PER_BOT", "4");
      env.put("SCALER_MAX_SHARDS", "64");
      env.put("SCALER_STRATEGY", "bluegreen");
      env.put("SCALER_ROLLOUT_TIMEOUT", "30m");
      Settings settings = Settings.fromEnv(env);
      ApiClient client =
          KubernetesClients.forEndpoint(api.url(), null, null, Duration.ofSeconds(5));
      List<ScaleResult> results = new ArrayList<>();
      for (String goal : List.of("bot-b", "bot")) {
        for (int pass = 0; pass < 30 && !steadyOn(api, goal); pass++) {
          ScaleFunction function =
              new ScaleFunction(
                  settings,
                  discord,
                  new KubernetesStatefulSets(client, clock),
                  new KubernetesFleet(client),
                  clock);
          ScaleResult result = function.apply(ScaleRequest.scheduled());
          results.add(result);
          assertThat(result.outcome()).as(result.summary()).isNotEqualTo(Outcome.FAILED);
          api.settle("bot");
          api.settle("bot-b");
          clock.now = clock.now.plus(Duration.ofMinutes(3));
        }
        assertThat(steadyOn(api, goal)).as("%s", results).isTrue();
        clock.now = clock.now.plus(Duration.ofHours(1));
        recommended[0] = 20;
      }
      writes = api.writes();
    }

    assertThat(writes.stream().map(w -> w.operation() + " " + w.resource() + " " + w.name()))
        .as("every kind of write a blue/green reshard makes")
        .contains(
            "CREATE configmaps bot-switch",
            "UPDATE configmaps bot-switch",
            "CREATE statefulsets bot-b",
            "UPDATE statefulsets bot",
            "UPDATE statefulsets bot-b",
            "DELETE statefulsets bot-b")
        .anyMatch(line -> line.startsWith("CREATE events"));
    for (ClusterApiServer.Write write : writes) {
      for (Verdict verdict : review(write)) {
        assertThat(verdict.outcome())
            .as("%s %s %s: %s", write.operation(), write.resource(), write.name(), verdict)
            .isEqualTo(Verdict.Outcome.ADMITTED);
      }
    }
  }

  private static boolean steadyOn(ClusterApiServer api, String name) {
    JsonObject configMap = api.get("configmaps", "bot-switch");
    if (configMap == null) {
      return false;
    }
    JsonObject data = configMap.getAsJsonObject("data");
    return data.get("active").getAsString().equals(name)
        && data.get("phase").getAsString().equals("steady")
        && (name.equals("bot")
            ? api.get("statefulsets", "bot-b") == null
            : api.get("statefulsets", "bot").getAsJsonObject("spec").get("replicas").getAsInt()
                == 0);
  }

  /** The verdicts of the policies that must admit the write (each one matches it). */
  private List<Verdict> review(ClusterApiServer.Write write) {
    List<Verdict> verdicts = new ArrayList<>();
    switch (write.resource()) {
      case "statefulsets" -> {
        Admission.Request request =
            StatefulSetPolicyTest.request(
                write.operation(), SCALER, List.of(), write.object(), write.old());
        verdicts.add(admission.review(Infra.statefulSetPolicy(), request, params));
        Verdict siblings = admission.review(Infra.siblingsPolicy(), request, params);
        if (write.operation().equals("UPDATE")) {
          assertThat(siblings.outcome()).isEqualTo(Verdict.Outcome.NOT_MATCHED);
        } else {
          verdicts.add(siblings);
        }
        if (write.operation().equals("CREATE")) {
          verdicts.add(
              admission.review(
                  Infra.siblingTemplatePolicy(),
                  request,
                  BlueGreenPolicyTest.asParams(write.storedBefore().get("statefulsets/bot"))));
        }
      }
      case "configmaps" ->
          verdicts.add(
              admission.review(
                  Infra.switchPolicy(),
                  BlueGreenPolicyTest.configMapRequest(
                      write.operation(), SCALER, write.object(), write.old()),
                  params));
      case "events" ->
          verdicts.add(
              admission.review(
                  Infra.eventPolicy(), EventPolicyTest.create(SCALER, write.object()), params));
      default -> throw new IllegalStateException("unexpected write " + write);
    }
    return verdicts;
  }
}
