package dev.shardscaler.admission;

import static dev.shardscaler.admission.StatefulSets.NAMESPACE;
import static dev.shardscaler.admission.StatefulSets.annotations;
import static dev.shardscaler.admission.StatefulSets.container;
import static dev.shardscaler.admission.StatefulSets.env;
import static dev.shardscaler.admission.StatefulSets.metadata;
import static dev.shardscaler.admission.StatefulSets.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shardscaler.core.plan.Markers;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The holds the scaler keeps itself, enforced on its identity by the StatefulSet policy: a stolen
 * token or a scaler bug must not wake a stopped bot, reshard a paused set, a set in the middle of a
 * rollout or one whose update strategy would split the fleet, nor write replicas that do not run
 * every shard exactly once. Each harmful write is denied with a message naming the hold; the
 * neighbouring write the scaler really makes in the same state is admitted.
 */
class StatefulSetHoldsTest {
  static final String SCALER = StatefulSetPolicyTest.SCALER;
  static final AdmissionPolicy POLICY = Infra.statefulSetPolicy();
  static final Map<String, Object> ROLLING = Infra.params(NAMESPACE);
  static final Map<String, Object> BLUEGREEN = Infra.blueGreenParams(NAMESPACE);

  /** The reshard of {@link StatefulSetPolicyTest#reshard}, in place: 12 → 16 shards, 3 → 4 pods. */
  static final Consumer<JsonObject> RESHARD =
      s -> {
        spec(s).addProperty("replicas", 4);
        env(s, "bot", "SHARDS").addProperty("value", "16");
        annotations(s).addProperty(Markers.LAST_CHANGE, "2026-11-28T12:00:00Z 12→16");
      };

  private final Admission admission = new Admission();

  // ---- the harmful writes -------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("writesTheScalerNeverMakes")
  void aWriteThatSkipsAHoldIsDeniedWithAMessageNamingIt(
      String write,
      Consumer<JsonObject> before,
      Consumer<JsonObject> edit,
      String message,
      List<Map<String, Object>> strategies) {
    JsonObject old = StatefulSets.with(StatefulSets.bot(), before);
    JsonObject changed = StatefulSets.with(old, edit);

    for (Map<String, Object> params : strategies) {
      Verdict verdict = review(changed, old, params);

      assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.DENIED);
      assertThat(verdict.hasErrors()).as("%s", verdict).isFalse();
      assertThat(verdict.messages()).as("%s", verdict).anyMatch(m -> m.contains(message));
      assertThat(verdict.reasons()).as("answered 422 with the message").containsExactly("Invalid");
    }
  }

  static Stream<Arguments> writesTheScalerNeverMakes() {
    Consumer<JsonObject> none = s -> {};
    return Stream.of(
        // With bluegreen: "true" the bot's own set at zero may be blue/green's drained set, which
        // the scaler wakes as the next standby: the policy cannot tell (docs/SECURITY.md).
        Arguments.of(
            "waking a stopped bot",
            (Consumer<JsonObject>) s -> spec(s).addProperty("replicas", 0),
            (Consumer<JsonObject>) s -> spec(s).addProperty("replicas", 3),
            "StatefulSet bot is stopped (spec.replicas 0): someone stopped the bot, and the scaler"
                + " never starts a stopped set",
            List.of(ROLLING)),
        row(
            "a reshard of a paused set",
            s -> annotations(s).addProperty(Markers.PAUSED, "true"),
            RESHARD,
            "StatefulSet bot is paused (shardscaler.dev/paused=\"true\"): the scaler changes"
                + " neither spec.replicas nor SHARDS nor SHARDS_PER_BOT of a paused set"),
        row(
            "replicas of a paused set corrected 5 → 3",
            s -> {
              annotations(s).addProperty(Markers.PAUSED, "incident 4711");
              spec(s).addProperty("replicas", 5);
              s.getAsJsonObject("status").addProperty("replicas", 5);
            },
            s -> spec(s).addProperty("replicas", 3),
            "is paused (shardscaler.dev/paused=\"incident 4711\")"),
        row(
            "replicas that leave shards unserved (12 shards, 4 per pod, 1 pod)",
            none,
            s -> spec(s).addProperty("replicas", 1),
            "the scaler writes spec.replicas = ceil(SHARDS / SHARDS_PER_BOT) so that every shard"
                + " runs exactly once; got spec.replicas 1, SHARDS 12, SHARDS_PER_BOT 4 (needs 3"
                + " pods)"),
        row(
            "replicas that run no shard (12 shards, 4 per pod, 5 pods)",
            none,
            s -> spec(s).addProperty("replicas", 5),
            "got spec.replicas 5, SHARDS 12, SHARDS_PER_BOT 4 (needs 3 pods)"),
        row(
            "SHARDS_PER_BOT lowered to 1 on 3 pods",
            none,
            s -> env(s, "bot", "SHARDS_PER_BOT").addProperty("value", "1"),
            "got spec.replicas 3, SHARDS 12, SHARDS_PER_BOT 1 (needs 12 pods)"),
        row(
            "SHARDS raised without the pods to run them",
            none,
            s -> env(s, "bot", "SHARDS").addProperty("value", "16"),
            "got spec.replicas 3, SHARDS 16, SHARDS_PER_BOT 4 (needs 4 pods)"),
        row(
            "replicas changed while SHARDS_PER_BOT is missing",
            s -> container(s, "bot").getAsJsonArray("env").remove(2),
            s -> spec(s).addProperty("replicas", 4),
            "got spec.replicas 4, SHARDS 12, SHARDS_PER_BOT not a whole number"),
        row(
            "replicas changed while SHARDS comes from a reference",
            s -> {
              JsonObject shards = env(s, "bot", "SHARDS");
              shards.remove("value");
              shards.add(
                  "valueFrom",
                  JsonParser.parseString("{\"configMapKeyRef\":{\"name\":\"c\",\"key\":\"k\"}}"));
            },
            s -> spec(s).addProperty("replicas", 4),
            "SHARDS not a whole number"),
        row(
            "a reshard while the revisions differ",
            s -> s.getAsJsonObject("status").addProperty("updateRevision", "bot-77aa"),
            RESHARD,
            "StatefulSet bot is rolling out (observedGeneration 7 of generation 7, 3 of 3 pods,"
                + " revision bot-5d9c7b6f48 → bot-77aa): the scaler never changes spec.replicas,"
                + " SHARDS or SHARDS_PER_BOT on top of a rollout"),
        row(
            "a reshard before the controller saw the last spec",
            s -> metadata(s).addProperty("generation", 8),
            RESHARD,
            "is rolling out (observedGeneration 7 of generation 8"),
        row(
            "a reshard while pods are still being created",
            s -> s.getAsJsonObject("status").addProperty("replicas", 2),
            RESHARD,
            "is rolling out (observedGeneration 7 of generation 7, 2 of 3 pods"),
        row(
            "a reshard of a set without status",
            s -> s.add("status", new JsonObject()),
            RESHARD,
            "is rolling out (observedGeneration 0 of generation 7, 0 of 3 pods)"),
        row(
            "a reshard of an OnDelete set",
            s -> spec(s).add("updateStrategy", JsonParser.parseString("{\"type\":\"OnDelete\"}")),
            RESHARD,
            "StatefulSet bot has updateStrategy OnDelete: a new template would not reach every pod"
                + " and split the fleet between two shard totals"),
        row(
            "a reshard of a set with a partition",
            s ->
                spec(s)
                    .add(
                        "updateStrategy",
                        JsonParser.parseString(
                            "{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":2}}")),
            RESHARD,
            "has updateStrategy RollingUpdate with partition 2"));
  }

  @ParameterizedTest(name = "paused=\"{0}\"")
  @ValueSource(strings = {"true", "TRUE", "1", "yes", "", "incident 4711", "false please"})
  void everyValueButFalseOrZeroHoldsAReshard(String value) {
    JsonObject paused =
        StatefulSets.with(
            StatefulSets.bot(), s -> annotations(s).addProperty(Markers.PAUSED, value));

    Verdict verdict = review(StatefulSetPolicyTest.reshard(paused), paused, ROLLING);

    assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.DENIED);
    assertThat(verdict.messages()).anyMatch(m -> m.contains("is paused"));
  }

  @Test
  void theSiblingIsNeverWokenByAnUpdate() {
    JsonObject drained =
        StatefulSets.with(BlueGreenPolicyTest.sibling(), s -> spec(s).addProperty("replicas", 0));
    JsonObject woken = StatefulSets.with(drained, s -> spec(s).addProperty("replicas", 4));

    Verdict verdict =
        admission.review(POLICY, BlueGreenPolicyTest.update(woken, drained), BLUEGREEN);

    assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.DENIED);
    assertThat(verdict.messages())
        .contains(
            "StatefulSet bot-b is stopped (spec.replicas 0): someone stopped the bot, and the"
                + " scaler never starts a stopped set (a blue/green standby starts by being"
                + " created)");
  }

  // ---- the neighbouring writes the scaler makes -----------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("writesTheScalerMakes")
  void theScalersWriteInTheSameStateIsAdmitted(
      String write,
      Consumer<JsonObject> before,
      Consumer<JsonObject> edit,
      Map<String, Object> params) {
    JsonObject old = StatefulSets.with(StatefulSets.bot(), before);

    Verdict verdict = review(StatefulSets.with(old, edit), old, params);

    assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.ADMITTED);
  }

  static Stream<Arguments> writesTheScalerMakes() {
    Consumer<JsonObject> none = s -> {};
    Consumer<JsonObject> stopped = s -> spec(s).addProperty("replicas", 0);
    Consumer<JsonObject> paused = s -> annotations(s).addProperty(Markers.PAUSED, "true");
    Consumer<JsonObject> rolling =
        s -> s.getAsJsonObject("status").addProperty("updateRevision", "bot-77aa");
    Consumer<JsonObject> onDelete =
        s -> spec(s).add("updateStrategy", JsonParser.parseString("{\"type\":\"OnDelete\"}"));
    Consumer<JsonObject> marker =
        s -> annotations(s).addProperty(Markers.ROLLOUT_SINCE, "2026-11-28T12:00:00Z");
    Consumer<JsonObject> drain = s -> spec(s).addProperty("replicas", 0);
    return Stream.of(
        admitted("a stopped set: markers written", stopped, marker, ROLLING),
        admitted(
            "blue/green: the bot's own drained set woken as the standby, 20 shards on 5 pods",
            s -> {
              stopped.accept(s);
              s.getAsJsonObject("status").addProperty("replicas", 0);
            },
            s -> {
              spec(s).addProperty("replicas", 5);
              env(s, "bot", "SHARDS").addProperty("value", "20");
            },
            BLUEGREEN),
        admitted("a paused set: markers written", paused, marker, ROLLING),
        admitted(
            "paused=\"false\": a reshard",
            s -> annotations(s).addProperty(Markers.PAUSED, "false"),
            RESHARD,
            ROLLING),
        admitted(
            "paused=\" FALSE \": a reshard",
            s -> annotations(s).addProperty(Markers.PAUSED, " FALSE "),
            RESHARD,
            ROLLING),
        admitted(
            "paused=\"0\": a reshard",
            s -> annotations(s).addProperty(Markers.PAUSED, "0"),
            RESHARD,
            ROLLING),
        admitted("blue/green: a paused set drained to zero", paused, drain, BLUEGREEN),
        admitted("a rollout: its marker written", rolling, marker, ROLLING),
        admitted(
            "blue/green: a standby still starting drained to zero",
            s -> s.getAsJsonObject("status").addProperty("replicas", 1),
            drain,
            BLUEGREEN),
        admitted("blue/green: a rolling set drained to zero", rolling, drain, BLUEGREEN),
        admitted("an OnDelete set: markers written", onDelete, marker, ROLLING),
        admitted("blue/green: an OnDelete set drained to zero", onDelete, drain, BLUEGREEN),
        admitted(
            "no update strategy (RollingUpdate by default): a reshard",
            s -> spec(s).remove("updateStrategy"),
            RESHARD,
            ROLLING),
        admitted(
            "RollingUpdate without rollingUpdate: a reshard",
            s ->
                spec(s)
                    .add("updateStrategy", JsonParser.parseString("{\"type\":\"RollingUpdate\"}")),
            RESHARD,
            ROLLING),
        admitted(
            "no revisions in the status: a reshard",
            s -> {
              s.getAsJsonObject("status").remove("currentRevision");
              s.getAsJsonObject("status").remove("updateRevision");
            },
            RESHARD,
            ROLLING),
        admitted(
            "13 shards, 4 per pod, on 4 pods (the last pod runs one)",
            none,
            s -> {
              spec(s).addProperty("replicas", 4);
              env(s, "bot", "SHARDS").addProperty("value", "13");
            },
            ROLLING),
        admitted(
            "repack to 6 per pod on 2 pods",
            none,
            s -> {
              spec(s).addProperty("replicas", 2);
              env(s, "bot", "SHARDS_PER_BOT").addProperty("value", "6");
            },
            ROLLING),
        admitted(
            "replicas corrected 5 → 3",
            s -> {
              spec(s).addProperty("replicas", 5);
              s.getAsJsonObject("status").addProperty("replicas", 5);
            },
            s -> spec(s).addProperty("replicas", 3),
            ROLLING),
        admitted(
            "a non-literal env elsewhere does not matter: markers written",
            s -> {
              JsonObject shards = env(s, "bot", "SHARDS");
              shards.remove("value");
              shards.add(
                  "valueFrom",
                  JsonParser.parseString("{\"configMapKeyRef\":{\"name\":\"c\",\"key\":\"k\"}}"));
            },
            marker,
            ROLLING));
  }

  private Verdict review(JsonObject object, JsonObject old, Map<String, Object> params) {
    return admission.review(
        POLICY, StatefulSetPolicyTest.update(SCALER, List.of(), object, old), params);
  }

  private static Arguments row(
      String write, Consumer<JsonObject> before, Consumer<JsonObject> edit, String message) {
    return Arguments.of(write, before, edit, message, List.of(ROLLING, BLUEGREEN));
  }

  private static Arguments admitted(
      String write,
      Consumer<JsonObject> before,
      Consumer<JsonObject> edit,
      Map<String, Object> params) {
    return Arguments.of(write, before, edit, params);
  }
}
