package dev.shardscaler.core.plan;

import static dev.shardscaler.core.plan.PlanFixtures.NOW;
import static dev.shardscaler.core.plan.PlanFixtures.discord;
import static dev.shardscaler.core.plan.PlanFixtures.lastChange;
import static dev.shardscaler.core.plan.PlanFixtures.policy;
import static dev.shardscaler.core.plan.PlanFixtures.rolling;
import static dev.shardscaler.core.plan.PlanFixtures.running;
import static dev.shardscaler.core.plan.PlanFixtures.scaleDownOn;
import static dev.shardscaler.core.plan.PlanFixtures.scaleDownSince;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each decision leaves in the StatefulSet's annotations for the next pass. */
class PlannerMarkersTest {

  @Test
  void aChangeRecordsItselfAndTheRolloutItStarts() {
    Decision decision = Planner.plan(running(12, 4), discord(16), policy(), NOW);

    assertThat(decision.writeMarkers()).isTrue();
    assertThat(decision.markers().toAnnotations())
        .containsEntry(Markers.LAST_CHANGE, "2026-11-28T12:00:00Z 12→16")
        .containsEntry(Markers.ROLLOUT_SINCE, "2026-11-28T12:00:00Z")
        .doesNotContainKeys(Markers.SCALE_DOWN_SINCE, Markers.SCALE_DOWN_PEAK);
  }

  @Test
  void aFirstLowerRecommendationStartsTheWindowAndSaysWhenItEnds() {
    Decision decision = Planner.plan(running(12, 4), discord(8), scaleDownOn(), NOW);

    assertThat(decision.writeMarkers()).isTrue();
    assertThat(decision.markers().scaleDownSince()).isEqualTo(NOW);
    assertThat(decision.markers().scaleDownPeak()).isEqualTo(8);
    assertThat(decision.retryAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
  }

  @Test
  void thePeakIsDiscordsFigureNotTheRoundedCount() {
    Decision decision = Planner.plan(running(48, 4), discord(17, 1000, 16), scaleDownOn(), NOW);

    assertThat(decision.reason()).isEqualTo(Reason.SCALE_DOWN_STABILIZING);
    assertThat(decision.markers().scaleDownPeak()).isEqualTo(17);
  }

  @Test
  void aRecommendationBackAtTheCurrentCountClearsTheWindow() {
    Markers waiting = scaleDownSince(Duration.ofHours(3), 9);

    Decision decision = Planner.plan(running(12, 4, waiting), discord(12), scaleDownOn(), NOW);

    assertThat(decision.reason()).isEqualTo(Reason.IN_SYNC);
    assertThat(decision.markers().changesFrom(waiting))
        .containsEntry(Markers.SCALE_DOWN_SINCE, null)
        .containsEntry(Markers.SCALE_DOWN_PEAK, null);
  }

  /** #4: only an applied change clears a due window; a blocked one keeps its markers. */
  @Test
  void aDueScaleDownThatIsBlockedKeepsItsWindow() {
    Markers due = scaleDownSince(Duration.ofHours(25), 10).withLastChange(NOW, "8→12");

    Decision decision = Planner.plan(running(12, 4, due), discord(8), scaleDownOn(), NOW);

    assertThat(decision.reason()).isEqualTo(Reason.MIN_INTERVAL);
    assertThat(decision.markers().scaleDownSince()).isEqualTo(due.scaleDownSince());
    assertThat(decision.markers().scaleDownPeak()).isEqualTo(10);
    assertThat(decision.writeMarkers()).isFalse();
  }

  @Test
  void aDueScaleDownBlockedByTheBudgetKeepsItsWindow() {
    Markers due = scaleDownSince(Duration.ofHours(25), 10);

    Decision decision = Planner.plan(running(12, 4, due), discord(8, 40, 1), scaleDownOn(), NOW);

    assertThat(decision.reason()).isEqualTo(Reason.IDENTIFY_BUDGET);
    assertThat(decision.markers().scaleDownSince()).isEqualTo(due.scaleDownSince());
  }

  @Test
  void anAppliedScaleDownClearsTheWindow() {
    Markers due = scaleDownSince(Duration.ofHours(25), 10);

    Decision decision = Planner.plan(running(12, 4, due), discord(8), scaleDownOn(), NOW);

    assertThat(decision.reason()).isEqualTo(Reason.SCALED_DOWN);
    assertThat(decision.markers().scaleDownSince()).isNull();
    assertThat(decision.markers().scaleDownPeak()).isNull();
  }

  @Test
  void aFinishedRolloutClearsItsMarker() {
    Markers afterChange = Markers.NONE.withRolloutSince(NOW.minus(Duration.ofMinutes(10)));

    Decision decision = Planner.plan(running(12, 4, afterChange), discord(12), policy(), NOW);

    assertThat(decision.writeMarkers()).isTrue();
    assertThat(decision.markers().changesFrom(afterChange))
        .containsOnlyKeys(Markers.ROLLOUT_SINCE)
        .containsEntry(Markers.ROLLOUT_SINCE, null);
  }

  @Test
  void aRolloutFirstSeenIsRecorded() {
    ClusterState state =
        new ClusterState(
            ShardCounts.of(12, 4), Markers.NONE, new Rollout(2, 1, "a", "a", 3, 3, 3, 3));

    Decision decision = Planner.plan(state, discord(12), policy(), NOW);

    assertThat(decision.markers().rolloutSince()).isEqualTo(NOW);
    assertThat(decision.writeMarkers()).isTrue();
  }

  @Test
  void aPassWithNothingToRecordWritesNothing() {
    Decision decision = Planner.plan(running(12, 4), discord(12), policy(), NOW);

    assertThat(decision.writeMarkers()).isFalse();
    assertThat(decision.markers().changesFrom(Markers.NONE)).isEmpty();
  }

  @Test
  void theBudgetGuardReportsWhenTheBudgetResets() {
    Decision decision = Planner.plan(running(12, 4), discord(16, 20, 1), policy(), NOW);

    assertThat(decision.retryAt()).isEqualTo(NOW.plus(Duration.ofHours(4)));
    assertThat(decision.message()).contains("20 session starts remain").contains("reserve 100");
  }

  // ---- #7 untrustworthy markers -------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        Markers.LAST_CHANGE,
        Markers.SCALE_DOWN_SINCE,
        Markers.SCALE_DOWN_PEAK,
        Markers.ROLLOUT_SINCE,
        Markers.OVERRIDE
      })
  void anUnreadableMarkerIsIgnoredWithAWarningNeverAFailure(String key) {
    Map<String, String> annotations = new HashMap<>();
    annotations.put("example.com/owner", "team");
    annotations.put(key, "yesterday, roughly");

    Markers.Read read = Markers.read(annotations);

    assertThat(read.markers()).isEqualTo(Markers.NONE);
    assertThat(read.unreadable()).containsExactly(key);
    assertThat(read.problems()).singleElement().asString().contains(key).contains("yesterday");
  }

  @Test
  void aPlanOverUnreadableMarkersCarriesTheirWarnings() {
    ClusterState state =
        PlanFixtures.withMarkerProblems(
            running(12, 4),
            "annotation shardscaler.dev/last-change must be …",
            Markers.LAST_CHANGE);

    Decision decision = Planner.plan(state, discord(16), policy(), NOW);

    assertThat(decision.reason()).isEqualTo(Reason.SCALED_UP);
    assertThat(decision.warnings()).anyMatch(w -> w.contains(Markers.LAST_CHANGE));
  }

  @Test
  void aWindowStartedInTheFutureIsIgnoredAndStartedAgain() {
    Markers skewed = Markers.NONE.withScaleDown(NOW.plus(Duration.ofDays(2)), 9);

    Decision decision = Planner.plan(running(12, 4, skewed), discord(8), scaleDownOn(), NOW);

    assertThat(decision.reason()).isEqualTo(Reason.SCALE_DOWN_STABILIZING);
    assertThat(decision.markers().scaleDownSince()).isEqualTo(NOW);
    assertThat(decision.warnings()).anyMatch(w -> w.contains(Markers.SCALE_DOWN_SINCE));
  }

  @Test
  void aRolloutMarkerInTheFutureCannotHideAStuckRollout() {
    ClusterState state = rolling(12, 4, NOW.plus(Duration.ofDays(365)));

    Decision decision = Planner.plan(state, discord(12), policy(), NOW);

    assertThat(decision.markers().rolloutSince()).isEqualTo(NOW);
    assertThat(decision.warnings()).anyMatch(w -> w.contains(Markers.ROLLOUT_SINCE));
  }

  @Test
  void markersRoundTripThroughAnnotations() {
    Markers markers =
        new Markers(
            Instant.parse("2026-11-27T10:00:00Z"),
            "12→16",
            Instant.parse("2026-11-28T01:00:00Z"),
            14,
            Instant.parse("2026-11-28T02:00:00Z"),
            Instant.parse("2026-11-27T10:00:00Z"),
            "bot-7d9f8c",
            new ShardOverride(40, 8, Instant.parse("2026-11-29T00:00:00Z"), "launch \"day\""));

    Markers.Read read = Markers.read(markers.toAnnotations());

    assertThat(read.markers()).isEqualTo(markers);
    assertThat(read.problems()).isEmpty();
  }

  // ---- #8 overrides hold -----------------------------------------------------------------

  @Test
  void anOverrideIsRecordedWithItsExpiryAndTheNextPassKeepsIt() {
    OverrideRequest ask = new OverrideRequest(null, 6, Duration.ofHours(6), false, "launch");

    Decision first = Planner.plan(running(12, 4), discord(12), policy(), ask, NOW);

    assertThat(first.reason()).isEqualTo(Reason.REPACKED);
    assertThat(first.override())
        .isEqualTo(new ShardOverride(null, 6, NOW.plus(Duration.ofHours(6)), "launch"));
    assertThat(first.markers().override()).isEqualTo(first.override());

    ClusterState applied = new ClusterState(first.target(), first.markers(), Rollout.finished(2));
    Decision next =
        Planner.plan(
            applied,
            discord(12),
            policy().withTimes(Duration.ofHours(24), Duration.ZERO, null),
            NOW.plus(Duration.ofHours(2)));

    assertThat(next.reason()).isEqualTo(Reason.IN_SYNC);
    assertThat(next.override()).isEqualTo(first.override());
    // only the finished rollout's marker goes; the override stays as recorded
    assertThat(next.markers().changesFrom(first.markers())).containsOnlyKeys(Markers.ROLLOUT_SINCE);
  }

  @Test
  void anExpiredOverrideIsDroppedAndTheConfigurationAppliesAgain() {
    ShardOverride expired = new ShardOverride(null, 6, NOW.minus(Duration.ofMinutes(1)), "x");
    ClusterState state =
        new ClusterState(
            ShardCounts.of(12, 6), Markers.NONE.withOverride(expired), Rollout.finished(2));

    Decision decision = Planner.plan(state, discord(12), policy(), NOW);

    assertThat(decision.reason()).isEqualTo(Reason.REPACKED);
    assertThat(decision.target()).isEqualTo(ShardCounts.of(12, 4));
    assertThat(decision.override()).isNull();
    assertThat(decision.markers().override()).isNull();
    assertThat(decision.warnings()).anyMatch(w -> w.contains("expired"));
  }

  @Test
  void clearOverrideRemovesIt() {
    ShardOverride held = new ShardOverride(40, null, NOW.plus(Duration.ofHours(5)), "x");
    ClusterState state =
        new ClusterState(
            ShardCounts.of(40, 4), Markers.NONE.withOverride(held), Rollout.finished(10));

    Decision decision =
        Planner.plan(
            state, discord(40), policy(), new OverrideRequest(null, null, null, true, "done"), NOW);

    assertThat(decision.override()).isNull();
    assertThat(decision.writeMarkers()).isTrue();
    assertThat(decision.markers().changesFrom(state.markers()))
        .containsEntry(Markers.OVERRIDE, null);
  }

  @Test
  void aHeldSetRecordsNoOverrideAndWritesNothing() {
    Decision decision =
        Planner.plan(
            running(12, 4).withPaused("yes"),
            discord(12),
            policy(),
            OverrideRequest.shards(40),
            NOW);

    assertThat(decision.reason()).isEqualTo(Reason.PAUSED);
    assertThat(decision.writeMarkers()).isFalse();
    assertThat(decision.markers().override()).isNull();
    assertThat(decision.message())
        .contains("kubectl annotate statefulset <name> shardscaler.dev/paused-");
  }

  @Test
  void aStuckRolloutKeepsTheWindow() {
    Markers window =
        scaleDownSince(Duration.ofHours(2), 9).withRolloutSince(NOW.minus(Duration.ofHours(1)));
    ClusterState state =
        new ClusterState(ShardCounts.of(12, 4), window, new Rollout(2, 2, "a", "b", 3, 3, 2, 1));

    Decision decision = Planner.plan(state, discord(8), scaleDownOn(), NOW);

    assertThat(decision.reason()).isEqualTo(Reason.ROLLOUT_STUCK);
    assertThat(decision.markers().scaleDownSince()).isEqualTo(window.scaleDownSince());
  }

  @Test
  void aRolloutOfAnotherRevisionStartsItsOwnClock() {
    ClusterState state =
        new ClusterState(
            ShardCounts.of(12, 4),
            Markers.NONE.withRollout(NOW.minus(Duration.ofDays(2)), "bot-old"),
            new Rollout(5, 5, "bot-a", "bot-new", 3, 3, 3, 1));

    Decision decision = Planner.plan(state, discord(12), policy(), NOW);

    assertThat(decision.reason())
        .as("a stale marker is no stuck rollout")
        .isEqualTo(Reason.IN_SYNC);
    assertThat(decision.markers().rolloutSince()).isEqualTo(NOW);
    assertThat(decision.markers().rolloutRevision()).isEqualTo("bot-new");
  }

  @Test
  void aWindowNotLookedAtForLongStartsAgain() {
    Markers stale =
        Markers.NONE.withScaleDown(NOW.minus(Duration.ofDays(8)), 9, NOW.minus(Duration.ofDays(7)));

    Decision decision = Planner.plan(running(12, 4, stale), discord(8), scaleDownOn(), NOW);

    assertThat(decision.reason()).isEqualTo(Reason.SCALE_DOWN_STABILIZING);
    assertThat(decision.markers().scaleDownSince()).isEqualTo(NOW);
    assertThat(decision.warnings()).anyMatch(w -> w.contains("starts again now"));
  }

  @Test
  void theWindowsLookIsRecordedSparingly() {
    Markers recent =
        Markers.NONE.withScaleDown(
            NOW.minus(Duration.ofHours(5)), 9, NOW.minus(Duration.ofMinutes(10)));

    Decision decision = Planner.plan(running(12, 4, recent), discord(8), scaleDownOn(), NOW);

    assertThat(decision.writeMarkers()).as("nothing new: no write this pass").isFalse();
  }

  @Test
  void aFailedPassWritesNoMarker() {
    ShardOverride expired = new ShardOverride(null, 6, NOW.minus(Duration.ofMinutes(1)), "x");
    Markers markers =
        Markers.NONE.withOverride(expired).withRolloutSince(NOW.minus(Duration.ofHours(2)));
    ClusterState state =
        new ClusterState(ShardCounts.of(12, 4), markers, new Rollout(2, 2, "a", "b", 3, 3, 2, 1));

    Decision decision = Planner.plan(state, discord(12), policy(), NOW);

    assertThat(decision.reason()).isEqualTo(Reason.ROLLOUT_STUCK);
    assertThat(decision.writeMarkers()).isFalse();
  }

  @Test
  void theMinimumIntervalCountsFromTheLastChange() {
    Decision decision =
        Planner.plan(
            running(12, 4, lastChange(Duration.ofMinutes(30))), discord(16), policy(), NOW);

    assertThat(decision.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
  }
}
