package dev.shardscaler.admission;

import static dev.shardscaler.admission.StatefulSets.NAMESPACE;
import static dev.shardscaler.admission.StatefulSets.annotations;
import static dev.shardscaler.admission.StatefulSets.container;
import static dev.shardscaler.admission.StatefulSets.envVar;
import static dev.shardscaler.admission.StatefulSets.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy's evaluation stays far inside the API server's CEL budget (1,000,000 per expression,
 * 10,000,000 per policy and request) even for a StatefulSet much larger than a bot's: every
 * comprehension walks the object once per level, and equality short-circuits on the name before
 * comparing whole containers. The figure is {@link CostEstimate}'s, summed over the whole policy
 * and still compared with the per-expression limit.
 */
class PolicyCostTest {
  static final long PER_EXPRESSION_LIMIT = 1_000_000;

  private final Admission admission = new Admission();

  @Test
  void aReshardOfTheExampleBotCostsLittle() {
    long cost = cost(StatefulSets.bot());

    System.out.println("estimated cost, example bot: " + cost);
    assertThat(cost).isPositive().isLessThan(PER_EXPRESSION_LIMIT / 100);
  }

  @Test
  void aReshardOfAHugeStatefulSetStaysFarBelowTheLimit() {
    JsonObject huge =
        StatefulSets.with(
            StatefulSets.bot(),
            s -> {
              JsonArray containers = podSpec(s).getAsJsonArray("containers");
              for (int c = 0; c < 10; c++) {
                JsonObject sidecar = container(s, "log-shipper").deepCopy();
                sidecar.addProperty("name", "sidecar-" + c);
                containers.add(sidecar);
              }
              for (JsonObject container :
                  containers.asList().stream().map(e -> e.getAsJsonObject()).toList()) {
                JsonArray env = container.getAsJsonArray("env");
                for (int i = 0; i < 100; i++) {
                  env.add(envVar("SETTING_" + i, "x".repeat(200)));
                }
              }
              for (int i = 0; i < 50; i++) {
                annotations(s).addProperty("example.com/note-" + i, "y".repeat(1000));
              }
            });

    long cost = cost(huge);

    System.out.println("estimated cost, 12 containers x 100 env, 50 annotations: " + cost);
    assertThat(cost).isLessThan(PER_EXPRESSION_LIMIT);
  }

  private long cost(JsonObject old) {
    CostEstimate cost = new CostEstimate();
    Verdict verdict =
        admission.review(
            Infra.statefulSetPolicy(),
            StatefulSetPolicyTest.update(
                StatefulSetPolicyTest.SCALER, List.of(), StatefulSetPolicyTest.reshard(old), old),
            Infra.params(NAMESPACE),
            cost);
    assertThat(verdict.outcome()).as("%s", verdict).isEqualTo(Verdict.Outcome.ADMITTED);
    return cost.total();
  }
}
