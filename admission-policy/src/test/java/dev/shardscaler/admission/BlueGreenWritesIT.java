package dev.shardscaler.admission;

import static dev.shardscaler.admission.StatefulSets.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Two whole blue/green reshards (12 → 16 onto the sibling bot-b, 16 → 20 back onto the bot's own
 * set) by the scaler's own code — the real function, its StatefulSet and Fleet clients over HTTP —
 * against an API server that keeps every write; then every write reviewed by the shipped policies
 * with the scaler's identity and the params of the blue/green component: each one is admitted; and
 * the GitOps settings the docs give cover every field the scaler changes on the bot's own set.
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

  @TempDir Path tmp;

  @Test
  void everyWriteOfTwoBlueGreenReshardsIsAdmitted() throws Exception {
    List<ClusterApiServer.Write> writes = twoReshards();

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

  /**
   * The Argo CD settings docs/BLUEGREEN.md gives for a bot StatefulSet kept in Git: its
   * jqPathExpressions, evaluated by jq (the language Argo CD evaluates them in) on the bot's set
   * after each of the scaler's updates of it, cover every field of it the scaler changed in two
   * whole reshards — except its own shardscaler.dev/ annotations and what the API server keeps,
   * which are not in Git. And the sync option that makes a sync respect them is there.
   */
  @Test
  void theArgoCdSettingsOfTheDocsCoverEveryFieldTheScalerChangesOnTheBotsSet() throws Exception {
    Map<String, Object> application = argoCdExample();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) application.get("spec");
    @SuppressWarnings("unchecked")
    Map<String, Object> ignore = ((List<Map<String, Object>>) spec.get("ignoreDifferences")).get(0);
    assertThat(ignore)
        .containsEntry("group", "apps")
        .containsEntry("kind", "StatefulSet")
        .containsEntry("name", "bot");
    assertThat(new Yaml().dump(spec.get("syncPolicy"))).contains("RespectIgnoreDifferences=true");
    @SuppressWarnings("unchecked")
    List<String> expressions = (List<String>) ignore.get("jqPathExpressions");

    List<ClusterApiServer.Write> updates =
        twoReshards().stream()
            .filter(w -> w.operation().equals("UPDATE") && w.name().equals("bot"))
            .filter(w -> w.resource().equals("statefulsets"))
            .toList();
    assertThat(updates).as("the scaler updates the bot's own set").hasSizeGreaterThan(1);
    for (ClusterApiServer.Write update : updates) {
      List<String> changed = new ArrayList<>();
      changedPaths("", update.old(), update.object(), changed);
      changed.removeIf(
          path ->
              path.startsWith("/status")
                  || path.startsWith("/metadata/annotations/shardscaler.dev~1")
                  || path.matches("/metadata/(resourceVersion|generation|managedFields)(/.*)?"));
      assertThat(changed).as("the scaler changed something of the bot's set").isNotEmpty();
      Set<String> ignored = new HashSet<>();
      Path object = Files.writeString(tmp.resolve("bot.json"), update.object().toString());
      for (String expression : expressions) {
        String paths =
            Processes.run(
                tmp,
                Map.of(),
                List.of("jq", "-c", "[path(" + expression + ")]", object.toString()));
        for (JsonElement path : JsonParser.parseString(paths).getAsJsonArray()) {
          StringBuilder pointer = new StringBuilder();
          path.getAsJsonArray()
              .forEach(step -> pointer.append('/').append(step.getAsString().replace("/", "~1")));
          ignored.add(pointer.toString());
        }
      }
      assertThat(changed)
          .as("changed by the scaler: %s; ignored by Argo CD: %s", changed, ignored)
          .allMatch(
              path -> ignored.stream().anyMatch(i -> path.equals(i) || path.startsWith(i + "/")));
    }
  }

  /** The Argo CD Application excerpt in docs/BLUEGREEN.md (the block after "Argo CD:"). */
  private static Map<String, Object> argoCdExample() throws Exception {
    String docs = Files.readString(Infra.REPO.resolve("docs/BLUEGREEN.md"));
    int start = docs.indexOf("```yaml", docs.indexOf("\nArgo CD:\n"));
    assertThat(start).as("an Argo CD example in docs/BLUEGREEN.md").isPositive();
    String block = docs.substring(start + "```yaml".length(), docs.indexOf("```", start + 7));
    return new Yaml().load(block);
  }

  /** JSON Pointers of the leaves that differ between {@code a} and {@code b}. */
  private static void changedPaths(String at, JsonElement a, JsonElement b, List<String> out) {
    if (a != null && b != null && a.isJsonObject() && b.isJsonObject()) {
      Set<String> keys = new TreeSet<>(a.getAsJsonObject().keySet());
      keys.addAll(b.getAsJsonObject().keySet());
      for (String key : keys) {
        changedPaths(
            at + "/" + key.replace("~", "~0").replace("/", "~1"),
            a.getAsJsonObject().get(key),
            b.getAsJsonObject().get(key),
            out);
      }
    } else if (a != null && b != null && a.isJsonArray() && b.isJsonArray()) {
      int size = Math.max(a.getAsJsonArray().size(), b.getAsJsonArray().size());
      for (int i = 0; i < size; i++) {
        changedPaths(
            at + "/" + i,
            i < a.getAsJsonArray().size() ? a.getAsJsonArray().get(i) : null,
            i < b.getAsJsonArray().size() ? b.getAsJsonArray().get(i) : null,
            out);
      }
    } else if (a == null ? b != null : !a.equals(b)) {
      out.add(at);
    }
  }

  /**
   * Two whole blue/green reshards by the scaler's own code against an API server that keeps every
   * write; every pass must succeed. Returns the writes.
   */
  private List<ClusterApiServer.Write> twoReshards() throws Exception {
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
    return writes;
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
