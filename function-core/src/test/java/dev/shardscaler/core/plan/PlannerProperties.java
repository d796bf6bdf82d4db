package dev.shardscaler.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardscaler.core.Reason;
import dev.shardscaler.core.config.Settings;
import dev.shardscaler.core.discord.GatewayBot;
import dev.shardscaler.core.discord.SessionStartLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The planner's invariants over generated StatefulSets (strategies, partitions, replicas including
 * 0, env present or missing, markers valid, in the future or unreadable, pauses), Discord answers
 * (1 to 100,000 shards, max_concurrency 1/16/32/64, any budget), policies, requests and times.
 */
class PlannerProperties {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

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

  // ---- the invariants ------------------------------------------------------------------------

  @Property
  void noChangeDuringARolloutOnAHeldSetOrAPause(@ForAll("cases") Case c) {
    Decision decision = c.plan();
    // The mix of outcomes the generated cases reach, printed with the property's report.
    Statistics.collect(decision.kind());
    if (decision.isChange()) {
      assertThat(c.state().rollout().inProgress()).as(decision.message()).isFalse();
      assertThat(c.state().strategy().replacesEveryPod()).isTrue();
      assertThat(c.state().isPaused()).isFalse();
      assertThat(c.state().current().replicas()).isPositive();
    }
    if (decision.reason().isHold()) {
      assertThat(decision.writeMarkers()).isFalse();
    }
  }

  @Property
  void neverAboveTheCap(@ForAll("cases") Case c) {
    Decision decision = c.plan();
    if (decision.isChange()) {
      int cap = c.policy().maxShards() == null ? Settings.MAX_SHARDS_LIMIT : c.policy().maxShards();
      assertThat(decision.target().shards()).as(decision.message()).isBetween(1, cap);
    }
  }

  @Property
  void aMultipleOfMaxConcurrencyWheneverItIsAboveOne(@ForAll("cases") Case c) {
    Decision decision = c.plan();
    int concurrency = c.gateway().sessionStartLimit().maxConcurrency();
    if (decision.isChange() && concurrency > 1) {
      assertThat(decision.target().shards() % concurrency).as(decision.message()).isZero();
    }
    if (decision.isChange() && c.policy().shardMultiple() != null) {
      assertThat(decision.target().shards() % c.policy().shardMultiple()).isZero();
    }
  }

  @Property
  void theSwitchesHold(@ForAll("cases") Case c) {
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
  }

  @Property
  void aScaleDownWaitsOutTheWindow(@ForAll("cases") Case c) {
    Decision decision = c.plan();
    Statistics.collect(decision.reason());
    if (decision.reason() != Reason.SCALED_DOWN || c.policy().scaleDownWindow().isZero()) {
      return;
    }
    boolean explicit = decision.override() != null && decision.override().shards() != null;
    // The cap as the rules apply it: rounded down to the multiple the count must be.
    long cap = ShardRules.of(c.policy(), c.gateway()).max();
    boolean aboveCap = c.state().current().shards() > cap;
    int concurrency = c.gateway().sessionStartLimit().maxConcurrency();
    boolean refusedByDiscord = concurrency > 1 && c.state().current().shards() % concurrency != 0;
    if (explicit || aboveCap || refusedByDiscord) {
      return;
    }
    Instant since = c.trusted().scaleDownSince();
    assertThat(since).as(decision.message()).isNotNull();
    assertThat(since.plus(c.policy().scaleDownWindow())).isBeforeOrEqualTo(c.now());
  }

  @Property
  void everyChangeLeavesTheReserve(@ForAll("cases") Case c) {
    Decision decision = c.plan();
    if (decision.isChange()) {
      long needed = (long) decision.target().shards() + c.policy().identifyReserve();
      assertThat((long) c.gateway().sessionStartLimit().remaining())
          .as(decision.message())
          .isGreaterThanOrEqualTo(needed);
    }
  }

  @Property
  void aChangedLayoutIsConsistent(@ForAll("cases") Case c) {
    Decision decision = c.plan();
    if (decision.isChange()) {
      ShardCounts target = decision.target();
      assertThat(target.replicas())
          .isEqualTo(ShardCounts.of(target.shards(), target.shardsPerBot()).replicas());
      assertThat(target).isNotEqualTo(c.state().current());
      assertThat(decision.markers().lastChangeAt()).isEqualTo(c.now());
      assertThat(decision.writeMarkers()).isTrue();
    }
  }

  @Property
  void replanningAfterAnAppliedChangeMakesNoOther(@ForAll("cases") Case c) {
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
    // The rollout finished at once, and no minimum interval: only the rules could ask for more.
    Policy eager =
        c.policy()
            .withTimes(c.policy().scaleDownWindow(), Duration.ZERO, c.policy().rolloutTimeout());

    Decision again = Planner.plan(after, c.gateway(), eager, OverrideRequest.NONE, c.now());

    assertThat(again.isChange()).as("%s, then %s", decision.message(), again.message()).isFalse();
  }

  @Property
  void theMarkersAreReadBackAsWritten(@ForAll("cases") Case c) {
    Decision decision = c.plan();
    Markers.Read read = Markers.read(decision.markers().toAnnotations());
    assertThat(read.problems()).isEmpty();
    assertThat(read.markers()).isEqualTo(decision.markers());
  }

  @Property
  void anyAnnotationValueIsReadOrReportedNeverThrown(
      @ForAll("annotationKeys") String key, @ForAll("garbage") String value) {
    Markers.Read read = Markers.read(Map.of(key, value));

    assertThat(read.problems()).hasSameSizeAs(read.unreadable());
    assertThat(read.unreadable()).isSubsetOf(Set.of(key));
    boolean standsAlone =
        Set.of(Markers.LAST_CHANGE, Markers.ROLLOUT_SINCE, Markers.OVERRIDE).contains(key);
    if (standsAlone) {
      // either understood or named as unreadable: never silently dropped
      assertThat(read.unreadable().isEmpty()).isNotEqualTo(read.markers().equals(Markers.NONE));
    }
    if (!Markers.KEYS.contains(key)) {
      assertThat(read.markers()).isEqualTo(Markers.NONE);
      assertThat(read.unreadable()).isEmpty();
    }
  }

  @Property
  void neverBelowWhatDiscordRequires(@ForAll("cases") Case c) {
    Decision decision = c.plan();
    if (decision.isChange()) {
      long required = (c.gateway().shards() * 1000L + 2499) / 2500;
      assertThat((long) decision.target().shards())
          .as(decision.message())
          .isGreaterThanOrEqualTo(required);
    }
  }

  @Property
  void aCountDiscordRefusesIsNeverLeftAsWanted(@ForAll("cases") Case c) {
    Decision decision = c.plan();
    int concurrency = c.gateway().sessionStartLimit().maxConcurrency();
    Integer running = c.state().current().shards();
    if (running != null && concurrency > 1 && running % concurrency != 0) {
      assertThat(decision.reason())
          .as(decision.message())
          .isNotIn(Reason.IN_SYNC, Reason.SCALE_DOWN_STABILIZING);
    }
  }

  // ---- generators ----------------------------------------------------------------------------

  @Provide
  Arbitrary<String> annotationKeys() {
    return Arbitraries.of(
        Markers.LAST_CHANGE,
        Markers.SCALE_DOWN_SINCE,
        Markers.SCALE_DOWN_PEAK,
        Markers.ROLLOUT_SINCE,
        Markers.OVERRIDE,
        "example.com/x");
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.of(
            "2026-11-28T12:00:00Z",
            "-1",
            "99999999999",
            "{\"shards\":1e999,\"until\":\"x\"}",
            "{\"shards\":4,\"until\":\"2026-11-28T12:00:00Z\"}",
            "[]",
            "null"));
  }

  @Provide
  Arbitrary<Case> cases() {
    return states()
        .flatMap(
            state ->
                Combinators.combine(gateways(state), policies(state), asks(), nows())
                    .as((gateway, policy, ask, now) -> new Case(state, gateway, policy, ask, now)));
  }

  /** Mostly close to the markers (which lie around {@link #NOW}), sometimes far after them. */
  private Arbitrary<Instant> nows() {
    return Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.longs().between(0, 2 * 86_400L)),
            Tuple.of(2, Arbitraries.longs().between(0, 400 * 86_400L)))
        .map(NOW::plusSeconds);
  }

  /** Discord's answers, most of them near what the set runs (a bot grows and shrinks slowly). */
  private Arbitrary<GatewayBot> gateways(ClusterState state) {
    int running = state.current().shards() == null ? 16 : state.current().shards();
    Arbitrary<Integer> shards =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(running)),
            Tuple.of(
                6,
                Arbitraries.integers()
                    .between(
                        Math.max(1, running / 2),
                        Math.min(Settings.MAX_SHARDS_LIMIT, running * 2))),
            Tuple.of(2, Arbitraries.integers().between(1, 5000)),
            Tuple.of(1, Arbitraries.integers().between(1, Settings.MAX_SHARDS_LIMIT)));
    Arbitrary<Integer> remaining =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.integers().between(0, 200)),
            Tuple.of(
                9,
                Arbitraries.integers()
                    .between(5_000, 200_000)
                    .withDistribution(RandomDistribution.uniform())));
    Arbitrary<Integer> concurrency = Arbitraries.of(1, 1, 16, 32, 64);
    Arbitrary<Long> reset = Arbitraries.longs().between(0, 86_400_000L);
    return Combinators.combine(shards, remaining, concurrency, reset)
        .as(
            (s, r, m, ms) ->
                new GatewayBot(s, new SessionStartLimit(1000, r, Duration.ofMillis(ms), m)));
  }

  /** Policies; most keep the set's own shards per pod (a repack is the exception). */
  private Arbitrary<Policy> policies(ClusterState state) {
    Integer running = state.current().shardsPerBot();
    Arbitrary<Integer> perBot =
        running == null
            ? Arbitraries.integers().between(1, 64)
            : Arbitraries.frequencyOf(
                Tuple.of(7, Arbitraries.just(running)),
                Tuple.of(3, Arbitraries.integers().between(1, 64)));
    Arbitrary<Boolean> up = Arbitraries.of(true, true, true, true, false);
    Arbitrary<Boolean> down = Arbitraries.of(true, true, false);
    Arbitrary<Integer> min = Arbitraries.integers().between(1, 100);
    Arbitrary<Integer> max =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.just((Integer) null)),
            Tuple.of(2, Arbitraries.integers().between(1, 100)),
            Tuple.of(3, Arbitraries.integers().between(100, 20_000)));
    Arbitrary<Integer> guilds =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(1000)),
            Tuple.of(1, Arbitraries.integers().between(1, 2500)));
    Arbitrary<Integer> multiple =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just((Integer) null)),
            Tuple.of(1, Arbitraries.integers().between(1, 64)));
    Arbitrary<Integer> reserve = Arbitraries.integers().between(0, 200);
    Arbitrary<Duration> window =
        Arbitraries.of(Duration.ZERO, Duration.ofMinutes(30), Duration.ofHours(24));
    Arbitrary<Duration> interval = Arbitraries.of(Duration.ZERO, Duration.ofHours(1));
    Arbitrary<Duration> rollout =
        Arbitraries.oneOf(Arbitraries.just((Duration) null), Arbitraries.of(Duration.ofHours(1)));
    Arbitrary<Policy> shape =
        Combinators.combine(perBot, up, down, min, max, guilds, multiple, reserve)
            .as(
                (p, u, d, lo, hi, g, m, r) ->
                    new Policy(
                        p,
                        u,
                        d,
                        hi == null ? lo : Math.min(lo, hi),
                        hi,
                        g,
                        m,
                        r,
                        Duration.ofHours(24),
                        Duration.ofHours(1),
                        null,
                        Duration.ofHours(24)));
    return Combinators.combine(shape, window, interval, rollout)
        .as((p, w, i, t) -> p.withTimes(w, i, t));
  }

  private Arbitrary<OverrideRequest> asks() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(OverrideRequest.NONE)),
        Tuple.of(
            2,
            Combinators.combine(
                    Arbitraries.integers().between(1, 5000).injectNull(0.3),
                    Arbitraries.integers().between(1, 64).injectNull(0.5),
                    Arbitraries.of(Duration.ofMinutes(5), Duration.ofDays(2)).injectNull(0.5))
                .as(
                    (s, p, f) ->
                        s == null && p == null
                            ? OverrideRequest.shards(8)
                            : new OverrideRequest(s, p, f, false, "generated"))),
        Tuple.of(1, Arbitraries.just(new OverrideRequest(null, null, null, true, "clear"))));
  }

  private Arbitrary<ClusterState> states() {
    Arbitrary<Integer> shards =
        Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 64)),
                Tuple.of(3, Arbitraries.integers().between(1, 5000)))
            .injectNull(0.05);
    Arbitrary<Integer> perBot = Arbitraries.integers().between(1, 64).injectNull(0.05);
    Arbitrary<Integer> replicaNoise =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just(0)), Tuple.of(2, Arbitraries.integers().between(-3, 3)));
    Arbitrary<Boolean> stopped =
        Arbitraries.frequencyOf(
            Tuple.of(49, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)));
    Arbitrary<ShardCounts> counts =
        Combinators.combine(shards, perBot, replicaNoise, stopped)
            .as(
                (s, p, noise, stop) -> {
                  int replicas =
                      s == null ? 1 : ShardCounts.of(s, p == null ? 1 : p).replicas() + noise;
                  return new ShardCounts(s, stop ? 0 : Math.max(1, replicas), p);
                });
    Arbitrary<Rollout> rollout =
        Arbitraries.frequencyOf(
            Tuple.of(14, Arbitraries.just(Rollout.finished(3))),
            Tuple.of(2, Arbitraries.just(new Rollout(2, 2, "a", "b", 3, 3, 1, 1))),
            Tuple.of(1, Arbitraries.just(new Rollout(3, 2, "a", "a", 3, 3, 3, 3))));
    Arbitrary<UpdateStrategy> strategy =
        Arbitraries.frequencyOf(
            Tuple.of(18, Arbitraries.just(UpdateStrategy.DEFAULT)),
            Tuple.of(
                1,
                Arbitraries.integers()
                    .between(1, 5)
                    .map(p -> new UpdateStrategy("RollingUpdate", p, "Parallel"))),
            Tuple.of(1, Arbitraries.just(new UpdateStrategy("OnDelete", 0, "OrderedReady"))));
    Arbitrary<String> paused =
        Arbitraries.frequencyOf(
            Tuple.of(18, Arbitraries.just((String) null)),
            Tuple.of(1, Arbitraries.of("true", "false", "0", "yes", "")));
    return Combinators.combine(counts, markers(), rollout, strategy, paused)
        .as((c, m, r, s, p) -> new ClusterState(c, m, r, s, p, List.of(), Set.of()));
  }

  private Arbitrary<Markers> markers() {
    // Times around now: in the past, just ahead (skew), far in the future.
    Arbitrary<Instant> time =
        Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(-3 * 86_400L, 0)),
                Tuple.of(1, Arbitraries.longs().between(0, 600)),
                Tuple.of(1, Arbitraries.longs().between(0, 400 * 86_400L)))
            .map(NOW::plusSeconds)
            .injectNull(0.4);
    Arbitrary<Integer> peak = Arbitraries.integers().between(1, 5000);
    Arbitrary<ShardOverride> override =
        Combinators.combine(
                Arbitraries.integers().between(1, 5000).injectNull(0.3),
                Arbitraries.integers().between(1, 64).injectNull(0.5),
                Arbitraries.longs().between(-86_400L, 40 * 86_400L))
            .as(
                (s, p, until) ->
                    s == null && p == null
                        ? null
                        : new ShardOverride(s, p, NOW.plusSeconds(until), "generated"))
            .injectNull(0.7);
    Arbitrary<String> revision = Arbitraries.of("a", "b").injectNull(0.3);
    return Combinators.combine(time, time, peak, time, time, revision, override)
        .as(
            (last, since, top, seen, rollout, rev, o) ->
                new Markers(
                    last,
                    last == null ? null : "1→2",
                    since,
                    since == null ? null : top,
                    since == null ? null : seen,
                    rollout,
                    rollout == null ? null : rev,
                    o));
  }
}
