package dev.shardscaler.admission;

import static dev.shardscaler.admission.StatefulSets.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Event policy of infra/k8s/admission: the scaler's identity may create Events about its target
 * StatefulSets and nothing else. The Events the scaler really sends are in {@link ScalerPatchesIT}.
 */
class EventPolicyTest {
  static final String SCALER = StatefulSetPolicyTest.SCALER;
  static final AdmissionPolicy POLICY = Infra.eventPolicy();
  static final Map<String, Object> PARAMS = Infra.params(NAMESPACE);

  private final Admission admission = new Admission();

  @Test
  void everyExpressionOfThePolicyCompilesAndTheIdentityTestIsTheStatefulSetPolicys() {
    POLICY.expressions().forEach(admission::program);

    assertThat(POLICY.matchConditions()).isEqualTo(Infra.statefulSetPolicy().matchConditions());
    assertThat(POLICY.failurePolicy()).isEqualTo("Fail");
  }

  @Test
  void anEventAboutTheBotStatefulSetIsAdmitted() {
    assertThat(admission.review(POLICY, create(SCALER, event(e -> {})), PARAMS).outcome())
        .isEqualTo(Verdict.Outcome.ADMITTED);
    assertThat(
            admission
                .review(POLICY, create(SCALER, event(e -> involved(e).remove("namespace"))), PARAMS)
                .outcome())
        .isEqualTo(Verdict.Outcome.ADMITTED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventsTheScalerNeverRecords")
  void anyOtherEventIsDenied(String name, Consumer<JsonObject> change) {
    Verdict verdict = admission.review(POLICY, create(SCALER, event(change)), PARAMS);

    assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.DENIED);
    assertThat(verdict.hasErrors()).as("%s", verdict).isFalse();
    assertThat(verdict.messages())
        .containsExactly(
            "the scaler may only record Events about its target StatefulSets (bot) in namespace "
                + NAMESPACE);
    assertThat(
            admission
                .review(
                    POLICY, create("system:serviceaccount:discord:other", event(change)), PARAMS)
                .outcome())
        .isEqualTo(Verdict.Outcome.NOT_MATCHED);
  }

  static Stream<Arguments> eventsTheScalerNeverRecords() {
    return Stream.of(
        Arguments.of(
            "about another StatefulSet",
            (Consumer<JsonObject>) e -> involved(e).addProperty("name", "database")),
        Arguments.of(
            "about a Pod",
            (Consumer<JsonObject>)
                e -> {
                  involved(e).addProperty("kind", "Pod");
                  involved(e).addProperty("apiVersion", "v1");
                  involved(e).addProperty("name", "bot-0");
                }),
        Arguments.of(
            "about a Deployment named bot",
            (Consumer<JsonObject>) e -> involved(e).addProperty("kind", "Deployment")),
        Arguments.of(
            "about the bot of another namespace",
            (Consumer<JsonObject>) e -> involved(e).addProperty("namespace", "payments")),
        Arguments.of(
            "about an object of another API group",
            (Consumer<JsonObject>) e -> involved(e).addProperty("apiVersion", "example.com/v1")),
        Arguments.of("about nothing", (Consumer<JsonObject>) e -> e.remove("involvedObject")));
  }

  @Test
  void changingOrDeletingEventsIsDenied() {
    JsonObject event = event(e -> {});
    for (String operation : List.of("UPDATE", "DELETE")) {
      Admission.Request request =
          new Admission.Request(
              operation,
              "",
              "v1",
              "events",
              NAMESPACE,
              "bot.1",
              SCALER,
              List.of(),
              operation.equals("DELETE") ? null : event,
              event);

      Verdict verdict = admission.review(POLICY, request, PARAMS);

      assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.DENIED);
      assertThat(verdict.messages())
          .containsExactly("the scaler may create Events, never change or delete one");
    }
  }

  static Admission.Request create(String user, JsonObject event) {
    return new Admission.Request(
        "CREATE",
        "",
        "v1",
        "events",
        NAMESPACE,
        event.getAsJsonObject("metadata").get("name").getAsString(),
        user,
        List.of(),
        event,
        null);
  }

  /** An Event like the scaler's, changed. */
  private static JsonObject event(Consumer<JsonObject> change) {
    JsonObject event =
        JsonParser.parseString(
                """
        {"apiVersion": "v1", "kind": "Event",
         "metadata": {"name": "bot.19a2f3c4d5e", "namespace": "discord",
                      "creationTimestamp": "2026-11-28T12:00:00Z"},
         "involvedObject": {"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "bot",
                            "namespace": "discord", "uid": "0b5f2c1e-8f53-4a64-9d0e-7c2f4d1e9a10"},
         "reason": "Resharded", "message": "12 shards/3 pods -> 16 shards/4 pods",
         "source": {"component": "shardscaler"}, "reportingComponent": "shardscaler.dev/scaler",
         "type": "Normal", "count": 1,
         "firstTimestamp": "2026-11-28T12:00:00Z", "lastTimestamp": "2026-11-28T12:00:00Z"}
        """)
            .getAsJsonObject();
    change.accept(event);
    return event;
  }

  private static JsonObject involved(JsonObject event) {
    return event.getAsJsonObject("involvedObject");
  }
}
