package dev.shardscaler.core.plan;

import static dev.shardscaler.testkit.property.Property.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.discord.SessionStartLimit;
import dev.shardscaler.testkit.property.Source;
import dev.shardscaler.testkit.property.Weighted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planner's invariants over generated StatefulSets (strategies, partitions, replicas including
 * 0, env present or missing, markers valid, in the future or unreadable, pauses), Discord answers
 * (1 to 100,000 shards, max_concurrency 1/16/32/64, any budget), policies, requests and times.
 */
class PlannerProperties {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final int TRIES = 3000;

  /** One generated situation. */
  record Case(
      ClusterState state, GatewayBot gateway, Policy policy, OverrideRequest ask, Instant now) {
    Decision plan() {
      return Planner.plan(state, gateway, policy, ask, now);
    }

    Markers trusted() {
      return state.markers().trusted(now, new java.util.ArrayList<>());
    }
  }

  /** One annotation of the StatefulSet, as anybody may have written it. */
  record Annotation(String key, String value) {}

  // ---- the invariants ------------------------------------------------------------------------

  @Test
  void noChangeDuringARolloutOnAHeldSetOrAPause() {
    forAll(
        "PlannerProperties.noChangeDuringARolloutOnAHeldSetOrAPause",
        TRIES,
        PlannerProperties::cases,
        (c, statistics) -> {
          Decision decision = c.plan();
          // The mix of outcomes the generated cases reach, printed with the property's report.
          statistics.collect(decision.kind());
          if (decision.isChange()) {
            assertThat(c.state().rollout().inProgress()).as(decision.message()).isFalse();
            assertThat(c.state().strategy().replacesEveryPod()).isTrue();
            assertThat(c.state().isPaused()).isFalse();
            assertThat(c.state().current().replicas()).isPositive();
          }
          if (decision.reason().isHold()) {
            assertThat(decision.writeMarkers()).isFalse();
          }
        });
  }

  @Test
  void neverAboveTheCap() {
    forAll(
        "PlannerProperties.neverAboveTheCap",
        TRIES,
        PlannerProperties::cases,
        c -> {
          Decision decision = c.plan();
          if (decision.isChange()) {
            int cap =
                c.policy().maxShards() == null ? Settings.MAX_SHARDS_LIMIT : c.policy().maxShards();
            assertThat(decision.target().shards()).as(decision.message()).isBetween(1, cap);
          }
        });
  }

  @Test
  void aMultipleOfMaxConcurrencyWheneverItIsAboveOne() {
    forAll(
        "PlannerProperties.aMultipleOfMaxConcurrencyWheneverItIsAboveOne",
        TRIES,
        PlannerProperties::cases,
        c -> {
          Decision decision = c.plan();
          int concurrency = c.gateway().sessionStartLimit().maxConcurrency();
          if (decision.isChange() && concurrency > 1) {
            assertThat(decision.target().shards() % concurrency).as(decision.message()).isZero();
          }
          if (decision.isChange() && c.policy().shardMultiple() != null) {
            assertThat(decision.target().shards() % c.policy().shardMultiple()).isZero();
          }
        });
  }

  @Test
  void theSwitchesHold() {
    forAll(
        "PlannerProperties.theSwitchesHold",
        TRIES,
        PlannerProperties::cases,
        c -> {
          Decision decision = c.plan();
          Integer running = c.state().current().shards();
          if (decision.isChange() && running != null) {
            if (decision.target().shards() > running) {
              assertThat(c.policy().scaleUp()).as(decision.message()).isTrue();
              assertThat(decision.reason()).isEqualTo(Reason.SCALED_UP);
            }
            if (decision.target().shards() < running) {
              assertThat(c.policy().scaleDown()).as(decision.message()).isTrue();
              assertThat(decision.reason()).isEqualTo(Reason.SCALED_DOWN);
            }
          }
        });
  }

  @Test
  void aScaleDownWaitsOutTheWindow() {
    forAll(
        "PlannerProperties.aScaleDownWaitsOutTheWindow",
        TRIES,
        PlannerProperties::cases,
        (c, statistics) -> {
          Decision decision = c.plan();
          statistics.collect(decision.reason());
          if (decision.reason() != Reason.SCALED_DOWN || c.policy().scaleDownWindow().isZero()) {
            return;
          }
          boolean explicit = decision.override() != null && decision.override().shards() != null;
          // The cap as the rules apply it: rounded down to the multiple the count must be.
          long cap = ShardRules.of(c.policy(), c.gateway()).max();
          boolean aboveCap = c.state().current().shards() > cap;
          int concurrency = c.gateway().sessionStartLimit().maxConcurrency();
          boolean refusedByDiscord =
              concurrency > 1 && c.state().current().shards() % concurrency != 0;
          if (explicit || aboveCap || refusedByDiscord) {
            return;
          }
          Instant since = c.trusted().scaleDownSince();
          assertThat(since).as(decision.message()).isNotNull();
          assertThat(since.plus(c.policy().scaleDownWindow())).isBeforeOrEqualTo(c.now());
        });
  }

  @Test
  void everyChangeLeavesTheReserve() {
    forAll(
        "PlannerProperties.everyChangeLeavesTheReserve",
        TRIES,
        PlannerProperties::cases,
        c -> {
          Decision decision = c.plan();
          if (decision.isChange()) {
            long needed = (long) decision.target().shards() + c.policy().identifyReserve();
            assertThat((long) c.gateway().sessionStartLimit().remaining())
                .as(decision.message())
                .isGreaterThanOrEqualTo(needed);
          }
        });
  }

  @Test
  void aChangedLayoutIsConsistent() {
    forAll(
        "PlannerProperties.aChangedLayoutIsConsistent",
        TRIES,
        PlannerProperties::cases,
        c -> {
          Decision decision = c.plan();
          if (decision.isChange()) {
            ShardCounts target = decision.target();
            assertThat(target.replicas())
                .isEqualTo(ShardCounts.of(target.shards(), target.shardsPerBot()).replicas());
            assertThat(target).isNotEqualTo(c.state().current());
            assertThat(decision.markers().lastChangeAt()).isEqualTo(c.now());
            assertThat(decision.writeMarkers()).isTrue();
          }
        });
  }

  @Test
  void replanningAfterAnAppliedChangeMakesNoOther() {
    forAll(
        "PlannerProperties.replanningAfterAnAppliedChangeMakesNoOther",
        TRIES,
        PlannerProperties::cases,
        c -> {
          Decision decision = c.plan();
          if (!decision.isChange()) {
            return;
          }
          ShardCounts applied = decision.target();
          ClusterState after =
              new ClusterState(
                  applied,
                  decision.markers(),
                  Rollout.finished(applied.replicas()),
                  c.state().strategy(),
                  c.state().paused(),
                  List.of(),
                  Set.of());
          // The rollout finished at once, and no minimum interval: only the rules could ask for
          // more.
          Policy eager =
              c.policy()
                  .withTimes(
                      c.policy().scaleDownWindow(), Duration.ZERO, c.policy().rolloutTimeout());

          Decision again = Planner.plan(after, c.gateway(), eager, OverrideRequest.NONE, c.now());

          assertThat(again.isChange())
              .as("%s, then %s", decision.message(), again.message())
              .isFalse();
        });
  }

  @Test
  void theMarkersAreReadBackAsWritten() {
    forAll(
        "PlannerProperties.theMarkersAreReadBackAsWritten",
        TRIES,
        PlannerProperties::cases,
        c -> {
          Decision decision = c.plan();
          Markers.Read read = Markers.read(decision.markers().toAnnotations());
          assertThat(read.problems()).isEmpty();
          assertThat(read.markers()).isEqualTo(decision.markers());
        });
  }

  @Test
  void anyAnnotationValueIsReadOrReportedNeverThrown() {
    forAll(
        "PlannerProperties.anyAnnotationValueIsReadOrReportedNeverThrown",
        TRIES,
        PlannerProperties::annotations,
        annotation -> {
          String key = annotation.key();
          Markers.Read read = Markers.read(Map.of(key, annotation.value()));

          assertThat(read.problems()).hasSameSizeAs(read.unreadable());
          assertThat(read.unreadable()).isSubsetOf(Set.of(key));
          boolean standsAlone =
              Set.of(Markers.LAST_CHANGE, Markers.ROLLOUT_SINCE, Markers.OVERRIDE).contains(key);
          if (standsAlone) {
            // either understood or named as unreadable: never silently dropped
            assertThat(read.unreadable().isEmpty())
                .isNotEqualTo(read.markers().equals(Markers.NONE));
          }
          if (!Markers.KEYS.contains(key)) {
            assertThat(read.markers()).isEqualTo(Markers.NONE);
            assertThat(read.unreadable()).isEmpty();
          }
        });
  }

  @Test
  void neverBelowWhatDiscordRequires() {
    forAll(
        "PlannerProperties.neverBelowWhatDiscordRequires",
        TRIES,
        PlannerProperties::cases,
        c -> {
          Decision decision = c.plan();
          if (decision.isChange()) {
            long required = (c.gateway().shards() * 1000L + 2499) / 2500;
            assertThat((long) decision.target().shards())
                .as(decision.message())
                .isGreaterThanOrEqualTo(required);
          }
        });
  }

  @Test
  void aCountDiscordRefusesIsNeverLeftAsWanted() {
    forAll(
        "PlannerProperties.aCountDiscordRefusesIsNeverLeftAsWanted",
        TRIES,
        PlannerProperties::cases,
        c -> {
          Decision decision = c.plan();
          int concurrency = c.gateway().sessionStartLimit().maxConcurrency();
          Integer running = c.state().current().shards();
          if (running != null && concurrency > 1 && running % concurrency != 0) {
            assertThat(decision.reason())
                .as(decision.message())
                .isNotIn(Reason.IN_SYNC, Reason.SCALE_DOWN_STABILIZING);
          }
        });
  }

  // ---- generators ----------------------------------------------------------------------------

  static Annotation annotations(Source s) {
    String key =
        s.oneOf(
            Markers.LAST_CHANGE,
            Markers.SCALE_DOWN_SINCE,
            Markers.SCALE_DOWN_PEAK,
            Markers.ROLLOUT_SINCE,
            Markers.OVERRIDE,
            "example.com/x");
    String garbage =
        s.bool()
            ? s.strings(40)
            : s.oneOf(
                "2026-11-28T12:00:00Z",
                "-1",
                "99999999999",
                "{\"shards\":1e999,\"until\":\"x\"}",
                "{\"shards\":4,\"until\":\"2026-11-28T12:00:00Z\"}",
                "[]",
                "null");
    return new Annotation(key, garbage);
  }

  static Case cases(Source s) {
    ClusterState state = states(s);
    return new Case(state, gateways(s, state), policies(s, state), asks(s), nows(s));
  }

  /** Mostly close to the markers (which lie around {@link #NOW}), sometimes far after them. */
  private static Instant nows(Source s) {
    long seconds =
        s.frequency(
            Weighted.of(8, t -> t.longs(0, 2 * 86_400L)),
            Weighted.of(2, t -> t.longs(0, 400 * 86_400L)));
    return NOW.plusSeconds(seconds);
  }

  /** Discord's answers, most of them near what the set runs (a bot grows and shrinks slowly). */
  private static GatewayBot gateways(Source s, ClusterState state) {
    int running = state.current().shards() == null ? 16 : state.current().shards();
    int shards =
        s.frequency(
            Weighted.value(3, running),
            Weighted.of(
                6,
                t ->
                    t.ints(
                        Math.max(1, running / 2),
                        Math.min(Settings.MAX_SHARDS_LIMIT, running * 2))),
            Weighted.of(2, t -> t.ints(1, 5000)),
            Weighted.of(1, t -> t.ints(1, Settings.MAX_SHARDS_LIMIT)));
    int remaining =
        s.frequency(
            Weighted.of(1, t -> t.ints(0, 200)), Weighted.of(9, t -> t.ints(5_000, 200_000)));
    int concurrency = s.oneOf(1, 1, 16, 32, 64);
    long resetMillis = s.longs(0, 86_400_000L);
    return new GatewayBot(
        shards,
        new SessionStartLimit(1000, remaining, Duration.ofMillis(resetMillis), concurrency));
  }

  /** Policies; most keep the set's own shards per pod (a repack is the exception). */
  private static Policy policies(Source s, ClusterState state) {
    Integer running = state.current().shardsPerBot();
    int perBot =
        running == null
            ? s.ints(1, 64)
            : s.frequency(Weighted.value(7, running), Weighted.of(3, t -> t.ints(1, 64)));
    boolean up = s.oneOf(true, true, true, true, false);
    boolean down = s.oneOf(true, true, false);
    int min = s.ints(1, 100);
    Integer max =
        s.frequency(
            Weighted.value(5, (Integer) null),
            Weighted.of(2, t -> t.ints(1, 100)),
            Weighted.of(3, t -> t.ints(100, 20_000)));
    int guilds = s.frequency(Weighted.value(3, 1000), Weighted.of(1, t -> t.ints(1, 2500)));
    Integer multiple =
        s.frequency(Weighted.value(3, (Integer) null), Weighted.of(1, t -> t.ints(1, 64)));
    int reserve = s.ints(0, 200);
    Duration window = s.oneOf(Duration.ZERO, Duration.ofMinutes(30), Duration.ofHours(24));
    Duration interval = s.oneOf(Duration.ZERO, Duration.ofHours(1));
    Duration rollout = s.oneOf(null, Duration.ofHours(1));
    return new Policy(
            perBot,
            up,
            down,
            max == null ? min : Math.min(min, max),
            max,
            guilds,
            multiple,
            reserve,
            Duration.ofHours(24),
            Duration.ofHours(1),
            null,
            Duration.ofHours(24))
        .withTimes(window, interval, rollout);
  }

  private static OverrideRequest asks(Source s) {
    return s.frequency(
        Weighted.value(6, OverrideRequest.NONE),
        Weighted.of(
            2,
            t -> {
              Integer shards = t.nullable(0.3, u -> u.ints(1, 5000));
              Integer perBot = t.nullable(0.5, u -> u.ints(1, 64));
              Duration holdFor =
                  t.nullable(0.5, u -> u.oneOf(Duration.ofMinutes(5), Duration.ofDays(2)));
              return shards == null && perBot == null
                  ? OverrideRequest.shards(8)
                  : new OverrideRequest(shards, perBot, holdFor, false, "generated");
            }),
        Weighted.value(1, new OverrideRequest(null, null, null, true, "clear")));
  }

  private static ClusterState states(Source s) {
    Integer shards =
        s.nullable(
            0.05,
            t ->
                t.frequency(
                    Weighted.of(6, u -> u.ints(1, 64)), Weighted.of(3, u -> u.ints(1, 5000))));
    Integer perBot = s.nullable(0.05, t -> t.ints(1, 64));
    int replicaNoise = s.frequency(Weighted.value(8, 0), Weighted.of(2, t -> t.ints(-3, 3)));
    boolean stopped = s.frequency(Weighted.value(49, false), Weighted.value(1, true));
    int replicas =
        shards == null
            ? 1
            : ShardCounts.of(shards, perBot == null ? 1 : perBot).replicas() + replicaNoise;
    ShardCounts counts = new ShardCounts(shards, stopped ? 0 : Math.max(1, replicas), perBot);
    Markers markers = markers(s);
    Rollout rollout =
        s.frequency(
            Weighted.value(14, Rollout.finished(3)),
            Weighted.value(2, new Rollout(2, 2, "a", "b", 3, 3, 1, 1)),
            Weighted.value(1, new Rollout(3, 2, "a", "a", 3, 3, 3, 3)));
    UpdateStrategy strategy =
        s.frequency(
            Weighted.value(18, UpdateStrategy.DEFAULT),
            Weighted.of(1, t -> new UpdateStrategy("RollingUpdate", t.ints(1, 5), "Parallel")),
            Weighted.value(1, new UpdateStrategy("OnDelete", 0, "OrderedReady")));
    String paused =
        s.frequency(
            Weighted.value(18, (String) null),
            Weighted.of(1, t -> t.oneOf("true", "false", "0", "yes", "")));
    return new ClusterState(counts, markers, rollout, strategy, paused, List.of(), Set.of());
  }

  /** Times around now: in the past, just ahead (skew), far in the future; or none. */
  private static Instant markerTime(Source s) {
    return s.nullable(
        0.4,
        t -> {
          long seconds =
              t.frequency(
                  Weighted.of(6, u -> u.longs(-3 * 86_400L, 0)),
                  Weighted.of(1, u -> u.longs(0, 600)),
                  Weighted.of(1, u -> u.longs(0, 400 * 86_400L)));
          return NOW.plusSeconds(seconds);
        });
  }

  private static Markers markers(Source s) {
    Instant last = markerTime(s);
    Instant since = markerTime(s);
    int peak = s.ints(1, 5000);
    Instant seen = markerTime(s);
    Instant rollout = markerTime(s);
    String revision = s.nullable(0.3, t -> t.oneOf("a", "b"));
    ShardOverride override =
        s.nullable(
            0.7,
            t -> {
              Integer shards = t.nullable(0.3, u -> u.ints(1, 5000));
              Integer perBot = t.nullable(0.5, u -> u.ints(1, 64));
              long until = t.longs(-86_400L, 40 * 86_400L);
              return shards == null && perBot == null
                  ? null
                  : new ShardOverride(shards, perBot, NOW.plusSeconds(until), "generated");
            });
    return new Markers(
        last,
        last == null ? null : "1→2",
        since,
        since == null ? null : peak,
        since == null ? null : seen,
        rollout,
        rollout == null ? null : revision,
        override);
  }
}
