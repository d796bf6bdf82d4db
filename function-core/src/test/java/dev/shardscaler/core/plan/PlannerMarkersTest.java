package dev.shardscaler.core.plan;

import static dev.shardscaler.core.plan.PlannerTest.NOW;
import static dev.shardscaler.core.plan.PlannerTest.discord;
import static dev.shardscaler.core.plan.PlannerTest.policy;
import static dev.shardscaler.core.plan.PlannerTest.running;
import static dev.shardscaler.core.plan.PlannerTest.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.ScalerException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each decision leaves in the StatefulSet's annotations for the next pass. */
class PlannerMarkersTest {

  @Test
  void aChangeRecordsItselfAndTheRolloutItStarts() {
    Decision decision = Planner.plan(running(12, 4), discord(16), policy(), NOW);

    assertThat(decision.markers().toAnnotations())
        .containsEntry(Markers.LAST_CHANGE, "2026-11-28T12:00:00Z 12→16")
        .containsEntry(Markers.ROLLOUT_SINCE, "2026-11-28T12:00:00Z")
        .doesNotContainKeys(Markers.SCALE_DOWN_SINCE, Markers.SCALE_DOWN_PEAK);
  }

  @Test
  void aFirstLowerRecommendationStartsTheWindowAndSaysWhenItEnds() {
    Decision decision = Planner.plan(running(12, 4), discord(8), with(policy(), true, true), NOW);

    assertThat(decision.markers().scaleDownSince()).isEqualTo(NOW);
    assertThat(decision.markers().scaleDownPeak()).isEqualTo(8);
    assertThat(decision.retryAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
  }

  @Test
  void aRecommendationBackAtTheCurrentCountClearsTheWindow() {
    Markers waiting = Markers.NONE.withScaleDown(NOW.minus(Duration.ofHours(3)), 9);

    Decision decision =
        Planner.plan(running(12, 4, waiting), discord(12), with(policy(), true, true), NOW);

    assertThat(decision.reason()).isEqualTo(Reason.IN_SYNC);
    assertThat(decision.markers().changesFrom(waiting))
        .containsEntry(Markers.SCALE_DOWN_SINCE, null)
        .containsEntry(Markers.SCALE_DOWN_PEAK, null);
  }

  @Test
  void aFinishedRolloutClearsItsMarker() {
    Markers afterChange = Markers.NONE.withRolloutSince(NOW.minus(Duration.ofMinutes(10)));

    Decision decision = Planner.plan(running(12, 4, afterChange), discord(12), policy(), NOW);

    Map<String, String> changes = decision.markers().changesFrom(afterChange);
    assertThat(changes).containsOnlyKeys(Markers.ROLLOUT_SINCE);
    assertThat(changes.get(Markers.ROLLOUT_SINCE)).isNull();
  }

  @Test
  void aPassWithNothingToRecordChangesNoMarker() {
    Decision decision = Planner.plan(running(12, 4), discord(12), policy(), NOW);

    assertThat(decision.markers().changesFrom(Markers.NONE)).isEmpty();
  }

  @Test
  void theBudgetGuardReportsWhenTheBudgetResets() {
    Decision decision = Planner.plan(running(12, 4), discord(16, 20, 1), policy(), NOW);

    assertThat(decision.retryAt()).isEqualTo(NOW.plus(Duration.ofHours(4)));
    assertThat(decision.message()).contains("20 session starts remain").contains("reserve 100");
  }

  @Test
  void foreignAnnotationsAreIgnoredAndMalformedOnesNamed() {
    Map<String, String> annotations = new HashMap<>();
    annotations.put("example.com/owner", "team");
    annotations.put(Markers.SCALE_DOWN_SINCE, "yesterday");

    assertThatThrownBy(() -> Markers.fromAnnotations(annotations))
        .isInstanceOf(ScalerException.class)
        .hasMessageContaining(Markers.SCALE_DOWN_SINCE)
        .hasMessageContaining("\"yesterday\"");
    annotations.remove(Markers.SCALE_DOWN_SINCE);
    assertThat(Markers.fromAnnotations(annotations)).isEqualTo(Markers.NONE);
  }

  @Test
  void markersRoundTripThroughAnnotations() {
    Markers markers =
        new Markers(
            Instant.parse("2026-11-27T10:00:00Z"),
            "12→16",
            Instant.parse("2026-11-28T01:00:00Z"),
            14,
            Instant.parse("2026-11-27T10:00:00Z"));

    assertThat(Markers.fromAnnotations(markers.toAnnotations())).isEqualTo(markers);
  }
}
